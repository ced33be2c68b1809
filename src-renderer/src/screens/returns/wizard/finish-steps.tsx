import { money } from '../../../lib/format';
import { useReturnWizard } from '../../../stores/return-wizard';
import { useReturns } from '../../../stores/returns';
import { resolutionLabel } from '../return-labels';
import { Nav } from './Nav';

/** Steps 5–7: resolution, summary with amounts, and the created RMA. */
export function ResolutionStep() {
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

export function SummaryStep() {
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

export function DoneStep() {
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
