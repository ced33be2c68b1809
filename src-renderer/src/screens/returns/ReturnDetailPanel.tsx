import { useState } from 'react';
import { can } from '../../../../src-shared/contract';
import type { Resolution } from '../../../../src-shared/returns/policy';
import type { ReturnDetail } from '../../../../src-shared/returns/types';
import { CloseIcon } from '../../components/icons';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { call } from '../../lib/api';
import { downloadPdf } from '../../lib/download';
import { formatDateTime, humanise, money, pluralise } from '../../lib/format';
import { useReturns } from '../../stores/returns';
import { useSession } from '../../stores/session';
import { ExchangePicker } from './ExchangePicker';
import { InspectForm } from './InspectForm';
import { resolutionLabel, ReturnStatusBadge, VerdictBadge } from './return-labels';
import '../../styles/returns-detail.css';

export function ReturnDetailPanel() {
  const detail = useReturns((s) => s.detail);
  const detailError = useReturns((s) => s.detailError);
  const openId = useReturns((s) => s.openId);
  const open = useReturns((s) => s.open);
  if (openId === null) return null;
  return (
    <aside className="side-panel" aria-label="Return" data-testid="return-detail">
      <div className="side-panel-bar">
        <span className="muted small">Esc closes</span>
        <button type="button" className="icon-btn" aria-label="Close" onClick={() => void open(null)}>
          <CloseIcon />
        </button>
      </div>
      {detailError ? <ErrorNotice error={detailError} /> : !detail ? <Spinner label="Loading return…" /> : <DetailBody r={detail} />}
    </aside>
  );
}

function DetailBody({ r }: { r: ReturnDetail }) {
  const actionError = useReturns((s) => s.actionError);
  const c = r.currency;
  const sum = (k: 'itemMinor' | 'taxMinor' | 'feeMinor') => r.lines.reduce((s, l) => s + l[k], 0);
  return (
    <div className="side-panel-body">
      <header className="return-head">
        <div className="return-title">
          <h2 className="mono" data-testid="return-number">
            {r.number}
          </h2>
          <ReturnStatusBadge status={r.status} />
        </div>
        <div className="muted">
          Order {r.orderName} · {r.customerName || 'No customer'} · {resolutionLabel(r.resolution)} · requested {formatDateTime(r.createdAt)}
        </div>
      </header>

      {actionError ? <ErrorNotice error={actionError} testId="return-action-error" /> : null}
      <Actions r={r} />
      {r.status !== 'requested' && r.status !== 'rejected' ? <SlipButton id={r.id} /> : null}

      <section className="card">
        <header className="card-header">
          <h3 className="card-title">Items</h3>
          <div className="card-aside">{pluralise(r.units, 'unit')}</div>
        </header>
        <div className="card-body">
          <table className="table return-lines">
            <thead>
              <tr>
                <th>Item</th>
                <th className="num">Qty</th>
                <th>Reason · condition</th>
                <th>Verdict</th>
                <th className="num">Refund</th>
              </tr>
            </thead>
            <tbody>
              {r.lines.map((l) => {
                const ev = r.evaluation.lines.find((x) => x.lineId === l.orderLineId);
                return (
                  <tr key={l.id}>
                    <td>
                      <div>{l.title}</div>
                      <div className="mono muted small">{l.sku}</div>
                      {l.outcome ? (
                        <div className="small inspect-outcome">
                          {l.outcome === 'restock' ? `Restocked to ${l.locationName ?? 'a location'}` : `Written off: ${l.writeOffReason ?? ''}`}
                          {l.inspectedCondition && l.inspectedCondition !== l.condition ? ` · found “${r.conditions.find((c) => c.code === l.inspectedCondition)?.label ?? l.inspectedCondition}”` : ''}
                          {l.inspectionNotes ? <div className="muted">“{l.inspectionNotes}”</div> : null}
                        </div>
                      ) : null}
                    </td>
                    <td className="num">{l.quantity}</td>
                    <td className="small">
                      {ev?.reasonLabel ?? humanise(l.reason)}
                      <div className="muted">{ev?.conditionLabel ?? humanise(l.condition)}</div>
                    </td>
                    <td>
                      <VerdictBadge verdict={l.inspectedVerdict ?? l.verdict} overridden={!!l.overrideReason} />
                      {l.inspectedVerdict && l.inspectedVerdict !== l.verdict ? <div className="small muted">after inspection</div> : null}
                      {l.overrideReason ? <div className="small muted">“{l.overrideReason}”</div> : null}
                    </td>
                    <td className="num">
                      {money(l.refundMinor, c)}
                      {l.declaredRefundMinor !== null ? <div className="small muted strike" title="As first judged, on the declared condition">{money(l.declaredRefundMinor, c)}</div> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <dl className="amounts">
            <dt>Items after discounts</dt>
            <dd>{money(sum('itemMinor'), c)}</dd>
            <dt>Tax</dt>
            <dd>{money(sum('taxMinor'), c)}</dd>
            {sum('feeMinor') > 0 ? (
              <>
                <dt>Restocking fees</dt>
                <dd>−{money(sum('feeMinor'), c)}</dd>
              </>
            ) : null}
            {r.shippingRefundMinor > 0 ? (
              <>
                <dt>Original shipping</dt>
                <dd>{money(r.shippingRefundMinor, c)}</dd>
              </>
            ) : null}
            {r.labelMinor > 0 ? (
              <>
                <dt>Return label</dt>
                <dd>−{money(r.labelMinor, c)}</dd>
              </>
            ) : null}
            <dt className="amount-total">{r.resolution === 'exchange' ? 'Value exchanged' : r.resolution === 'store_credit' ? 'Store credit' : 'Refund'}</dt>
            <dd className="amount-total" data-testid="return-total">
              {money(r.totalMinor, c)}
            </dd>
            {r.exchangeDifferenceMinor ? (
              <>
                <dt>
                  {r.exchangeDifferenceMinor > 0
                    ? `${r.exchangeDifferencePaid ? 'Charged' : 'Owed by the customer, awaiting payment'} on ${r.replacementOrderName ?? 'the replacement'}`
                    : 'Price difference refunded'}
                </dt>
                <dd data-testid="exchange-balance">{money(Math.abs(r.exchangeDifferenceMinor), c)}</dd>
              </>
            ) : null}
          </dl>
          {r.evaluation.notes.length ? (
            <ul className="verdict-notes">
              {r.evaluation.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </div>
      </section>

      <section className="card">
        <header className="card-header">
          <h3 className="card-title">History</h3>
        </header>
        <div className="card-body">
          <ol className="return-steps" data-testid="return-steps">
            {r.steps.map((s, i) => (
              <li key={i}>
                <div>{s.detail}</div>
                <div className="muted small">
                  {formatDateTime(s.at)}
                  {s.user ? ` · ${s.user}` : ''}
                </div>
              </li>
            ))}
          </ol>
        </div>
      </section>
    </div>
  );
}

/** The return slip (PDF, with the RMA barcode) to send to the customer or put in the parcel. */
function SlipButton({ id }: { id: number }) {
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  return (
    <div>
      <button
        type="button"
        className="btn btn-small"
        disabled={state === 'busy'}
        data-testid="return-slip"
        onClick={() => {
          setState('busy');
          void call('returns.slip', { id }).then((reply) => {
            if (reply.ok) downloadPdf(reply.result);
            setState(reply.ok ? 'done' : 'idle');
            if (!reply.ok) useReturns.setState({ actionError: reply.error });
          });
        }}
      >
        {state === 'busy' ? 'Preparing slip…' : 'Return slip (PDF)'}
      </button>
    </div>
  );
}

function Actions({ r }: { r: ReturnDetail }) {
  const role = useSession((s) => s.user?.role);
  const act = useReturns((s) => s.act);
  const busy = useReturns((s) => s.busy);
  const [rejecting, setRejecting] = useState(false);
  const [rejectReason, setRejectReason] = useState('');
  const [tracking, setTracking] = useState('');
  const [resolution, setResolution] = useState<Resolution>(r.resolution);
  const [swaps, setSwaps] = useState<{ returnLineId: number; variantId: number }[]>([]);
  if (!role || !can(role, 'returns.write')) return null;
  const manager = can(role, 'returns.override');
  const c = r.currency;

  const reject = rejecting ? (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void act('returns.reject', { id: r.id, reason: rejectReason }).then((ok) => ok && setRejecting(false));
      }}
    >
      <input className="input" autoFocus aria-label="Why is the return rejected?" placeholder="Why is it rejected?" value={rejectReason} onChange={(e) => setRejectReason(e.target.value)} />
      <button type="submit" className="btn btn-danger" disabled={busy}>
        Reject return
      </button>
      <button type="button" className="btn btn-ghost" onClick={() => setRejecting(false)}>
        Cancel
      </button>
    </form>
  ) : (
    <button type="button" className="btn btn-ghost" onClick={() => setRejecting(true)} data-testid="return-reject">
      Reject…
    </button>
  );

  switch (r.status) {
    case 'requested':
      return (
        <div className="return-actions">
          <button type="button" className="btn btn-primary" disabled={busy || (r.needsApproval && !manager)} onClick={() => void act('returns.approve', { id: r.id })} data-testid="return-approve">
            Approve
          </button>
          {r.needsApproval && !manager ? <span className="small muted">Above the approval amount: a manager must approve.</span> : null}
          {reject}
        </div>
      );
    case 'approved':
      return (
        <div className="return-actions">
          <input className="input" aria-label="Return tracking number" placeholder="Tracking (optional)" value={tracking} onChange={(e) => setTracking(e.target.value)} />
          <button type="button" className="btn" disabled={busy} onClick={() => void act('returns.markInTransit', { id: r.id, ...(tracking.trim() ? { trackingNumber: tracking.trim() } : {}) })}>
            Mark in transit
          </button>
          <span className="small muted">Scan the slip above to receive it.</span>
          {reject}
        </div>
      );
    case 'in_transit':
      return (
        <div className="return-actions">
          <span className="small muted">On its way back{r.trackingNumber ? ` (tracking ${r.trackingNumber})` : ''}. Scan the slip to receive it.</span>
          {reject}
        </div>
      );
    case 'received':
      return <InspectForm r={r} />;
    case 'inspected':
      return (
        <div className="resolve-box">
          <div className="return-actions">
            <select className="select" aria-label="Resolution" value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)}>
              {r.evaluation.allowedResolutions.map((x) => (
                <option key={x} value={x}>
                  {resolutionLabel(x)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => void act('returns.resolve', { id: r.id, resolution, ...(resolution === 'exchange' && swaps.length ? { exchange: swaps } : {}) })}
              data-testid="return-resolve"
            >
              {resolution === 'refund' ? `Refund ${money(r.totalMinor, c)}` : resolution === 'store_credit' ? `Give ${money(r.totalMinor, c)} store credit` : 'Create the replacement order'}
            </button>
          </div>
          {resolution === 'exchange' ? <ExchangePicker id={r.id} onChange={setSwaps} /> : null}
        </div>
      );
    default:
      return r.rejectReason ? <p className="muted">Rejected: {r.rejectReason}</p> : null;
  }
}
