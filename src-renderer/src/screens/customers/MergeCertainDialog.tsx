import { useEffect, useRef } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount } from '../../lib/format';
import { useOmsEvent } from '../../lib/use-oms-event';
import { useMergeCertain } from '../../stores/merge-certain';
import '../../styles/merge-certain.css';

const name = (p: { firstName: string | null; lastName: string | null; id: number }) => [p.firstName, p.lastName].filter(Boolean).join(' ') || `#${p.id}`;

/** The confirmation, progress and result of "merge all certain", in a modal dialog (Esc closes it when nothing runs). */
export function MergeCertainDialog() {
  const s = useMergeCertain();
  const ref = useRef<HTMLDialogElement>(null);
  useOmsEvent('job.progress', (p) => s.onProgress(p));
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (s.step !== 'closed' && !d.open) d.showModal();
    if (s.step === 'closed' && d.open) d.close();
  }, [s.step]);

  return (
    <dialog
      ref={ref}
      className="merge-certain-dialog card"
      aria-labelledby="merge-certain-title"
      data-testid="merge-certain-dialog"
      onCancel={(e) => {
        if (s.step === 'running') e.preventDefault();
        else s.close();
      }}
    >
      <h2 id="merge-certain-title" className="merge-certain-title">
        {s.step === 'done' ? 'Merged' : s.count === 1 ? 'Merge the one certain pair?' : `Merge all ${formatCount(s.count)} certain pairs?`}
      </h2>
      {s.error ? <ErrorNotice error={s.error} testId="merge-certain-error" /> : null}
      {s.step === 'confirm' ? (
        <>
          <p className="muted">
            Each pair becomes one customer: records that share a person end up in the one with the most orders. Orders, returns, notes and cases move with them. Every
            merge is recorded and can be undone on its own afterwards. Some of them:
          </p>
          <ul className="merge-certain-sample" data-testid="merge-certain-sample">
            {s.sample.map((p) => (
              <li key={`${p.a.id}-${p.b.id}`}>
                <strong>{name(p.a)}</strong> <span className="muted">{p.a.email ?? ''}</span> and <strong>{name(p.b)}</strong> <span className="muted">{p.b.email ?? ''}</span>{' '}
                <span className="muted">· {p.probability >= 0.9995 ? '> 99.9' : (p.probability * 100).toFixed(1)}%</span>
              </li>
            ))}
          </ul>
          <div className="merge-certain-actions">
            <button type="button" className="btn" onClick={() => s.close()}>
              Cancel <span className="muted">Esc</span>
            </button>
            <button type="button" className="btn btn-primary" disabled={!s.count} onClick={() => void s.confirm()} data-testid="merge-certain-confirm">
              Merge {formatCount(s.count)} pairs
            </button>
          </div>
        </>
      ) : s.step === 'running' && s.progress ? (
        <div data-testid="merge-certain-progress">
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={s.progress.total} aria-valuenow={s.progress.done}>
            <div className="progress-bar" style={{ width: `${(100 * s.progress.done) / Math.max(1, s.progress.total)}%` }} />
          </div>
          <div className="muted">
            {formatCount(s.progress.done)} of {formatCount(s.progress.total)} pairs
          </div>
        </div>
      ) : s.step === 'done' && s.result ? (
        <>
          <p data-testid="merge-certain-result">
            {formatCount(s.result.merged)} merges{s.result.skipped ? ` (${formatCount(s.result.skipped)} pairs were already together through another merge)` : ''}. Undo any one
            of them below.
          </p>
          <ul className="merge-certain-list">
            {s.result.merges.map((m) => (
              <li key={m.mergeId} data-testid="merge-certain-item">
                <span>
                  {m.mergedName} <span className="muted">#{m.mergedId}</span> into {m.survivorName} <span className="muted">#{m.survivorId}</span>
                </span>
                {s.undone.includes(m.mergeId) ? (
                  <span className="muted">undone</span>
                ) : (
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => void s.undoOne(m.mergeId)} data-testid="merge-certain-undo">
                    Undo
                  </button>
                )}
              </li>
            ))}
          </ul>
          <div className="merge-certain-actions">
            <button type="button" className="btn btn-primary" onClick={() => s.close()} data-testid="merge-certain-close" autoFocus>
              Done
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
