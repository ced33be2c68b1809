import { useState } from 'react';
import { minorDigits, parseDecimalToMinor } from '../../../../src-shared/money';
import type { RestockingFee } from '../../../../src-shared/returns/policy';
import { money } from '../../lib/format';

/** A restocking fee shown and edited: none, a percentage, or a fixed amount per unit in the policy's currency. */

const toDecimal = (minor: number, currency: string) => (minor / 10 ** minorDigits(currency)).toFixed(minorDigits(currency));

export function FeeText({ fee, currency }: { fee: RestockingFee | null; currency: string }) {
  if (!fee) return <>—</>;
  return <>{fee.kind === 'percent' ? `${fee.percent} %` : `${money(fee.amountMinor, currency)} per unit`}</>;
}

export function FeeEditor({ fee, currency, label, onChange }: { fee: RestockingFee | null; currency: string; label: string; onChange(f: RestockingFee | null): void }) {
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
