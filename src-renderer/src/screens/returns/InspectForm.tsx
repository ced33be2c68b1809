import { useState } from 'react';
import type { ReturnDetail } from '../../../../src-shared/returns/types';
import { useReturns } from '../../stores/returns';

interface Choice {
  outcome: 'restock' | 'write_off';
  locationId: number;
  reason: string;
  /** The condition found; starts at what the customer declared. */
  condition: string;
  notes: string;
}

/**
 * Inspection of what came back, per line: the condition found (a worse one
 * than declared re-prices the line in the core) with notes, then restock to a
 * location or write off with a reason.
 */
export function InspectForm({ r }: { r: ReturnDetail }) {
  const act = useReturns((s) => s.act);
  const busy = useReturns((s) => s.busy);
  const pending = r.lines.filter((l) => l.outcome === null);
  // Returned goods usually go to a returns bay first, when the shop has one.
  const firstLocation = (r.restockLocations.find((l) => /return/i.test(l.name) || l.code === 'RET') ?? r.restockLocations[0])?.id ?? 0;
  const initial = (l: ReturnDetail['lines'][number]): Choice => ({ outcome: 'restock', locationId: firstLocation, reason: '', condition: l.condition, notes: '' });
  const [choices, setChoices] = useState<Record<number, Choice>>(() => Object.fromEntries(pending.map((l) => [l.id, initial(l)])));
  const labelOf = (code: string) => r.conditions.find((c) => c.code === code)?.label ?? code;
  return (
    <form
      className="panel-form inspect-form"
      data-testid="inspect-form"
      onSubmit={(e) => {
        e.preventDefault();
        void act('returns.inspect', {
          id: r.id,
          lines: pending.map((l) => {
            const ch = choices[l.id] ?? initial(l);
            const found = { condition: ch.condition, ...(ch.notes.trim() ? { notes: ch.notes.trim() } : {}) };
            return ch.outcome === 'restock'
              ? { returnLineId: l.id, outcome: 'restock' as const, locationId: ch.locationId, ...found }
              : { returnLineId: l.id, outcome: 'write_off' as const, writeOffReason: ch.reason, ...found };
          }),
        });
      }}
    >
      <div className="inspect-title">Inspect what came back</div>
      {pending.map((l) => {
        const ch = choices[l.id] ?? initial(l);
        const set = (change: Partial<Choice>) => setChoices((c) => ({ ...c, [l.id]: { ...(c[l.id] ?? initial(l)), ...change } }));
        return (
          <div className="inspect-block" key={l.id}>
            <div className="inspect-item">
              {l.quantity} × {l.title} <span className="small muted">· declared “{labelOf(l.condition)}”</span>
            </div>
            <div className="inspect-line inspect-choices">
              <select className="select" aria-label={`Condition found for ${l.title}`} value={ch.condition} onChange={(e) => set({ condition: e.target.value })}>
                {r.conditions.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.label}
                  </option>
                ))}
              </select>
              <select className="select" aria-label={`Outcome for ${l.title}`} value={ch.outcome} onChange={(e) => set({ outcome: e.target.value as Choice['outcome'] })}>
                <option value="restock">Restock</option>
                <option value="write_off">Write off</option>
              </select>
              {ch.outcome === 'restock' ? (
                <select className="select" aria-label={`Location for ${l.title}`} value={ch.locationId} onChange={(e) => set({ locationId: Number(e.target.value) })}>
                  {r.restockLocations.map((loc) => (
                    <option key={loc.id} value={loc.id}>
                      {loc.name}
                    </option>
                  ))}
                </select>
              ) : (
                <input className="input" aria-label={`Write-off reason for ${l.title}`} placeholder="Why? e.g. torn seam" value={ch.reason} onChange={(e) => set({ reason: e.target.value })} />
              )}
            </div>
            <input className="input" aria-label={`Inspection notes for ${l.title}`} placeholder="Notes (what you found)" maxLength={500} value={ch.notes} onChange={(e) => set({ notes: e.target.value })} />
            {ch.condition !== l.condition ? (
              <div className="small inspect-warn" role="note">
                Not as declared: the line is judged again on “{labelOf(ch.condition)}” when you save — a fee may apply, or it may no longer be eligible.
              </div>
            ) : null}
          </div>
        );
      })}
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="inspect-save">
          Save inspection
        </button>
      </div>
    </form>
  );
}
