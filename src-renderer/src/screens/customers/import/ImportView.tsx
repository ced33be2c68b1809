import { useRef } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { formatCount } from '../../../lib/format';
import { useOmsEvent } from '../../../lib/use-oms-event';
import { useCustomerImport } from '../../../stores/customer-import';
import '../../../styles/customer-import.css';
import { ImportMapping } from './ImportMapping';
import { ImportResultView } from './ImportResultView';

const PHASES: Record<string, string> = {
  read: 'Reading and checking rows',
  write: 'Saving customers',
  'dup-index': 'Looking for duplicates: reading customers',
  'dup-model': 'Looking for duplicates: learning what matches',
  'dup-score': 'Looking for duplicates: comparing',
};

/** Customers → Import: choose a CSV, map its columns with a live preview, import with progress, see what happened. */
export function ImportView() {
  const s = useCustomerImport();
  const fileInput = useRef<HTMLInputElement>(null);
  useOmsEvent('job.progress', (p) => s.onProgress(p));
  const blocked = !s.preview || !!s.preview.mappingError;

  return (
    <div className="import-view" data-testid="import-view">
      <div className="import-toolbar">
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv"
          className="visually-hidden"
          aria-label="CSV file to import"
          data-testid="import-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void s.chooseFile(f);
            e.target.value = '';
          }}
        />
        <button type="button" className="btn" onClick={() => fileInput.current?.click()} disabled={s.step === 'running'}>
          {s.fileName ? 'Choose another file…' : 'Choose a CSV file…'}
        </button>
        {s.fileName ? (
          <span className="muted" data-testid="import-file-name">
            {s.fileName} · about {formatCount(s.approxRows)} rows
          </span>
        ) : null}
        <span className="spacer" />
        {s.step === 'mapping' ? (
          <button type="button" className="btn btn-primary" disabled={blocked} onClick={() => void s.run()} data-testid="import-run" title={blocked ? 'Fix the mapping first' : undefined}>
            Import {formatCount(s.approxRows)} rows
          </button>
        ) : null}
      </div>
      {s.error ? <ErrorNotice error={s.error} testId="import-error" /> : null}
      {s.step === 'file' ? (
        <EmptyState title="Import customers from a CSV file" testId="import-empty">
          The first row must name the columns. You map them to customer fields in the next step and see the first rows as they would import. Bad rows are reported
          and skipped — the good ones are imported — and new customers are checked against everyone already here for duplicates. Files up to 8 MB; bigger ones
          with <code>oms customers import</code>.
        </EmptyState>
      ) : s.step === 'mapping' ? (
        <ImportMapping />
      ) : s.step === 'running' && s.progress ? (
        <div className="import-running" data-testid="import-progress">
          <div className="import-phase">{PHASES[s.progress.phase] ?? s.progress.phase}…</div>
          <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((100 * s.progress.done) / Math.max(1, s.progress.total))}>
            <div className="progress-bar" style={{ width: `${Math.min(100, (100 * s.progress.done) / Math.max(1, s.progress.total))}%` }} />
          </div>
          <div className="muted">
            {formatCount(s.progress.done)} of {formatCount(s.progress.total)}
          </div>
        </div>
      ) : s.step === 'done' ? (
        <ImportResultView />
      ) : null}
    </div>
  );
}
