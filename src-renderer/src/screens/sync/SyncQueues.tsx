import { useState } from 'react';
import type { OmsErrorShape } from '../../../../src-shared/contract';
import { useSync } from '../../stores/sync';

const KIND_LABELS: Record<string, string> = { 'fulfilment.create': 'Fulfilment', 'order.update': 'Order note / tags', 'order.cancel': 'Cancellation', 'inventory.adjust': 'Stock adjustment', 'refund.create': 'Refund' };
const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : 'never');

/** The outbox (local changes on their way to the shop) and the quarantine (records that did not parse). */
export function ReasonAction({ label, confirmLabel, onConfirm, testId }: { label: string; confirmLabel: string; onConfirm: (reason: string) => Promise<OmsErrorShape | null>; testId: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </button>
    );
  }
  return (
    <form
      className="sync-reason"
      onSubmit={(e) => {
        e.preventDefault();
        void onConfirm(reason).then((e2) => (e2 ? setErr(e2.message) : setOpen(false)));
      }}
    >
      <input autoFocus className="input" placeholder="Why?" value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason" data-testid={`${testId}-reason`} />
      <button type="submit" className="btn btn-small">{confirmLabel}</button>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(false)}>Keep</button>
      {err ? <span className="sync-inline-error">{err}</span> : null}
    </form>
  );
}

export function OutboxCard({ items, canManage, pending, failed }: { items: ReturnType<typeof useSync.getState>['outbox']; canManage: boolean; pending: number; failed: number }) {
  const retry = useSync((s) => s.retryOutbox);
  const cancel = useSync((s) => s.cancelOutbox);
  return (
    <section className="card" data-testid="sync-outbox">
      <header className="card-header">
        <h3 className="card-title">Changes on their way to the shop</h3>
        <span className="card-aside">
          {pending} waiting · {failed ? <span className="badge badge-red">{failed} failed</span> : '0 failed'}
        </span>
      </header>
      {items.length === 0 ? (
        <p className="card-body muted">Nothing waiting: every local change has reached the shop.</p>
      ) : (
        <table className="table">
          <thead>
            <tr><th>Change</th><th>For</th><th>State</th><th className="num">Attempts</th><th>Reason</th>{canManage ? <th /> : null}</tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} data-testid={`outbox-${i.id}`}>
                <td>{KIND_LABELS[i.kind] ?? i.kind}</td>
                <td>{i.entityType} {i.entityId}</td>
                <td><span className={`badge ${i.status === 'failed' ? 'badge-red' : 'badge-amber'}`}>{i.status === 'failed' ? 'failed' : i.status === 'sending' ? 'sending' : `waiting${i.nextAttemptAt ? ` until ${new Date(i.nextAttemptAt).toLocaleTimeString()}` : ''}`}</span></td>
                <td className="num">{i.attempts}</td>
                <td className="sync-reason-text">{i.lastError ?? ''}</td>
                {canManage ? (
                  <td className="sync-actions">
                    {i.status === 'failed' ? <button type="button" className="btn btn-small" onClick={() => void retry(i.id)} data-testid={`outbox-retry-${i.id}`}>Retry</button> : null}
                    <ReasonAction label="Cancel" confirmLabel="Cancel change" onConfirm={(r) => cancel(i.id, r)} testId={`outbox-cancel-${i.id}`} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function QuarantineCard({ items, canManage }: { items: ReturnType<typeof useSync.getState>['quarantine']; canManage: boolean }) {
  const retry = useSync((s) => s.retryQuarantine);
  const discard = useSync((s) => s.discardQuarantine);
  const [shown, setShown] = useState<number | null>(null);
  return (
    <section className="card" data-testid="sync-quarantine">
      <header className="card-header">
        <h3 className="card-title">Records that could not be read</h3>
        <span className="card-aside">{items.length ? <span className="badge badge-amber">{items.length} in quarantine</span> : 'none'}</span>
      </header>
      {items.length === 0 ? (
        <p className="card-body muted">Every record from the shop passed validation.</p>
      ) : (
        <table className="table">
          <thead>
            <tr><th>What</th><th>Shop id</th><th>Reason</th><th>Seen</th>{canManage ? <th /> : null}</tr>
          </thead>
          <tbody>
            {items.map((q) => (
              <tr key={q.id} data-testid={`quarantine-${q.id}`}>
                <td>{q.resource}</td>
                <td><code className="small">{q.externalId ?? '—'}</code></td>
                <td className="sync-reason-text">
                  {q.reason}{' '}
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => setShown(shown === q.id ? null : q.id)}>{shown === q.id ? 'Hide record' : 'Show record'}</button>
                  {shown === q.id ? <pre className="sync-payload">{JSON.stringify(JSON.parse(q.payload), null, 2)}</pre> : null}
                </td>
                <td>{when(q.createdAt)}</td>
                {canManage ? (
                  <td className="sync-actions">
                    <button type="button" className="btn btn-small" onClick={() => void retry(q.id)} data-testid={`quarantine-retry-${q.id}`}>Read again</button>
                    <ReasonAction label="Discard" confirmLabel="Discard" onConfirm={(r) => discard(q.id, r)} testId={`quarantine-discard-${q.id}`} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
