import type { ReactNode } from 'react';

/**
 * One editable list of the return policy (reasons, conditions) as a card: a
 * table whose first two columns are always the row's label and code, then
 * the list's own columns, then row actions while editing. Saved rows are
 * retired, never removed (past returns refer to them by code; the core
 * refuses a save that drops one); a row added in this draft can still be
 * removed, and its code is typed once (or taken from the label).
 */

export interface PolicyRow {
  code: string;
  label: string;
  retired: boolean;
}

export interface CellContext<T> {
  /** Editing and the row not retired: the cell shows its input. */
  editable: boolean;
  /** "Reason 3": what the cell's inputs are labelled after. */
  name: string;
  set(change: Partial<T>): void;
}

export interface PolicyColumn<T> {
  header: string;
  cell(row: T, ctx: CellContext<T>): ReactNode;
}

export interface PolicyListCardProps<T extends PolicyRow> {
  testId: string;
  rowTestId: string;
  addTestId: string;
  title: string;
  addText: string;
  /** Capitalised, singular: the first column's header and the start of every input's label ("Reason 1 label"). */
  noun: string;
  placeholder: string;
  rows: readonly T[];
  /** Codes in the saved version: those rows can be retired, not removed, and keep their code. */
  saved: Set<string>;
  editing: boolean;
  onChange(rows: T[]): void;
  blank(): T;
  columns: readonly PolicyColumn<T>[];
  /** Shown after the label (the required condition's badge). */
  labelBadge?(row: T): ReactNode;
  /** Up / down buttons: the list's order means something. */
  reorder?: boolean;
  /** Rows that can be neither removed nor retired here. */
  fixed?(row: T): boolean;
  hint: ReactNode;
}

/** "Too small (ordered online)" → "too_small_ordered_online": the code a new row gets until someone types one. */
export const codeFromLabel = (label: string) =>
  label
    .toLowerCase()
    .normalize('NFKD')
    // The accents NFKD split off go, so "Défaut" is "defaut", not "de_faut"; ß has no split form.
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);

export function PolicyListCard<T extends PolicyRow>(props: PolicyListCardProps<T>) {
  const { rows, saved, editing, onChange, noun, columns } = props;
  const what = noun.toLowerCase();
  const setAt = (i: number, change: Partial<T>) => onChange(rows.map((x, k) => (k === i ? { ...x, ...change } : x)));
  const move = (i: number, by: -1 | 1) => {
    const list = [...rows];
    const [row] = list.splice(i, 1);
    if (row) list.splice(i + by, 0, row);
    onChange(list);
  };
  return (
    <section className="card" data-testid={props.testId}>
      <header className="card-header">
        <h3 className="card-title">{props.title}</h3>
        {editing ? (
          <button type="button" className="btn btn-sm" onClick={() => onChange([...rows, props.blank()])} data-testid={props.addTestId}>
            {props.addText}
          </button>
        ) : null}
      </header>
      <div className="card-body">
        <table className="table policy-table">
          <thead>
            <tr>
              <th>{noun}</th>
              <th>Code</th>
              {columns.map((c) => (
                <th key={c.header}>{c.header}</th>
              ))}
              {editing ? <th aria-label="Actions" /> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const isNew = !saved.has(r.code) || r.code === '';
              const name = `${noun} ${i + 1}`;
              const ctx: CellContext<T> = { editable: editing && !r.retired, name, set: (change) => setAt(i, change) };
              return (
                <tr key={i} className={r.retired ? 'retired' : undefined} data-testid={props.rowTestId}>
                  <td>
                    {ctx.editable ? (
                      // A new row's code follows its label until someone types one.
                      <input className="input" value={r.label} placeholder={props.placeholder} onChange={(e) => setAt(i, { label: e.target.value, ...(isNew ? { code: codeFromLabel(e.target.value) } : {}) } as Partial<T>)} aria-label={`${name} label`} />
                    ) : (
                      <>
                        {r.label}
                        {r.retired ? <span className="badge">retired</span> : null}
                      </>
                    )}
                    {props.labelBadge?.(r)}
                  </td>
                  <td className="mono muted">{editing && isNew ? <input className="input mono code-input" value={r.code} onChange={(e) => setAt(i, { code: e.target.value } as Partial<T>)} aria-label={`${name} code`} /> : r.code}</td>
                  {columns.map((c) => (
                    <td key={c.header}>{c.cell(r, ctx)}</td>
                  ))}
                  {editing ? (
                    <td className="row-actions">
                      {props.reorder ? (
                        <>
                          <button type="button" className="btn btn-sm" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${r.label || what} up`}>
                            ↑
                          </button>
                          <button type="button" className="btn btn-sm" disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${r.label || what} down`}>
                            ↓
                          </button>
                        </>
                      ) : null}
                      {props.fixed?.(r) ? null : <RowAction isNew={isNew} retired={r.retired} what={r.label || what} onRemove={() => onChange(rows.filter((_, k) => k !== i))} onRetire={(retired) => setAt(i, { retired } as Partial<T>)} />}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
        {editing ? <p className="muted small">{props.hint}</p> : null}
      </div>
    </section>
  );
}

/** Remove (a row added in this draft) or retire / restore (a saved one), with a confirmation before retiring. */
function RowAction({ isNew, retired, what, onRemove, onRetire }: { isNew: boolean; retired: boolean; what: string; onRemove(): void; onRetire(retired: boolean): void }) {
  if (isNew)
    return (
      <button type="button" className="btn btn-sm" onClick={onRemove} aria-label={`Remove ${what}`}>
        Remove
      </button>
    );
  if (retired)
    return (
      <button type="button" className="btn btn-sm" onClick={() => onRetire(false)} aria-label={`Restore ${what}`}>
        Restore
      </button>
    );
  return (
    <button type="button" className="btn btn-sm" onClick={() => window.confirm(`Retire “${what}”? It will no longer be offered for new returns; past returns keep it.`) && onRetire(true)} aria-label={`Retire ${what}`}>
      Retire
    </button>
  );
}
