import { IMPORT_FIELD_LABELS, IMPORT_TARGET_FIELDS, type ImportTargetField } from '../../../../../src-shared/contract';
import { Spinner } from '../../../components/Spinner';
import { useCustomerImport } from '../../../stores/customer-import';

/** The mapping step: one row per target field (a column, or several joined with a space), and the live preview under it. */
export function ImportMapping() {
  const s = useCustomerImport();
  const header = s.preview?.header ?? [];
  const cols = (f: ImportTargetField): string[] => {
    const v = s.mapping[f];
    return v === undefined ? [] : typeof v === 'string' ? [v] : v;
  };

  return (
    <div className="import-mapping">
      <table className="table import-map-table" data-testid="import-mapping">
        <thead>
          <tr>
            <th>Field</th>
            <th>From column(s) — several are joined with a space</th>
          </tr>
        </thead>
        <tbody>
          {IMPORT_TARGET_FIELDS.map((f) => (
            <tr key={f}>
              <td className="strong">
                <label htmlFor={`map-${f}`}>{IMPORT_FIELD_LABELS[f]}</label>
              </td>
              <td>
                <div className="import-map-cols">
                  {cols(f).map((c, i) => (
                    <span key={`${c}-${i}`} className="import-chip" data-testid={`map-chip-${f}`}>
                      {c}
                      <button type="button" className="import-chip-x" aria-label={`Remove ${c} from ${IMPORT_FIELD_LABELS[f]}`} onClick={() => s.setColumns(f, cols(f).filter((_, j) => j !== i))}>
                        ×
                      </button>
                    </span>
                  ))}
                  <select
                    id={`map-${f}`}
                    className="select select-small"
                    value=""
                    onChange={(e) => e.target.value && s.setColumns(f, [...cols(f), e.target.value])}
                    data-testid={`map-${f}`}
                  >
                    <option value="">{cols(f).length ? '+ join another column' : '— not imported —'}</option>
                    {header.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ImportPreviewTable />
    </div>
  );
}

const SHOWN: ImportTargetField[] = ['ref', 'first_name', 'last_name', 'email', 'phone', 'address1', 'city', 'postcode', 'region', 'country', 'birth_date'];

function ImportPreviewTable() {
  const preview = useCustomerImport((s) => s.preview);
  const previewing = useCustomerImport((s) => s.previewing);
  if (!preview) return <Spinner />;
  return (
    <div className="import-preview" data-testid="import-preview">
      <h3 className="import-h">
        Preview — the first rows as they would import {previewing ? <Spinner size="sm" /> : null}
      </h3>
      {preview.mappingError ? (
        <div className="notice notice-warning" data-testid="mapping-error">
          <div className="notice-text">
            <strong>This mapping cannot be used:</strong> {preview.mappingError}.
          </div>
        </div>
      ) : (
        <div className="import-preview-scroll">
          <table className="table import-preview-table">
            <thead>
              <tr>
                <th className="num">Row</th>
                <th>Check</th>
                {SHOWN.map((f) => (
                  <th key={f}>{IMPORT_FIELD_LABELS[f].replace(/ \(.*\)$/, '')}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.row} className={r.rejected.length ? 'is-rejected' : r.dropped.length ? 'is-warning' : ''} data-testid="preview-row">
                  <td className="num muted">{r.row}</td>
                  <td className="import-check">
                    {r.rejected.length ? (
                      <span className="badge badge-red" title={r.rejected.map((e) => `${e.column}: ${e.reason}`).join('\n')}>
                        Not imported: {r.rejected.map((e) => e.reason).join('; ')}
                      </span>
                    ) : r.dropped.length ? (
                      <span className="badge badge-amber">{r.dropped.map((e) => e.reason).join('; ')}</span>
                    ) : (
                      <span className="badge badge-green">OK</span>
                    )}
                  </td>
                  {SHOWN.map((f) => (
                    <td key={f} title={r.values[f]}>
                      {r.values[f] ?? <span className="muted">—</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
