import type { ImportIssue } from '../../../../../src-shared/contract';
import { formatCount } from '../../../lib/format';
import { useCustomerImport } from '../../../stores/customer-import';
import { useCustomers } from '../../../stores/customers';
import { useDuplicates } from '../../../stores/duplicates';

/** RFC 4180 quoting for the error report. */
const cell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

function downloadErrors(errors: ImportIssue[], fileName: string | null) {
  const csv = ['row,column,reason', ...errors.map((e) => [e.row, e.column, e.reason].map(cell).join(','))].join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${(fileName ?? 'import').replace(/\.csv$/i, '')}-errors.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What the import did: counts, duplicates against existing customers (to review), and the error rows. */
export function ImportResultView() {
  const { result, fileName, reset } = useCustomerImport();
  const setView = useCustomers((s) => s.setView);
  if (!result) return null;
  const rejectedRows = new Set(result.errors.filter((e) => !e.reason.endsWith('imported without it')).map((e) => e.row)).size;
  const review = () => {
    void useDuplicates.getState().load();
    void useCustomers.getState().load();
    setView('duplicates');
  };

  return (
    <div className="import-result" data-testid="import-result">
      <div className="import-stats">
        <div className="import-stat">
          <div className="import-stat-n" data-testid="import-imported">
            {formatCount(result.imported)}
          </div>
          <div className="muted">imported of {formatCount(result.rows)} rows</div>
        </div>
        <div className="import-stat">
          <div className="import-stat-n" data-testid="import-rejected">
            {formatCount(rejectedRows)}
          </div>
          <div className="muted">rows not imported</div>
        </div>
        <div className="import-stat">
          <div className="import-stat-n" data-testid="import-duplicates">
            {formatCount(result.duplicateCount)}
          </div>
          <div className="muted">possible duplicates found (of customers already here or within the file)</div>
        </div>
        <div className="import-stat">
          <div className="import-stat-n">{(result.ms / 1000).toFixed(1)} s</div>
          <div className="muted">taken</div>
        </div>
      </div>
      <div className="import-actions">
        {result.duplicateCount ? (
          <button type="button" className="btn btn-primary" onClick={review} data-testid="import-review">
            Review {result.duplicateCount === 1 ? 'the possible duplicate' : `${formatCount(result.duplicateCount)} possible duplicates`}
          </button>
        ) : null}
        {result.errors.length ? (
          <button type="button" className="btn" onClick={() => downloadErrors(result.errors, fileName)} data-testid="import-errors-download">
            Download the {formatCount(result.errors.length)} errors as CSV
          </button>
        ) : null}
        <button type="button" className="btn btn-ghost" onClick={reset}>
          Import another file
        </button>
      </div>
      {result.duplicates.length ? (
        <>
          <h3 className="import-h">Possible duplicates{result.duplicateCount > 50 ? ` — the first 50 of ${formatCount(result.duplicateCount)}; all are in the review queue` : ''}</h3>
          <table className="table import-dup-table" data-testid="import-dup-table">
            <thead>
              <tr>
                <th className="num">Row</th>
                <th>Imported</th>
                <th>Looks like</th>
                <th className="num">Match</th>
              </tr>
            </thead>
            <tbody>
              {result.duplicates.slice(0, 50).map((d) => (
                <tr key={`${d.customerId}-${d.matchId}`}>
                  <td className="num muted">{d.row}</td>
                  <td>{d.name}</td>
                  <td>
                    {d.matchName} <span className="muted">#{d.matchId}</span>
                  </td>
                  <td className="num">
                    <span className={`badge ${d.band === 'certain' ? 'badge-red' : 'badge-amber'}`}>
                      {d.band} · {Math.round(d.probability * 100)}%
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {result.errors.length ? (
        <>
          <h3 className="import-h">Errors</h3>
          <table className="table import-err-table" data-testid="import-errors">
            <thead>
              <tr>
                <th className="num">Row</th>
                <th>Column</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.slice(0, 100).map((e, i) => (
                <tr key={i} data-testid="import-error-row">
                  <td className="num">{e.row}</td>
                  <td className="mono">{e.column}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.errors.length > 100 ? <div className="muted">The first 100 are shown; the download has all {formatCount(result.errors.length)}.</div> : null}
        </>
      ) : null}
    </div>
  );
}
