import { useEffect, useState } from 'react';
import type { ExchangeOptions } from '../../../../src-shared/returns/types';
import { call } from '../../lib/api';
import { money } from '../../lib/format';

/** For an exchange: which variant (size, colour) each returned item is replaced with; the same one unless changed. */
export function ExchangePicker({ id, onChange }: { id: number; onChange(swaps: { returnLineId: number; variantId: number }[]): void }) {
  const [options, setOptions] = useState<ExchangeOptions | null>(null);
  const [chosen, setChosen] = useState<Record<number, number>>({});
  useEffect(() => {
    let live = true;
    void call('returns.exchangeOptions', { id }).then((reply) => {
      if (live && reply.ok) setOptions(reply.result);
    });
    return () => {
      live = false;
    };
  }, [id]);
  if (!options) return null;
  const pick = (lineId: number, variantId: number) => {
    const next = { ...chosen, [lineId]: variantId };
    setChosen(next);
    onChange(
      options.lines
        .filter((l) => next[l.returnLineId] !== undefined && next[l.returnLineId] !== l.currentVariantId)
        .map((l) => ({ returnLineId: l.returnLineId, variantId: next[l.returnLineId] as number })),
    );
  };
  return (
    <div className="exchange-picker" data-testid="exchange-picker">
      {options.lines.map((l) => (
        <label key={l.returnLineId} className="exchange-line">
          <span>
            Replace {l.quantity} × {l.title} with
          </span>
          <select className="select" value={chosen[l.returnLineId] ?? l.currentVariantId ?? ''} onChange={(e) => pick(l.returnLineId, Number(e.target.value))} aria-label={`Replacement for ${l.title}`} disabled={l.options.length <= 1}>
            {l.options.map((o) => (
              <option key={o.variantId} value={o.variantId}>
                {[o.title ?? 'Same item', o.sku].filter(Boolean).join(' · ')} — {o.onHand} in stock{o.variantId === l.currentVariantId ? ' (same)' : ''}
                {o.differenceMinor > 0 ? ` · customer pays ${money(o.differenceMinor, options.currency)}` : o.differenceMinor < 0 ? ` · ${money(-o.differenceMinor, options.currency)} back` : ''}
              </option>
            ))}
          </select>
        </label>
      ))}
      <Difference options={options} chosen={chosen} />
    </div>
  );
}

/** The exchange's money in one sentence: what the customer pays, or gets back, for the items chosen. */
function Difference({ options, chosen }: { options: ExchangeOptions; chosen: Record<number, number> }) {
  const total = options.lines.reduce((s, l) => s + (l.options.find((o) => o.variantId === (chosen[l.returnLineId] ?? l.currentVariantId))?.differenceMinor ?? 0), 0);
  if (total === 0) return <div className="small muted" data-testid="exchange-difference">An even exchange: no money changes hands.</div>;
  return (
    <div className="small exchange-difference" data-testid="exchange-difference">
      {total > 0
        ? `The customer pays the difference of ${money(total, options.currency)}: the replacement order waits for that payment.`
        : `The difference of ${money(-total, options.currency)} is refunded to the original payment (at most what the return is worth).`}
    </div>
  );
}
