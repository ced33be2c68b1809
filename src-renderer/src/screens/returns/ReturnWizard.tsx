import { useEffect, useRef, type FormEvent } from 'react';
import { can } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { fieldMessage } from '../../lib/api';
import { formatListDate, money } from '../../lib/format';
import { chosenLines, STEP_LABELS, useReturnWizard, WIZARD_STEPS, type WizardStep } from '../../stores/return-wizard';
import { useReturns } from '../../stores/returns';
import { useSession } from '../../stores/session';
import { FulfilmentBadge } from '../../components/Badge';
import { resolutionLabel, VerdictBadge } from './return-labels';

/** The return wizard: order → items → reason & condition → verdict → resolution → summary → RMA. */
export function ReturnWizard() {
  const step = useReturnWizard((s) => s.step);
  const close = useReturnWizard((s) => s.close);
  const error = useReturnWizard((s) => s.error);
  const order = useReturnWizard((s) => s.order);
  const index = WIZARD_STEPS.indexOf(step as (typeof WIZARD_STEPS)[number]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  return (
    <div className="wizard" data-testid="return-wizard">
      <div className="wizard-head">
        <div>
          <h2 className="page-title">New return{order ? ` · ${order.name}` : ''}</h2>
          <p className="page-sub">{order ? `${order.customerName} · ordered ${formatListDate(order.createdAt)}` : 'Find the order the customer wants to return items from.'}</p>
        </div>
        <button type="button" className="btn btn-ghost" onClick={close}>
          Cancel
        </button>
      </div>
      {step !== 'done' ? (
        <ol className="wizard-steps" aria-label="Steps">
          {WIZARD_STEPS.map((s, i) => (
            <li key={s} className={i === index ? 'is-current' : i < index ? 'is-done' : ''} aria-current={i === index ? 'step' : undefined}>
              <span className="wizard-step-no">{i + 1}</span>
              {STEP_LABELS[s]}
            </li>
          ))}
        </ol>
      ) : null}
      {error && error.code !== 'VALIDATION' ? <ErrorNotice error={error} testId="wizard-error" /> : null}
      {error && error.code === 'VALIDATION' ? (
        <div className="notice notice-error" role="alert" data-testid="wizard-error" data-field={error.field}>
          <div className="notice-text">{fieldMessage(error)}</div>
        </div>
      ) : null}
      <div className="wizard-body">
        <StepView step={step} />
      </div>
    </div>
  );
}

function StepView({ step }: { step: WizardStep }) {
  switch (step) {
    case 'order':
      return <OrderStep />;
    case 'items':
      return <ItemsStep />;
    case 'reasons':
      return <ReasonsStep />;
    case 'verdict':
      return <VerdictStep />;
    case 'resolution':
      return <ResolutionStep />;
    case 'summary':
      return <SummaryStep />;
    default:
      return <DoneStep />;
  }
}

function Nav({ back, next, nextLabel, disabled, testId }: { back?: WizardStep; next: () => void; nextLabel: string; disabled?: boolean; testId?: string }) {
  const goTo = useReturnWizard((s) => s.goTo);
  const busy = useReturnWizard((s) => s.busy);
  return (
    <div className="wizard-nav">
      {back ? (
        <button type="button" className="btn" onClick={() => goTo(back)}>
          Back
        </button>
      ) : (
        <span />
      )}
      <button type="button" className="btn btn-primary" disabled={disabled || busy} onClick={next} data-testid={testId ?? 'wizard-next'}>
        {busy ? 'Working…' : nextLabel}
      </button>
    </div>
  );
}

function OrderStep() {
  const query = useReturnWizard((s) => s.query);
  const setQuery = useReturnWizard((s) => s.setQuery);
  const search = useReturnWizard((s) => s.search);
  const results = useReturnWizard((s) => s.results);
  const searching = useReturnWizard((s) => s.searching);
  const pickOrder = useReturnWizard((s) => s.pickOrder);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void search();
  };
  return (
    <div className="wizard-card">
      <form className="wizard-search" onSubmit={submit}>
        <input ref={input} className="input input-large" aria-label="Order number, email or scan" placeholder="Order number, customer email or scan the packing slip…" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="wizard-order-search" />
        <button type="submit" className="btn btn-primary" disabled={!query.trim() || searching}>
          Find order
        </button>
      </form>
      {searching ? <Spinner label="Searching…" /> : null}
      {results && results.length === 0 ? <p className="muted">No order matches “{query}”.</p> : null}
      {results && results.length > 0 ? (
        <table className="table wizard-results">
          <tbody>
            {results.map((o) => (
              <tr key={o.id} className="wizard-result" onClick={() => void pickOrder(o.id)} data-testid="wizard-order-result">
                <td className="strong">{o.name}</td>
                <td>{o.customerName}</td>
                <td className="muted">{o.email}</td>
                <td className="muted">{formatListDate(o.createdAt)}</td>
                <td>
                  <FulfilmentBadge status={o.fulfillmentStatus} />
                </td>
                <td className="num">{money(o.totalMinor, o.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function ItemsStep() {
  const order = useReturnWizard((s) => s.order);
  const picks = useReturnWizard((s) => s.picks);
  const setPick = useReturnWizard((s) => s.setPick);
  const goTo = useReturnWizard((s) => s.goTo);
  if (!order) return null;
  const any = chosenLines(picks).length > 0;
  return (
    <div className="wizard-card">
      <table className="table wizard-lines">
        <thead>
          <tr>
            <th>Item</th>
            <th className="num">Bought</th>
            <th className="num">Shipped</th>
            <th className="num">Refunded</th>
            <th className="num">Price</th>
            <th className="num">Return</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => {
            const max = Math.max(0, l.fulfilledQuantity - l.refundedQuantity);
            return (
              <tr key={l.id}>
                <td>
                  {l.title}
                  <div className="mono muted small">
                    {l.variantTitle ? `${l.variantTitle} · ` : ''}
                    {l.sku}
                  </div>
                </td>
                <td className="num">{l.quantity}</td>
                <td className="num">{l.fulfilledQuantity}</td>
                <td className="num">{l.refundedQuantity}</td>
                <td className="num">{money(l.priceMinor, order.currency)}</td>
                <td className="num">
                  <input
                    type="number"
                    className="input qty-input"
                    min={0}
                    max={max}
                    disabled={max === 0}
                    aria-label={`Quantity to return of ${l.title}`}
                    value={picks[l.id]?.quantity ?? 0}
                    onChange={(e) => setPick(l.id, { quantity: Math.max(0, Math.min(max, Math.floor(Number(e.target.value) || 0))) })}
                    data-testid="wizard-qty"
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {order.fulfillmentStatus === 'unfulfilled' ? <p className="muted">Nothing on this order has shipped yet, so there is nothing to return.</p> : null}
      <Nav back="order" next={() => goTo('reasons')} nextLabel="Next: reasons" disabled={!any} />
    </div>
  );
}

function ReasonsStep() {
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
                  {policy.reasons.map((r) => (
                    <option key={r.code} value={r.code}>
                      {r.label}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select className="select" aria-label={`Condition of ${title(id)}`} value={p.condition} onChange={(e) => setPick(id, { condition: e.target.value })} data-testid="wizard-condition">
                  {policy.conditions.map((c) => (
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

function VerdictStep() {
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
        Judged by “{ev.policyName}” (version {ev.policyId}){ev.judgedFrom ? `, the policy in force when the order ${ev.judgedFrom.kind === 'delivered' ? 'was delivered' : 'shipped'}` : ''}.
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

function ResolutionStep() {
  const ev = useReturnWizard((s) => s.evaluation);
  const resolution = useReturnWizard((s) => s.resolution);
  const setResolution = useReturnWizard((s) => s.setResolution);
  const note = useReturnWizard((s) => s.note);
  const setNote = useReturnWizard((s) => s.setNote);
  const goTo = useReturnWizard((s) => s.goTo);
  if (!ev) return null;
  return (
    <div className="wizard-card">
      <fieldset className="resolution-choices">
        <legend className="field-label">What does the customer get?</legend>
        {ev.allowedResolutions.map((r) => (
          <label key={r} className={`resolution-choice${resolution === r ? ' is-chosen' : ''}`}>
            <input type="radio" name="resolution" value={r} checked={resolution === r} onChange={() => setResolution(r)} />
            {resolutionLabel(r)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field-label">Note (optional)</span>
        <textarea className="input textarea" rows={2} value={note} onChange={(e) => setNote(e.target.value)} aria-label="Note" />
      </label>
      <Nav back="verdict" next={() => goTo('summary')} nextLabel="Next: summary" disabled={!resolution} />
    </div>
  );
}

function SummaryStep() {
  const ev = useReturnWizard((s) => s.evaluation);
  const resolution = useReturnWizard((s) => s.resolution);
  const create = useReturnWizard((s) => s.create);
  if (!ev || !resolution) return null;
  const c = ev.currency;
  const sum = (k: 'itemMinor' | 'taxMinor' | 'feeMinor') => ev.lines.reduce((s, l) => s + l[k], 0);
  return (
    <div className="wizard-card" data-testid="wizard-summary">
      <table className="table wizard-lines">
        <thead>
          <tr>
            <th>Item</th>
            <th className="num">Qty</th>
            <th className="num">Item</th>
            <th className="num">Tax</th>
            <th className="num">Fee</th>
            <th className="num">Refund</th>
          </tr>
        </thead>
        <tbody>
          {ev.lines.map((l) => (
            <tr key={l.lineId}>
              <td>
                {l.title}
                {l.override ? <div className="small muted">Manager exception: {l.override.reason}</div> : null}
              </td>
              <td className="num">{l.quantity}</td>
              <td className="num">{money(l.itemMinor, c)}</td>
              <td className="num">{money(l.taxMinor, c)}</td>
              <td className="num">{l.feeMinor ? `−${money(l.feeMinor, c)}` : '—'}</td>
              <td className="num">{money(l.refundMinor, c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="amounts">
        <dt>Items after discounts</dt>
        <dd>{money(sum('itemMinor'), c)}</dd>
        <dt>Tax</dt>
        <dd>{money(sum('taxMinor'), c)}</dd>
        {sum('feeMinor') ? (
          <>
            <dt>Restocking fees</dt>
            <dd>−{money(sum('feeMinor'), c)}</dd>
          </>
        ) : null}
        {ev.shippingRefundMinor ? (
          <>
            <dt>Original shipping</dt>
            <dd>{money(ev.shippingRefundMinor, c)}</dd>
          </>
        ) : null}
        {ev.returnLabelMinor ? (
          <>
            <dt>Return label</dt>
            <dd>−{money(ev.returnLabelMinor, c)}</dd>
          </>
        ) : null}
        <dt className="amount-total">{resolution === 'exchange' ? 'Exchange (value)' : resolutionLabel(resolution)}</dt>
        <dd className="amount-total" data-testid="wizard-total">
          {money(ev.totalMinor, c)}
        </dd>
      </dl>
      {ev.notes.length ? (
        <ul className="verdict-notes">
          {ev.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <Nav back="resolution" next={() => void create()} nextLabel="Create RMA" testId="wizard-create" />
    </div>
  );
}

function DoneStep() {
  const created = useReturnWizard((s) => s.created);
  const close = useReturnWizard((s) => s.close);
  const open = useReturns((s) => s.open);
  const load = useReturns((s) => s.load);
  if (!created) return null;
  return (
    <div className="wizard-card wizard-done" data-testid="wizard-done">
      <div className="done-rma mono" data-testid="wizard-rma">
        {created.number}
      </div>
      <p>
        Return created for order {created.orderName}: {money(created.totalMinor, created.currency)} as {resolutionLabel(created.resolution).toLowerCase()}.
        {created.needsApproval ? ' It needs a manager’s approval before the customer sends it back.' : ' Approve it to send the customer the return slip.'}
      </p>
      <div className="wizard-nav">
        <span />
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            close();
            void load();
            void open(created.id);
          }}
          data-testid="wizard-open-rma"
        >
          Open {created.number}
        </button>
      </div>
    </div>
  );
}
