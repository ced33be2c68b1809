import { F_ADDRESS, F_BIRTH, F_EMAIL, F_FIRST, F_LAST, F_PHONE, F_UNIT } from './compare';
import { editDistance } from './similarity';

/**
 * Household dependence. Fellegi–Sunter multiplies the fields' evidence as if
 * they were independent among different people, but members of one household
 * share surname, address, phone (and twins a birth date) all at once. When
 * the given names differ, those shared fields are therefore worth less than
 * their sum — how much less depends on how many households the data holds,
 * which is estimated from the data itself (no fixed rule):
 *
 *   D = candidate pairs with different given names that share ≥ 2 household fields
 *   S = candidate pairs with the same given name that share ≥ 2 household fields
 *   E = S · m(given name differs) / m(same)   expected same-person pairs in D
 *   H = max(0, D − E − 2√E)                   household pairs in D (different people), beyond chance
 *
 * For a pair in D the household fields' likelihood ratio is then
 * m / (u_independent + u_household), i.e. the combined weight W (given name
 * plus the shared fields) becomes −log2(2^−W + k) with k = H·λ / E: with no
 * households (k = 0) the fields count in full; with many, a pair's odds can
 * reach at most about E / H from these fields, whatever their sum.
 */

type Levels = ArrayLike<number>;

const HOUSEHOLD_FIELDS = [F_LAST, F_ADDRESS, F_PHONE, F_UNIT] as const;
const HOUSEHOLD_FIELDS_AND_BIRTH = [F_LAST, F_ADDRESS, F_PHONE, F_UNIT, F_BIRTH] as const;

/**
 * Given names that are different people's: names merely alike (Diane /
 * Daniel) or two edits apart (Jose / Joseph) count; an initial against a full
 * name (J / John) and one slip of the fingers (Juan / Jyan) do not.
 */
export function givenNamesDiffer(levels: Levels, aFirst: string, bFirst: string): boolean {
  const first = levels[F_FIRST];
  return first === 4 || ((first === 3 || first === 2) && aFirst.length > 1 && bFirst.length > 1 && editDistance(aFirst, bFirst, 1) > 1);
}

/**
 * The fields a household shares. A shared birth date joins them when the
 * mailboxes differ too: two records with their own given name and their own
 * mailbox born the same day are twins; with no second mailbox it is still how
 * a retyped given name is recognised.
 */
export const householdFields = (levels: Levels): readonly number[] => (levels[F_EMAIL] === 2 ? HOUSEHOLD_FIELDS_AND_BIRTH : HOUSEHOLD_FIELDS);

/** How many household fields agree at their best level (same surname, same address, …): what a household shares. */
export function strongShared(levels: Levels): number {
  let shared = 0;
  for (const f of householdFields(levels)) if (levels[f] === 0) shared++;
  return shared;
}

/** How many household fields add positive evidence (parts: bits per field). */
export function sharedHouseholdFields(levels: Levels, parts: ArrayLike<number>): number {
  let shared = 0;
  for (const f of householdFields(levels)) if (parts[f]! > 0) shared++;
  return shared;
}

/**
 * Softens the household fields of a pair whose given names differ, in place
 * (parts: bits per field). Returns whether anything was taken off. `k`
 * undefined (a model learnt before k existed): the strongest shared field
 * counts alone, as a fixed cap.
 */
export function capHousehold(levels: Levels, parts: Float64Array | number[], k: number | undefined): boolean {
  const fields = householdFields(levels);
  let keep = -1;
  let shared = 0;
  let sum = 0;
  for (const f of fields) {
    if (parts[f]! <= 0) continue;
    shared++;
    sum += parts[f]!;
    if (keep < 0 || parts[f]! > parts[keep]!) keep = f;
  }
  if (shared < 2) return false;
  if (k === undefined) {
    for (const f of fields) if (f !== keep && parts[f]! > 0) parts[f] = 0;
    return true;
  }
  if (k <= 0) return false;
  const w = parts[F_FIRST]! + sum;
  const softened = -Math.log2(2 ** -w + k);
  // Taken off the shared fields in proportion; they never count against a match.
  const cut = Math.min(sum, w - softened);
  if (cut < 0.05) return false;
  const scale = (sum - cut) / sum;
  for (const f of fields) if (parts[f]! > 0) parts[f] = parts[f]! * scale;
  return true;
}

export interface HouseholdCounts {
  /** Pairs with the same given name sharing ≥ 2 household fields. */
  same: number;
  /** Pairs with different given names sharing ≥ 2 household fields. */
  differ: number;
  /** Pairs sharing ≥ 2 household fields per given-name level, and how many of them count as different names. */
  atLevel: number[];
  differAtLevel: number[];
}

export const emptyHouseholdCounts = (firstLevels: number): HouseholdCounts => ({ same: 0, differ: 0, atLevel: new Array<number>(firstLevels).fill(0), differAtLevel: new Array<number>(firstLevels).fill(0) });

/**
 * Adds one candidate pair (its comparison levels) to the counts when it
 * shares a home (strongShared ≥ 2; the caller checks, most pairs do not and
 * need no more work). `differ`: givenNamesDiffer for the pair.
 */
export function countHousehold(counts: HouseholdCounts, levels: Levels, differ: boolean): void {
  const first = levels[F_FIRST]!;
  if (first < 0) return;
  counts.atLevel[first]!++;
  if (differ) {
    counts.differAtLevel[first]!++;
    counts.differ++;
  } else if (first === 0) counts.same++;
}

/**
 * k from the counts and the model's m for the given name (λ: share of all
 * pairs that are the same person). Half a pair is added to E so a data set
 * with no same-name evidence at all does not divide by zero.
 * m(differ) is m per given-name level times the share of home-sharing pairs
 * at that level whose names count as different.
 */
export function householdK(counts: HouseholdCounts, mFirst: readonly number[], lambda: number): number {
  let mDiffer = 0;
  mFirst.forEach((m, l) => {
    const at = counts.atLevel[l] ?? 0;
    if (at > 0) mDiffer += m * ((counts.differAtLevel[l] ?? 0) / at);
  });
  const expected = counts.same * (mDiffer / mFirst[0]!) + 0.5;
  // Only an excess beyond chance is households: the count of same-person pairs varies by about √E (Poisson), so two of those are allowed.
  const households = Math.max(0, counts.differ - expected - 2 * Math.sqrt(expected));
  return (households * lambda) / expected;
}
