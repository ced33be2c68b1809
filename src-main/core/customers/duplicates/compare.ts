import { nicknameMatch } from './nicknames';
import type { NormalCustomer } from './normalise';
import { editDistance, jaroWinkler } from './similarity';

/**
 * Field comparators. Each field compares two normalised customers into one of a
 * few agreement levels, best first; MISSING when either side has no value (it
 * then neither helps nor hurts).
 */
export const MISSING = -1;

export interface FieldSpec {
  key: FieldKey;
  label: string;
  /** Level names a person reads, best first. */
  levels: readonly string[];
}

export const FIELDS = [
  { key: 'first', label: 'First name', levels: ['same', 'nickname', 'similar spelling', 'alike', 'different'] },
  { key: 'last', label: 'Last name', levels: ['same', 'similar spelling', 'shares a part', 'different'] },
  { key: 'email', label: 'Email', levels: ['same mailbox', 'same user name, other provider', 'different'] },
  { key: 'phone', label: 'Phone', levels: ['same number', 'same last 7 digits', 'different'] },
  { key: 'birth', label: 'Birth date', levels: ['same', 'day/month swapped or one digit off', 'same year', 'different'] },
  { key: 'address', label: 'Address', levels: ['same', 'same street', 'same postcode', 'same town', 'different'] },
  { key: 'unit', label: 'Address line 2', levels: ['same', 'similar', 'different'] },
] as const satisfies readonly { key: string; label: string; levels: readonly string[] }[];

export type FieldKey = (typeof FIELDS)[number]['key'];
export const FIELD_COUNT = FIELDS.length;
export const F_FIRST = 0;
export const F_LAST = 1;
export const F_EMAIL = 2;
export const F_PHONE = 3;
export const F_BIRTH = 4;
export const F_ADDRESS = 5;
export const F_UNIT = 6;

/** `knownJw`: jaroWinkler(a, b) when the caller has it already (the scan compares millions of pairs). */
export function compareFirst(a: string, b: string, knownJw?: number): number {
  if (!a || !b) return MISSING;
  if (a === b) return 0;
  if (nicknameMatch(a, b)) return 1;
  const jw = knownJw ?? jaroWinkler(a, b);
  // A slip of the fingers (one or two edits), not a different name that looks alike (Michael / Michelle).
  if (jw >= 0.9 && editDistance(a, b, 2) <= 2) return 2;
  // An initial against a full name, or a near spelling.
  if (jw >= 0.85 || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) return 3;
  return 4;
}

export function compareLast(a: string, b: string, aParts: readonly string[], bParts: readonly string[], knownJw?: number): number {
  if (!a || !b) return MISSING;
  if (a === b) return 0;
  const jw = knownJw ?? jaroWinkler(a, b);
  if (jw >= 0.92) return 1;
  if (jw >= 0.85 || ((aParts.length > 1 || bParts.length > 1) && aParts.some((p) => bParts.includes(p)))) return 2;
  return 3;
}

/**
 * True when a user name is just the person's name ("mary.jones", "mjones"):
 * sharing it at another provider says no more than the names already did.
 */
export function nameBasedLocal(local: string, rawFirst: string, rawLast: string): boolean {
  // Umlauts are written both ways in addresses (Müller: mueller / muller): compare without the e.
  const loose = (s: string) => s.replace(/([aou])e/g, '$1');
  const letters = loose(local.replace(/[^a-z]/g, ''));
  const first = loose(rawFirst);
  const last = loose(rawLast);
  if (!letters || !last) return false;
  return letters === first || letters === last || (letters.includes(last) && (!first || letters.includes(first) || letters.startsWith(first[0]!) || letters.endsWith(first[0]!)));
}

export function compareEmail(a: NormalCustomer, b: NormalCustomer): number {
  if (!a.mailbox || !b.mailbox) return MISSING;
  if (a.mailbox === b.mailbox) return 0;
  if (a.emailLocal === b.emailLocal) return nameBasedLocal(a.emailLocal, a.first, a.last) ? MISSING : 1;
  return 2;
}

export function comparePhone(a: NormalCustomer, b: NormalCustomer): number {
  if (!a.phone || !b.phone) return MISSING;
  if (a.phone === b.phone) return 0;
  if (a.phoneTail.length === 7 && a.phoneTail === b.phoneTail) return 1;
  return 2;
}

/** ISO dates; tolerant of day and month swapped and of one mistyped digit. */
export function compareBirth(a: string, b: string): number {
  if (!a || !b) return MISSING;
  if (a === b) return 0;
  // YYYY-MM-DD: compared by character position, no splitting (the scan does this millions of times).
  const sameYear = a.charCodeAt(0) === b.charCodeAt(0) && a.charCodeAt(1) === b.charCodeAt(1) && a.charCodeAt(2) === b.charCodeAt(2) && a.charCodeAt(3) === b.charCodeAt(3);
  if (sameYear && a.charCodeAt(5) === b.charCodeAt(8) && a.charCodeAt(6) === b.charCodeAt(9) && a.charCodeAt(8) === b.charCodeAt(5) && a.charCodeAt(9) === b.charCodeAt(6)) return 1;
  if (editDistance(a, b, 1) <= 1) return 1;
  return sameYear ? 2 : 3;
}

const near = (x: string, y: string) => !!x && !!y && (x === y || editDistance(x, y, 2) <= 2 || jaroWinkler(x, y) >= 0.9);

/** True when the two address lines were typed into each other's boxes ("Flat 2" / "12 Oak St" and the reverse). */
export function linesCrossed(a: NormalCustomer, b: NormalCustomer): boolean {
  return !!a.unit && !!b.unit && a.unit !== b.unit && (near(a.unit, b.streetName) || near(b.unit, a.streetName));
}

function streetLevel(a: NormalCustomer, b: NormalCustomer): number {
  // 0 same, 1 close, 2 different, MISSING
  if (!a.streetFull || !b.streetFull) return MISSING;
  if (a.streetFull === b.streetFull) return 0;
  if (linesCrossed(a, b)) return 1;
  // One slip allowed: in the house number or in the street name, not both; a different street type is another street.
  const ta = a.streetType;
  const tb = b.streetType;
  if (ta !== tb && ta && tb) return 2;
  if (a.streetNumber === b.streetNumber) return a.streetName === b.streetName || editDistance(a.streetName, b.streetName, 2) <= 2 || jaroWinkler(a.streetName, b.streetName) >= 0.92 ? 1 : 2;
  return a.streetName === b.streetName && editDistance(a.streetNumber, b.streetNumber, 1) <= 1 ? 1 : 2;
}


function localityLevel(a: NormalCustomer, b: NormalCustomer): number {
  // 0 same postcode, 1 near postcode or same town, 2 different, MISSING
  const hasPost = !!(a.postcode && b.postcode);
  const hasCity = !!(a.city && b.city);
  if (!hasPost && !hasCity) return MISSING;
  if (hasPost && a.postcode === b.postcode) return 0;
  if (hasCity && (a.city === b.city || jaroWinkler(a.city, b.city) >= 0.92)) return 1;
  if (hasPost && editDistance(a.postcode, b.postcode, 1) <= 1) return 1;
  return 2;
}

/** One comparison for the whole address, so street, postcode and town do not count three times. */
export function compareAddress(a: NormalCustomer, b: NormalCustomer): number {
  const s = streetLevel(a, b);
  const l = localityLevel(a, b);
  if (s === MISSING && l === MISSING) return MISSING;
  if (s === 0 && l !== 2) return 0;
  if (s === 1 && l === 0) return 0;
  if (s === 0 || s === 1) return 1;
  if (l === 0) return 2;
  if (l === 1) return 3;
  return 4;
}

export function compareUnit(a: NormalCustomer, b: NormalCustomer): number {
  if (!a.unit || !b.unit) return MISSING;
  if (a.unit === b.unit) return 0;
  if (near(a.unit, b.unit)) return 1;
  return linesCrossed(a, b) ? MISSING : 2;
}

/** True when the names read better crossed over (first ↔ last): someone typed them into the wrong boxes. */
export function namesSwapped(a: NormalCustomer, b: NormalCustomer): boolean {
  if (!a.first || !a.last || !b.first || !b.last || a.first === b.first || a.last === b.last) return false;
  return swappedGiven(a, b, jaroWinkler(a.first, b.first), jaroWinkler(a.last, b.last));
}

function swappedGiven(a: NormalCustomer, b: NormalCustomer, jwFirst: number, jwLast: number): boolean {
  const straight = jwFirst + jwLast;
  if (straight >= 1.8) return false; // crossed can be at most 2: it cannot read better by 0.2
  const crossed = jaroWinkler(a.first, b.last) + jaroWinkler(a.last, b.first);
  return crossed > straight + 0.2;
}

/** The comparison vector of a pair, written into `out` from index `at` (FIELD_COUNT levels); returns whether names were swapped. */
export function comparePair(a: NormalCustomer, b: NormalCustomer, out: Int8Array | number[], at = 0): boolean {
  // The straight name similarities serve the swap test and, when not swapped, the name levels.
  const jwFirst = a.first && b.first && a.first !== b.first ? jaroWinkler(a.first, b.first) : undefined;
  const jwLast = a.last && b.last && a.last !== b.last ? jaroWinkler(a.last, b.last) : undefined;
  const swapped = jwFirst !== undefined && jwLast !== undefined && swappedGiven(a, b, jwFirst, jwLast);
  const bFirst = swapped ? b.last : b.first;
  const bLast = swapped ? b.first : b.last;
  out[at + F_FIRST] = compareFirst(a.first, bFirst, swapped ? undefined : jwFirst);
  out[at + F_LAST] = compareLast(a.last, bLast, a.lastParts, swapped ? [b.first] : b.lastParts, swapped ? undefined : jwLast);
  out[at + F_EMAIL] = compareEmail(a, b);
  out[at + F_PHONE] = comparePhone(a, b);
  out[at + F_BIRTH] = compareBirth(a.birth, b.birth);
  out[at + F_ADDRESS] = compareAddress(a, b);
  out[at + F_UNIT] = compareUnit(a, b);
  return swapped;
}
