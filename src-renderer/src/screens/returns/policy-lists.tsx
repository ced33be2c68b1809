import { useState } from 'react';
import { minorDigits, parseDecimalToMinor } from '../../../../src-shared/money';
import type { ItemCondition, RestockingFee, ReturnPolicy, ReturnReason } from '../../../../src-shared/returns/policy';
import { money } from '../../lib/format';

/**
 * The policy's reasons and conditions: renamed in place, added, and retired
 * (never removed once saved — past returns refer to them by code; the core
 * refuses a save that drops one). A row added in this draft can still be
 * removed, and its code is typed once (or taken from the label).
 */

const toDecimal = (minor: number, currency: string) => (minor / 10 ** minorDigits(currency)).toFixed(minorDigits(currency));
/** "Too small (ordered online)" → "too_small_ordered_online": the code a new row gets until someone types one. */
export const codeFromLabel = (label: string) =>
  label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);

interface ListProps {
  p: ReturnPolicy;
  /** Codes in the saved version: those rows can be retired, not removed, and keep their code. */
  saved: Set<string>;
  editing: boolean;
  currency: string;
  edit(change: Partial<ReturnPolicy>): void;
}

export function ReasonsCard({ p, saved, editing, currency, edit }: ListProps) {
  const setAt = (i: number, change: Partial<ReturnReason>) => edit({ reasons: p.reasons.map((x, k) => (k === i ? { ...x, ...change } : x)) });
  const add = () => edit({ reasons: [...p.reasons, { code: '', label: '', fault: 'customer', restockingFee: null, retired: false }] });
  return (
    <section className="card" data-testid="policy-reasons">
      <header className="card-header">
        <h3 className="card-title">Reasons and restocking fees</h3>
        {editing ? (
          <button type="button" className="btn btn-sm" onClick={add} data-testid="reason-add">
            Add a reason
          </button>
        ) : null}
      </header>
      <div className="card-body">
        <table className="table policy-table">
          <thead>
            <tr>
              <th>Reason</th>
              <th>Code</th>
              <th>At fault</th>
              <th>Restocking fee</th>
              {editing ? <th aria-label="Actions" /> : null}
            </tr>
          </thead>
          <tbody>
            {p.reasons.map((r, i) => {
              const isNew = !saved.has(r.code) || r.code === '';
              return (
                <tr key={i} className={r.retired ? 'retired' : undefined} data-testid="policy-reason">
                  <td>
                    {editing && !r.retired ? (
                      <input className="input" value={r.label} placeholder="e.g. Arrived too late" onChange={(e) => setAt(i, { label: e.target.value, ...(isNew ? { code: codeFromLabel(e.target.value) } : {}) })} aria-label={`Reason ${i + 1} label`} />
                    ) : (
                      <>
                        {r.label}
                        {r.retired ? <span className="badge">retired</span> : null}
                      </>
                    )}
                  </td>
                  <td className="mono muted">{editing && isNew ? <input className="input mono code-input" value={r.code} onChange={(e) => setAt(i, { code: e.target.value })} aria-label={`Reason ${i + 1} code`} /> : r.code}</td>
                  <td>
                    {editing && !r.retired ? (
                      <select className="select" value={r.fault} onChange={(e) => setAt(i, { fault: e.target.value as 'customer' | 'shop' })} aria-label={`Reason ${i + 1} fault`}>
                        <option value="customer">Customer</option>
                        <option value="shop">Shop</option>
                      </select>
                    ) : r.fault === 'shop' ? (
                      'Shop'
                    ) : (
                      'Customer'
                    )}
                  </td>
                  <td>{editing && !r.retired ? <FeeEditor fee={r.restockingFee} currency={currency} label={`Reason ${i + 1} fee`} onChange={(f) => setAt(i, { restockingFee: f })} /> : <FeeText fee={r.restockingFee} currency={currency} />}</td>
                  {editing ? (
                    <td className="row-actions">
                      <RowAction isNew={isNew} retired={r.retired} what={r.label || 'reason'} onRemove={() => edit({ reasons: p.reasons.filter((_, k) => k !== i) })} onRetire={(retired) => setAt(i, { retired })} />
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
        {editing ? <p className="muted small">Renaming keeps the code, so past returns show the new name. A retired reason is no longer offered; returns that used it keep it.</p> : null}
      </div>
    </section>
  );
}

export function ConditionsCard({ p, saved, editing, currency, edit }: ListProps) {
  const setAt = (i: number, change: Partial<ItemCondition>) => edit({ conditions: p.conditions.map((x, k) => (k === i ? { ...x, ...change } : x)) });
  const move = (i: number, by: -1 | 1) => {
    const list = [...p.conditions];
    const [row] = list.splice(i, 1);
    if (row) list.splice(i + by, 0, row);
    edit({ conditions: list });
  };
  const add = () => edit({ conditions: [...p.conditions, { code: '', label: '', resellable: false, fee: null, retired: false }] });
  return (
    <section className="card" data-testid="policy-conditions">
      <header className="card-header">
        <h3 className="card-title">Conditions, best first</h3>
        {editing ? (
          <button type="button" className="btn btn-sm" onClick={add} data-testid="condition-add">
            Add a condition
          </button>
        ) : null}
      </header>
      <div className="card-body">
        <table className="table policy-table">
          <thead>
            <tr>
              <th>Condition</th>
              <th>Code</th>
              <th>Resellable</th>
              <th>Fee (customer’s fault)</th>
              {editing ? <th aria-label="Actions" /> : null}
            </tr>
          </thead>
          <tbody>
            {p.conditions.map((c, i) => {
              const isNew = !saved.has(c.code) || c.code === '';
              const required = c.code === p.requiredCondition;
              return (
                <tr key={i} className={c.retired ? 'retired' : undefined} data-testid="policy-condition">
                  <td>
                    {editing && !c.retired ? (
                      <input className="input" value={c.label} placeholder="e.g. Missing parts" onChange={(e) => setAt(i, { label: e.target.value, ...(isNew ? { code: codeFromLabel(e.target.value) } : {}) })} aria-label={`Condition ${i + 1} label`} />
                    ) : (
                      <>
                        {c.label}
                        {c.retired ? <span className="badge">retired</span> : null}
                      </>
                    )}
                    {required ? <span className="badge badge-blue">required</span> : null}
                  </td>
                  <td className="mono muted">{editing && isNew ? <input className="input mono code-input" value={c.code} onChange={(e) => setAt(i, { code: e.target.value })} aria-label={`Condition ${i + 1} code`} /> : c.code}</td>
                  <td>
                    {editing && !c.retired ? <input type="checkbox" checked={c.resellable} onChange={(e) => setAt(i, { resellable: e.target.checked })} aria-label={`Condition ${i + 1} resellable`} /> : c.resellable ? 'Yes' : 'No'}
                  </td>
                  <td>{editing && !c.retired ? <FeeEditor fee={c.fee} currency={currency} label={`Condition ${i + 1} fee`} onChange={(f) => setAt(i, { fee: f })} /> : <FeeText fee={c.fee} currency={currency} />}</td>
                  {editing ? (
                    <td className="row-actions">
                      <button type="button" className="btn btn-sm" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${c.label || 'condition'} up`}>
                        ↑
                      </button>
                      <button type="button" className="btn btn-sm" disabled={i === p.conditions.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${c.label || 'condition'} down`}>
                        ↓
                      </button>
                      {required ? null : <RowAction isNew={isNew} retired={c.retired} what={c.label || 'condition'} onRemove={() => edit({ conditions: p.conditions.filter((_, k) => k !== i) })} onRetire={(retired) => setAt(i, { retired })} />}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
        {editing ? <p className="muted small">The order matters: “required or better” counts from the top. The fee is charged on customer-fault returns in that condition, on the declared condition and again on what the inspector finds.</p> : null}
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

function FeeText({ fee, currency }: { fee: RestockingFee | null; currency: string }) {
  if (!fee) return <>—</>;
  return <>{fee.kind === 'percent' ? `${fee.percent} %` : `${money(fee.amountMinor, currency)} per unit`}</>;
}

function FeeEditor({ fee, currency, label, onChange }: { fee: RestockingFee | null; currency: string; label: string; onChange(f: RestockingFee | null): void }) {
  const [text, setText] = useState(fee?.kind === 'fixed' ? toDecimal(fee.amountMinor, currency) : '');
  return (
    <span className="inline">
      <select
        className="select"
        value={fee?.kind ?? 'none'}
        aria-label={`${label} kind`}
        onChange={(e) => {
          setText('5.00');
          onChange(e.target.value === 'percent' ? { kind: 'percent', percent: 10 } : e.target.value === 'fixed' ? { kind: 'fixed', amountMinor: parseDecimalToMinor('5.00', currency) } : null);
        }}
      >
        <option value="none">No fee</option>
        <option value="percent">Percent</option>
        <option value="fixed">Fixed per unit</option>
      </select>
      {fee?.kind === 'percent' ? <input className="input num-input" type="number" step="0.01" min={0} max={100} value={fee.percent} onChange={(e) => onChange({ kind: 'percent', percent: Number(e.target.value) })} aria-label={`${label} percent`} /> : null}
      {fee?.kind === 'fixed' ? (
        <input
          className="input money-input"
          aria-label={`${label} amount`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            try {
              onChange({ kind: 'fixed', amountMinor: parseDecimalToMinor(e.target.value, currency) });
            } catch {
              // Leave the last good amount until the text parses again.
            }
          }}
        />
      ) : null}
    </span>
  );
}
