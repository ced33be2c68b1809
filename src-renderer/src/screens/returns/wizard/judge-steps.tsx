import { can } from '../../../../../src-shared/contract';
import { formatDateTime, money } from '../../../lib/format';
import { chosenLines, useReturnWizard } from '../../../stores/return-wizard';
import { useSession } from '../../../stores/session';
import { VerdictBadge } from '../return-labels';
import { Nav } from './Nav';

/** Steps 3–4: reason and condition per line, then the policy's verdict. */
export function ReasonsStep() {
  const order = useReturnWizard((s) => s.order);
  const policy = useReturnWizard((s) => s.policy);
  const picks = useReturnWizard((s) => s.picks);
  const setPick = useReturnWizard((s) => s.setPick);
  const evaluate = useReturnWizard((s) => s.evaluate);
  if (!order || !policy) return null;
  const title = (id: number) => order.lines.find((l) => l.id === id)?.title ?? `Line ${id}`;
  return (
    <div className="wizard-card">
      <table className="table wizard-lines">
        <thead>
          <tr>
            <th>Item</th>
            <th className="num">Qty</th>
            <th>Reason</th>
            <th>Condition</th>
          </tr>
        </thead>
        <tbody>
          {chosenLines(picks).map(([id, p]) => (
            <tr key={id}>
              <td>{title(id)}</td>
              <td className="num">{p.quantity}</td>
              <td>
                <select className="select" aria-label={`Reason for ${title(id)}`} value={p.reason} onChange={(e) => setPick(id, { reason: e.target.value })} data-testid="wizard-reason">
                  {policy.reasons.filter((r) => !r.retired).map((r) => (
                    <option key={r.code} value={r.code}>
                      {r.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select className="select" aria-label={`Condition of ${title(id)}`} value={p.condition} onChange={(e) => setPick(id, { condition: e.target.value })} data-testid="wizard-condition">
                  {policy.conditions.filter((c) => !c.retired).map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Nav back="items" next={() => void evaluate()} nextLabel="Check against the policy" testId="wizard-evaluate" />
    </div>
  );
}

export function VerdictStep() {
  const ev = useReturnWizard((s) => s.evaluation);
  const picks = useReturnWizard((s) => s.picks);
  const setPick = useReturnWizard((s) => s.setPick);
  const evaluate = useReturnWizard((s) => s.evaluate);
  const role = useSession((s) => s.user?.role);
  const manager = !!role && can(role, 'returns.override');
  if (!ev) return null;
  const accepted = (lineId: number) => manager && (picks[lineId]?.override.trim().length ?? 0) >= 5;
  const blocked = ev.lines.filter((l) => l.verdict === 'not_eligible' && !accepted(l.lineId));
  return (
    <div className="wizard-card">
      <p className="muted small">
        Judged by “{ev.policyName}” (version {ev.policyId}){ev.judgedFrom ? `, the policy in force when the order ${ev.judgedFrom.kind === 'delivered' ? 'was delivered' : 'shipped'} (${formatDateTime(ev.judgedFrom.at)})` : ''}
        {ev.judgedFrom?.kind === 'fulfilled' ? '; the carrier has not confirmed delivery, so the window counts from shipping' : ''}.
      </p>
      <ul className="verdicts">
        {ev.lines.map((l) => (
          <li key={l.lineId} className={`verdict verdict-${l.verdict}`} data-testid="wizard-verdict">
            <div className="verdict-head">
              <VerdictBadge verdict={l.verdict} overridden={!!l.override} />
              <span className="strong">
                {l.quantity} × {l.title}
              </span>
              <span className="muted">
                {l.reasonLabel} · {l.conditionLabel}
              </span>
              <span className="verdict-amount">{l.verdict === 'not_eligible' ? '—' : money(l.refundMinor, ev.currency)}</span>
            </div>
            <ul className="verdict-reasons">
              {l.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            {l.verdict === 'not_eligible' && manager ? (
              <input
                className="input override-input"
                aria-label={`Manager exception for ${l.title}`}
                placeholder="Accept as an exception: write why (a manager’s decision, audited)"
                value={picks[l.lineId]?.override ?? ''}
                onChange={(e) => setPick(l.lineId, { override: e.target.value })}
                data-testid="wizard-override"
              />
            ) : null}
            {l.verdict === 'not_eligible' && !manager ? <div className="small muted">Only a manager can accept this as an exception. Go back and remove it, or ask a manager.</div> : null}
          </li>
        ))}
      </ul>
      <Nav back="reasons" next={() => void evaluate(true)} nextLabel="Next: resolution" disabled={blocked.length > 0} />
    </div>
  );
}
