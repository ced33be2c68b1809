import { useState, type FormEvent } from 'react';
import type { BulkAction } from '../../../../../src-shared/contract';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { call } from '../../../lib/api';
import { downloadPdf, pdfPath, savePdf } from '../../../lib/download';
import { useOmsEvent } from '../../../lib/use-oms-event';
import { useOrderActions } from '../../../stores/order-actions';

const VERB: Record<BulkAction, { doing: string; done: string; ask?: string }> = {
  hold: { doing: 'Holding', done: 'Held', ask: 'Reason for the hold' },
  release: { doing: 'Releasing', done: 'Released', ask: 'Reason for the release' },
  tag: { doing: 'Tagging', done: 'Tagged', ask: 'Tags to add (comma-separated)' },
  untag: { doing: 'Removing tags from', done: 'Untagged', ask: 'Tags to remove (comma-separated)' },
  readyToPack: { doing: 'Sending to packing', done: 'Ready to pack' },
};
const SHOWN_RESULTS = 200;
const n = (x: number) => x.toLocaleString('en-US');

/** Bulk work on the ticked orders: one action, a progress bar while it runs, then a result per order. */
export function BulkBar() {
  const selected = useOrderActions((s) => s.selected);
  const selecting = useOrderActions((s) => s.selecting);
  const job = useOrderActions((s) => s.job);
  const result = useOrderActions((s) => s.result);
  const error = useOrderActions((s) => s.bulkError);
  const { selectAllInView, clear, runBulk, dismissResult, progress } = useOrderActions.getState();
  const [asking, setAsking] = useState<BulkAction | null>(null);
  const [text, setText] = useState('');
  const [docError, setDocError] = useState<string | null>(null);
  const printDoc = async (method: 'orders.pickList' | 'orders.packingSlips', save = false) => {
    setDocError(null);
    const r = await call(method, { orderIds: [...selected] });
    if (!r.ok) return setDocError(r.error.message);
    const out = await (save ? savePdf(r.result) : downloadPdf(r.result));
    if (!out.ok) setDocError(out.message);
  };
  // The desktop app can also save where the person chooses; a browser always downloads.
  const canSave = pdfPath(window.oms) === 'desktop';

  useOmsEvent('job.progress', (p) => progress(p));

  if (!selected.size && !job && !result && !error) return null;

  const start = (a: BulkAction) => {
    if (!VERB[a].ask) return void runBulk(a, {});
    setText('');
    setAsking(a);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!asking || !text.trim()) return;
    const extra = asking === 'tag' || asking === 'untag' ? { tags: text.split(',').map((t) => t.trim()).filter(Boolean) } : { reason: text.trim() };
    setAsking(null);
    void runBulk(asking, extra);
  };

  const failures = result ? result.results.filter((r) => !r.ok) : [];
  return (
    <div className="bulk" data-testid="bulk-bar">
      {job ? (
        <div className="bulk-row" role="status" aria-live="polite">
          <strong>
            {VERB[job.action].doing} {n(job.total)} orders…
          </strong>
          <div className="bulk-progress" data-testid="bulk-progress" role="progressbar" aria-valuemin={0} aria-valuemax={job.total} aria-valuenow={job.done}>
            <div className="bulk-progress-fill" style={{ width: `${job.total ? (100 * job.done) / job.total : 0}%` }} />
          </div>
          <span className="muted" data-testid="bulk-progress-text">
            {n(job.done)} / {n(job.total)}
          </span>
        </div>
      ) : selected.size ? (
        <div className="bulk-row">
          <strong data-testid="bulk-count">{n(selected.size)} selected</strong>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => void selectAllInView()} disabled={selecting} data-testid="bulk-select-all">
            {selecting ? 'Selecting…' : 'Select all in this view'}
          </button>
          <button type="button" className="btn btn-ghost btn-small" onClick={clear}>
            Clear
          </button>
          <span className="bulk-sep" />
          {(['hold', 'release', 'tag', 'untag', 'readyToPack'] as const).map((a) => (
            <button key={a} type="button" className={`btn btn-small${asking === a ? ' btn-primary' : ''}`} onClick={() => start(a)} data-testid={`bulk-${a}`}>
              {a === 'readyToPack' ? 'Ready to pack' : a === 'untag' ? 'Remove tags…' : `${a[0]?.toUpperCase()}${a.slice(1)}…`}
            </button>
          ))}
          <span className="bulk-sep" />
          {canSave ? (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => void printDoc('orders.pickList', true)} disabled={selected.size > 1000} title="Save the pick list as a PDF file">
              Save pick list…
            </button>
          ) : null}
          <button type="button" className="btn btn-small" onClick={() => void printDoc('orders.pickList')} data-testid="bulk-pick-list" disabled={selected.size > 1000}>
            Pick list (PDF)
          </button>
          <button type="button" className="btn btn-small" onClick={() => void printDoc('orders.packingSlips')} data-testid="bulk-slips" disabled={selected.size > 200}>
            Packing slips (PDF)
          </button>
        </div>
      ) : null}
      {docError ? <div className="notice notice-error" role="alert">{docError}</div> : null}

      {asking && !job ? (
        <form className="bulk-row" onSubmit={submit}>
          <label htmlFor="bulk-text" className="field-label">
            {VERB[asking].ask}
          </label>
          <input id="bulk-text" className="input bulk-input" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setAsking(null)} autoFocus autoComplete="off" data-testid="bulk-text" />
          <button type="submit" className="btn btn-primary btn-small" disabled={!text.trim()} data-testid="bulk-apply">
            Apply to {n(selected.size)} orders
          </button>
        </form>
      ) : null}

      {error ? <ErrorNotice error={error} testId="bulk-error" /> : null}

      {result ? (
        <div className="bulk-result" data-testid="bulk-result">
          <div className="bulk-row">
            <strong data-testid="bulk-summary">
              {VERB[result.action].done}: {n(result.changed)} changed · {n(result.unchanged)} already so · {n(result.failed)} refused
            </strong>
            <button type="button" className="btn btn-ghost btn-small" onClick={dismissResult}>
              Dismiss
            </button>
          </div>
          {failures.length ? (
            <ul className="bulk-failures" data-testid="bulk-failures">
              {failures.slice(0, SHOWN_RESULTS).map((f) => (
                <li key={f.orderId} data-testid="bulk-failure">
                  <span className="bulk-failure-name">{f.name ?? `Order ${f.orderId}`}</span> {f.error?.message}
                </li>
              ))}
              {failures.length > SHOWN_RESULTS ? <li className="muted">…and {n(failures.length - SHOWN_RESULTS)} more refused.</li> : null}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
