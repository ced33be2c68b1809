import { useState, type FormEvent } from 'react';
import { ADJUST_REASON_LABELS, ADJUST_REASONS, MAX_ADJUST_DELTA, type AdjustReason, type StockItem, type StockLocation } from '../../../../src-shared/contract';
import { Field } from '../../components/Field';
import { useInventory } from '../../stores/inventory';
import { confirmReasons } from './adjust-rules';

export const ADJUST_QTY_ID = 'adjust-qty';

/** The reasons' natural direction: picking one sets the sign, so "Damaged 3" means −3. */
const SIGN_OF: Partial<Record<AdjustReason, 1 | -1>> = { damaged: -1, found: 1, received: 1 };

/**
 * Adjust one SKU at one location: +/− a number of units with a reason. Enter
 * applies; a large removal, or one that leaves orders without stock, asks for
 * a second Enter first. Keyed by SKU by its parent, so another SKU starts afresh.
 */
export function AdjustForm({ item, locations }: { item: StockItem; locations: StockLocation[] }) {
  const adjust = useInventory((s) => s.adjust);
  const busy = useInventory((s) => s.busy);
  const error = useInventory((s) => s.adjustError);
  const clearError = useInventory((s) => s.clearAdjustError);
  const firstStocked = item.levels.find((l) => l.onHand > 0)?.locationId ?? locations[0]?.id ?? 0;
  const [locationId, setLocationId] = useState(firstStocked);
  const [sign, setSign] = useState<1 | -1>(1);
  const [qty, setQty] = useState('');
  const [reason, setReason] = useState<AdjustReason>('count_correction');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);

  const units = Number(qty);
  const valid = qty.trim() !== '' && Number.isInteger(units) && units > 0 && units <= MAX_ADJUST_DELTA;
  const delta = sign * units;
  const location = locations.find((l) => l.id === locationId);
  const onHandHere = item.levels.find((l) => l.locationId === locationId)?.onHand ?? 0;
  const field = error?.code === 'VALIDATION' ? error.field : undefined;

  function pickReason(r: AdjustReason) {
    setReason(r);
    const s = SIGN_OF[r];
    if (s) setSign(s);
    setConfirming(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!valid || busy) return;
    if (!confirming) {
      const why = confirmReasons(delta, item.available);
      if (why.length) {
        setConfirming(`Remove ${units} × ${item.sku ?? item.title} at ${location?.name ?? 'this location'}? ${why.join('; ')}.`);
        return;
      }
    }
    setConfirming(null);
    const ok = await adjust({ variantId: item.variantId, locationId, delta, reason, ...(note.trim() ? { note: note.trim() } : {}) });
    if (ok) {
      setQty('');
      setNote('');
    }
  }

  return (
    <form
      className="panel-form adjust-form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && confirming) {
          e.stopPropagation();
          setConfirming(null);
        }
      }}
      data-testid="adjust-form"
    >
      <h3 className="panel-subtitle">Adjust stock</h3>
      <div className="adjust-row">
        <Field id="adjust-location" label="Location" error={field === 'locationId' ? error?.message : null}>
          <select id="adjust-location" className="input" value={locationId} onChange={(e) => setLocationId(Number(e.target.value))}>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({item.levels.find((x) => x.locationId === l.id)?.onHand ?? 0} on hand)
              </option>
            ))}
          </select>
        </Field>
        <Field id={ADJUST_QTY_ID} label="Units" error={field === 'delta' ? error?.message : null} hint={valid ? `${onHandHere} → ${onHandHere + delta} on hand here` : 'Whole units to add or remove'}>
          <div className="adjust-qty">
            <div className="sign-toggle" role="group" aria-label="Add or remove">
              <button type="button" className={`btn btn-small${sign === 1 ? ' is-active' : ''}`} aria-pressed={sign === 1} onClick={() => setSign(1)} data-testid="adjust-add" title="Add units">
                +
              </button>
              <button type="button" className={`btn btn-small${sign === -1 ? ' is-active' : ''}`} aria-pressed={sign === -1} onClick={() => setSign(-1)} data-testid="adjust-remove" title="Remove units">
                −
              </button>
            </div>
            <input
              id={ADJUST_QTY_ID}
              className="input"
              inputMode="numeric"
              autoComplete="off"
              value={qty}
              onChange={(e) => {
                // Typing "-5" means remove 5: the sign goes to the toggle, the digits stay.
                const v = e.target.value.trim();
                if (v.startsWith('-') || v.startsWith('+')) setSign(v.startsWith('-') ? -1 : 1);
                setQty(v.replace(/^[+-]/, ''));
                setConfirming(null);
                if (error) clearError();
              }}
              placeholder="0"
              data-testid="adjust-qty"
            />
          </div>
        </Field>
      </div>
      <div className="adjust-row">
        <Field id="adjust-reason" label="Reason" error={field === 'reason' ? error?.message : null}>
          <select id="adjust-reason" className="input" value={reason} onChange={(e) => pickReason(e.target.value as AdjustReason)} data-testid="adjust-reason">
            {ADJUST_REASONS.map((r) => (
              <option key={r} value={r}>
                {ADJUST_REASON_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="adjust-note" label={reason === 'other' ? 'Note (required)' : 'Note'} error={field === 'note' ? error?.message : null}>
          <input id="adjust-note" className="input" value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} placeholder="e.g. shelf recount, PO 1182" data-testid="adjust-note" />
        </Field>
      </div>
      {error && !field ? (
        <div className="notice notice-error" role="alert" data-testid="adjust-error">
          {error.message}
        </div>
      ) : null}
      {confirming ? (
        <div className="notice notice-warning adjust-confirm" role="alertdialog" aria-label="Confirm adjustment" data-testid="adjust-confirm">
          <span>{confirming}</span>
          <span className="adjust-confirm-actions">
            <button type="submit" className="btn btn-danger btn-small" disabled={busy} data-testid="adjust-confirm-yes">
              Remove {units} (Enter)
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(null)}>
              Cancel (Esc)
            </button>
          </span>
        </div>
      ) : (
        <button type="submit" className="btn btn-primary" disabled={!valid || busy} data-testid="adjust-apply">
          {busy ? 'Applying…' : valid ? `${delta > 0 ? 'Add' : 'Remove'} ${units} at ${location?.code ?? '—'}` : 'Apply'} <span className="muted small">Enter</span>
        </button>
      )}
    </form>
  );
}
