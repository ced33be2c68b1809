import { FIELDS, MISSING, type FieldKey } from './compare';
import type { NormalCustomer } from './normalise';
import type { ScoredPair } from './pair-scorer';

/**
 * A scored pair in words, field by field, for the person who reviews it (the
 * review queue stores this as the pair's evidence).
 */
export interface FieldEvidence {
  field: FieldKey | 'names_swapped' | 'household';
  label: string;
  /** The agreement level in words ("nickname", "same mailbox", "missing"). */
  level: string;
  /** Bits this field added (negative: against a match). */
  weight: number;
  a: string;
  b: string;
}

/** What each field shows of a customer: the normalised value it was compared on. */
const shown: Record<FieldKey, (r: NormalCustomer) => string> = {
  first: (r) => r.first,
  last: (r) => r.last,
  email: (r) => r.mailbox,
  phone: (r) => r.phone,
  birth: (r) => r.birth,
  address: (r) => [r.streetFull, r.postcode, r.city].filter(Boolean).join(', '),
  unit: (r) => r.unit,
};

/** Field-by-field evidence, strongest first. a and b are pair.a's and pair.b's records; parts: bits per field. */
export function explainPair(pair: ScoredPair, parts: readonly number[], householdCapped: boolean, a: NormalCustomer, b: NormalCustomer): FieldEvidence[] {
  const out: FieldEvidence[] = FIELDS.map((f, i) => {
    const l = pair.levels[i]!;
    const swapName = pair.swapped && (f.key === 'first' || f.key === 'last');
    const bValue = swapName ? shown[f.key === 'first' ? 'last' : 'first'](b) : shown[f.key](b);
    return { field: f.key, label: f.label, level: l === MISSING ? 'missing' : (f.levels[l] as string), weight: Math.round(parts[i]! * 10) / 10, a: shown[f.key](a), b: bValue };
  });
  out.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight));
  if (pair.swapped) out.push({ field: 'names_swapped', label: 'Names', level: 'first and last name swapped', weight: 0, a: `${a.first} ${a.last}`, b: `${b.first} ${b.last}` });
  if (householdCapped)
    out.push({ field: 'household', label: 'Household', level: 'different first names: shared surname, address, phone and birth date count for less, as much less as this data\'s households say', weight: 0, a: a.first, b: b.first });
  return out;
}
