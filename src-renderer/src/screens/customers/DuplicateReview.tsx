import { useEffect } from 'react';
import { can, type DuplicateEvidence, type DuplicateSide, type MergeField } from '../../../../src-shared/contract';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Kbd } from '../../components/Kbd';
import { Spinner } from '../../components/Spinner';
import { formatCount, formatListDate } from '../../lib/format';
import { useDuplicates } from '../../stores/duplicates';
import { useMergeCertain } from '../../stores/merge-certain';
import { useSession } from '../../stores/session';
import { MergeCertainDialog } from './MergeCertainDialog';
import '../../styles/customer-duplicates.css';

const ROWS: { field: MergeField; label: string; evidence: string[]; value: (s: DuplicateSide) => string | null }[] = [
  { field: 'firstName', label: 'First name', evidence: ['first'], value: (s) => s.firstName },
  { field: 'lastName', label: 'Last name', evidence: ['last'], value: (s) => s.lastName },
  { field: 'email', label: 'Email', evidence: ['email'], value: (s) => s.email },
  { field: 'phone', label: 'Phone', evidence: ['phone'], value: (s) => s.phone },
  { field: 'birthDate', label: 'Birth date', evidence: ['birth'], value: (s) => s.birthDate },
  { field: 'address', label: 'Address', evidence: ['address', 'unit'], value: (s) => s.address },
];

const tone = (w: number) => (w >= 1 ? 'for' : w <= -1 ? 'against' : 'neutral');
const fmtWeight = (w: number) => (w > 0 ? `+${w.toFixed(1)}` : w.toFixed(1));

function EvidenceCell({ items }: { items: DuplicateEvidence[] }) {
  if (!items.length) return <td className="dup-evidence" />;
  return (
    <td className="dup-evidence">
      {items.map((e) => (
        <div key={e.field} className={`dup-ev dup-ev-${e.level === 'missing' ? 'neutral' : tone(e.weight)}`} title={`${e.label}: ${e.level} (${fmtWeight(e.weight)} bits)`}>
          <span className="dup-ev-level">{items.length > 1 ? `${e.label.toLowerCase()}: ${e.level}` : e.level}</span>
          {e.level !== 'missing' ? <span className="dup-ev-weight">{fmtWeight(e.weight)}</span> : null}
        </div>
      ))}
    </td>
  );
}

/** One pair at a time, side by side: the evidence per field in the middle, a click picks the value that survives. */
export function DuplicateReview() {
  const s = useDuplicates();
  const role = useSession((x) => x.user?.role);
  const canWrite = !!role && can(role, 'customers.write');
  const pair = s.pairs[s.index];
  const pairKey = pair ? `${pair.a.id}-${pair.b.id}` : '';
  useEffect(() => {
    // A new pair on screen: no value button keeps the focus ring of the last click.
    if (document.activeElement instanceof HTMLElement && document.activeElement.closest('.dup-table')) document.activeElement.blur();
  }, [pairKey]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.metaKey || e.ctrlKey || e.altKey) return;
      if (useMergeCertain.getState().step !== 'closed') return; // the dialog has the keyboard
      const d = useDuplicates.getState();
      const k = e.key.toLowerCase();
      if (k === 'm') void d.merge();
      else if (k === 'n') void d.notSame();
      else if (k === 's' || e.key === 'ArrowRight') d.skip();
      else if (k === 'u') void d.undo();
      else if (k === 'x') d.setSurvivor(d.survivor === 'a' ? 'b' : 'a');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const header = (
    <div className="dup-toolbar">
      <div className="dup-toolbar-left">
        <strong>{formatCount(s.total)}</strong>&nbsp;pairs to review
        {s.certain ? (
          <span className="muted">
            &nbsp;· {formatCount(s.certain)} certain
          </span>
        ) : null}
        {pair ? <span className="muted">&nbsp;· showing {s.index + 1} of {s.pairs.length}</span> : null}
      </div>
      <div className="dup-toolbar-right">
        {s.scan ? (
          <span className="dup-scan" data-testid="scan-progress">
            <Spinner size="sm" /> {s.scan.phase === 'index' ? 'Reading customers' : s.scan.phase === 'model' ? 'Learning what matches' : 'Comparing'}
            {s.scan.total ? ` ${Math.round((100 * s.scan.done) / s.scan.total)}%` : '…'}
          </span>
        ) : null}
        {canWrite && s.certain ? (
          <button type="button" className="btn btn-small" onClick={() => void useMergeCertain.getState().open()} disabled={!!s.scan} data-testid="merge-certain-open">
            {s.certain === 1 ? 'Merge the 1 certain pair…' : `Merge all ${formatCount(s.certain)} certain…`}
          </button>
        ) : null}
        <button type="button" className="btn btn-small" onClick={() => void s.runScan()} disabled={!!s.scan} data-testid="scan-run">
          Scan all customers
        </button>
      </div>
      <MergeCertainDialog />
    </div>
  );

  const notices = (
    <>
      {s.message ? (
        <div className="notice notice-info dup-message" role="status" data-testid="dup-message">
          <span className="notice-text">{s.message}</span>
          {s.lastMerge ? (
            <button type="button" className="btn btn-small" onClick={() => void s.undo()} data-testid="dup-undo">
              Undo merge <Kbd>U</Kbd>
            </button>
          ) : null}
        </div>
      ) : null}
      {s.actionError ? <ErrorNotice error={s.actionError} /> : null}
    </>
  );

  if (s.status === 'error' && s.error)
    return (
      <div className="dup-screen">
        {header}
        <ErrorNotice error={s.error} onRetry={() => void s.load()} />
      </div>
    );
  if (!pair)
    return (
      <div className="dup-screen">
        {header}
        {notices}
        {s.status === 'ready' ? (
          <EmptyState title="No duplicates waiting" testId="duplicates-empty">
            Every suggested pair has been merged or marked as different people. Run a scan after importing customers.
          </EmptyState>
        ) : (
          <div className="panel-message">
            <Spinner label="Loading the review queue…" />
          </div>
        )}
      </div>
    );

  const byField = new Map(pair.evidence.map((e) => [e.field, e]));
  const extra = pair.evidence.filter((e) => e.field === 'names_swapped' || e.field === 'household');
  const sides: ('a' | 'b')[] = ['a', 'b'];
  const chosen = (field: MergeField) => s.picks[field] ?? s.survivor;

  return (
    <div className="dup-screen" data-testid="duplicate-review">
      {header}
      {notices}
      <div className="dup-card card" data-testid="dup-pair" data-a={pair.a.id} data-b={pair.b.id}>
        <div className="dup-score">
          <Badge tone={pair.band === 'certain' ? 'green' : 'amber'}>{pair.band === 'certain' ? 'Certain' : 'Likely'}</Badge>
          <span className="dup-prob" data-testid="dup-probability">
            {pair.probability >= 0.9999 ? '> 99.99' : (pair.probability * 100).toFixed(pair.probability > 0.999 ? 2 : 1)}% same person
          </span>
          {extra.map((e) => (
            <span key={e.field} className="dup-flag">
              {e.level}
            </span>
          ))}
        </div>
        <table className="dup-table">
          <thead>
            <tr>
              <th />
              {sides.map((side) => (
                <th key={side} className={`dup-side-head${s.survivor === side ? ' is-survivor' : ''}`}>
                  <label className="dup-survivor">
                    <input type="radio" name="survivor" checked={s.survivor === side} onChange={() => s.setSurvivor(side)} />
                    {s.survivor === side ? 'Keeps this record' : 'Merged into the other'}
                  </label>
                  <div className="muted small">
                    #{pair[side].id}
                    {pair[side].ref ? ` · ${pair[side].ref}` : ''} · {pair[side].orderCount} orders · since {formatListDate(pair[side].createdAt)}
                  </div>
                </th>
              ))}
              <th className="dup-evidence-head">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => {
              const ev = row.evidence.map((f) => byField.get(f)).filter((x): x is DuplicateEvidence => !!x);
              const strongest = ev.reduce((w, e) => (Math.abs(e.weight) > Math.abs(w) ? e.weight : w), 0);
              return (
                <tr key={row.field} className={`dup-row dup-row-${ev.every((e) => e.level === 'missing') ? 'neutral' : tone(strongest)}`}>
                  <th scope="row">{row.label}</th>
                  {sides.map((side) => {
                    const v = row.value(pair[side]);
                    const picked = chosen(row.field) === side;
                    return (
                      <td key={side} className={`dup-value${picked ? ' is-picked' : ''}`}>
                        <button type="button" className="dup-pick" onClick={() => s.pick(row.field, side)} aria-pressed={picked} title="Keep this value" data-testid={`pick-${row.field}-${side}`}>
                          {v ?? <span className="muted">—</span>}
                        </button>
                      </td>
                    );
                  })}
                  <EvidenceCell items={ev} />
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="dup-actions">
          <button type="button" className="btn btn-primary" onClick={() => void s.merge()} disabled={s.busy} data-testid="dup-merge">
            Merge <Kbd>M</Kbd>
          </button>
          <button type="button" className="btn" onClick={() => void s.notSame()} disabled={s.busy} data-testid="dup-not-same">
            Not the same person <Kbd>N</Kbd>
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => s.skip()} disabled={s.busy} data-testid="dup-skip">
            Skip <Kbd>S</Kbd>
          </button>
          <span className="muted small dup-hint">
            Click a value to keep it · <Kbd>X</Kbd> swap which record survives · orders, returns and notes move to the survivor
          </span>
        </div>
      </div>
    </div>
  );
}
