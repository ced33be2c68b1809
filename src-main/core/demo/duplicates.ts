import { NICKNAMES } from './names';
import { formatPhone, makeAddress, PHONE_STYLES, type Address } from './places';
import { adultBirthDate, isoDate, type PeopleFactory, type Person } from './people';
import type { Rng } from './random';

/**
 * The hard cases for duplicate detection, planted on purpose:
 *  - the same person twice (typos, swapped names, nicknames, email variants, a
 *    new email, another phone format, a move, a married name, a guest checkout);
 *  - different people who look alike (households sharing an address, phone or
 *    surname; two people with a very common name in the same city).
 * Each variation changes only what such a person would change, so every planted
 * duplicate still carries enough evidence for a careful person to match it.
 */

export const DUPLICATE_KINDS = [
  'typo',
  'swapped_names',
  'nickname',
  'email_variant',
  'new_email',
  'phone_format',
  'moved',
  'married_name',
  'guest_checkout',
] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];
const KIND_WEIGHTS = [18, 7, 14, 15, 8, 8, 12, 8, 10];

export function pickDuplicateKind(rng: Rng, person: Person): DuplicateKind {
  for (;;) {
    const k = DUPLICATE_KINDS[rng.weighted(KIND_WEIGHTS)] as DuplicateKind;
    if (k === 'nickname' && !NICKNAMES[person.first]) continue;
    return k;
  }
}

/** The fields of one customer record as written to the store. */
export interface RecordFields {
  first: string;
  last: string;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  address: Address;
  guest: boolean;
}

const KEYBOARD = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function neighbour(ch: string, rng: Rng): string {
  const lower = ch.toLowerCase();
  for (const row of KEYBOARD) {
    const i = row.indexOf(lower);
    if (i < 0) continue;
    const options = [row[i - 1], row[i + 1]].filter((x): x is string => !!x);
    const n = rng.pick(options);
    return ch === lower ? n : n.toUpperCase();
  }
  return ch;
}

/** One slip of the fingers: transposed, dropped, doubled or neighbouring letter. Never the first letter. */
export function typo(name: string, rng: Rng): string {
  if (name.length < 3) return name + name.slice(-1);
  for (let attempt = 0; attempt < 10; attempt++) {
    const i = rng.range(1, name.length - 1);
    let out: string;
    switch (rng.int(4)) {
      case 0:
        out = i < name.length - 1 ? name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2) : name.slice(0, i - 1) + name[i] + name[i - 1];
        break;
      case 1:
        out = name.length > 4 ? name.slice(0, i) + name.slice(i + 1) : name.slice(0, i) + name[i] + name.slice(i);
        break;
      case 2:
        out = name.slice(0, i) + name[i] + name.slice(i);
        break;
      default:
        out = name.slice(0, i) + neighbour(name[i] as string, rng) + name.slice(i + 1);
    }
    if (out !== name && /^\p{L}/u.test(out)) return out;
  }
  return name + name.slice(-1);
}

const PLUS_DOMAINS = new Set(['gmail.com', 'outlook.com', 'outlook.de', 'hotmail.com', 'hotmail.co.uk', 'icloud.com']);

/** Same mailbox, written differently: dots in a gmail local part, a +tag, or capitals. */
export function emailVariant(email: string, rng: Rng): string {
  const at = email.indexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (domain === 'gmail.com' && rng.chance(0.55)) {
    if (local.includes('.') && rng.chance(0.6)) return `${local.replace(/\./g, '')}@${domain}`;
    const i = rng.range(1, Math.max(1, local.length - 1));
    if (local[i - 1] !== '.' && local[i] !== '.') return `${local.slice(0, i)}.${local.slice(i)}@${domain}`;
  }
  if (PLUS_DOMAINS.has(domain) && rng.chance(0.8)) return `${local}+${rng.pick(['shop', 'orders', 'store', 'promo', 'deals', 'news', 'harborpine'])}@${domain}`;
  // Capitalised the way a phone keyboard does it.
  return `${local.charAt(0).toUpperCase()}${local.slice(1)}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
}

function otherStyle(p: Person, rng: Rng): string | null {
  if (!p.phone) return null;
  const styles = PHONE_STYLES.filter((s) => s !== p.phoneStyle);
  return formatPhone(p.phone, rng.pick(styles));
}

/** The way the person wrote their own street the first time, or the abbreviated form. */
function sameAddress(p: Person, rng: Rng): Address {
  return rng.chance(0.35) ? { ...p.address, address1: p.address.address1Alt } : p.address;
}

export const originalFields = (p: Person): RecordFields => ({
  first: p.first,
  last: p.last,
  email: p.email,
  phone: p.phone ? formatPhone(p.phone, p.phoneStyle) : null,
  birthDate: p.birthDate,
  address: p.address,
  guest: false,
});

/** A second record for the same person. */
export function duplicateFields(p: Person, kind: DuplicateKind, rng: Rng, people: PeopleFactory): RecordFields {
  const base = originalFields(p);
  const f: RecordFields = { ...base, address: sameAddress(p, rng) };
  const code = ['US', 'GB', 'DE', 'CA', 'AU'][p.countryIndex] as string;
  const newEmail = (first: string, last: string) =>
    people.emails.make(first, last, code, p.birthDate ? Number(p.birthDate.slice(0, 4)) : null, p.email.split('@')[1]);

  switch (kind) {
    case 'typo':
      if (rng.chance(0.55)) f.last = typo(p.last, rng);
      else f.first = typo(p.first, rng);
      if (rng.chance(0.45)) f.email = newEmail(p.first, p.last);
      break;
    case 'swapped_names':
      f.first = p.last;
      f.last = p.first;
      if (rng.chance(0.4)) f.email = newEmail(p.first, p.last);
      break;
    case 'nickname': {
      const nick = rng.pick(NICKNAMES[p.first] ?? [p.first]);
      f.first = nick;
      if (rng.chance(0.6)) f.email = newEmail(nick, p.last);
      if (rng.chance(0.2)) f.phone = otherStyle(p, rng);
      break;
    }
    case 'email_variant':
      f.email = emailVariant(p.email, rng);
      if (rng.chance(0.25)) f.phone = null;
      break;
    case 'new_email':
      f.email = newEmail(p.first, p.last);
      if (!f.phone) f.birthDate = p.birthDate; // keep some second identifier besides name + address
      break;
    case 'phone_format':
      f.phone = otherStyle(p, rng) ?? formatPhone(people.newPhone(p.countryIndex, p.address.cityIndex), 'local');
      if (rng.chance(0.5)) f.email = emailVariant(p.email, rng);
      break;
    case 'moved': {
      const city = rng.chance(0.6) ? p.address.cityIndex : people.cityIn(p.countryIndex);
      f.address = makeAddress(p.countryIndex, city, rng);
      if (rng.chance(0.3)) f.email = newEmail(p.first, p.last);
      if (rng.chance(0.4) && f.email !== p.email) f.phone = otherStyle(p, rng);
      else if (rng.chance(0.4)) f.phone = formatPhone(people.newPhone(p.countryIndex, city), people.phoneStyle());
      break;
    }
    case 'married_name': {
      const other = people.surname(p.countryIndex).name;
      f.last = rng.chance(0.2) ? `${p.last}-${other}` : other === p.last ? `${other}-${people.surname(p.countryIndex).name}` : other;
      if (rng.chance(0.5)) {
        const city = rng.chance(0.7) ? p.address.cityIndex : people.cityIn(p.countryIndex);
        f.address = makeAddress(p.countryIndex, city, rng);
      }
      break;
    }
    case 'guest_checkout':
      f.email = rng.chance(0.8) ? p.email : emailVariant(p.email, rng);
      f.phone = rng.chance(0.3) ? otherStyle(p, rng) : null;
      f.birthDate = null;
      f.guest = true;
      break;
  }

  // Everyday noise on top: lower-case typing, day and month swapped, a missing phone.
  if (rng.chance(0.12)) {
    f.first = f.first.toLowerCase();
    f.last = f.last.toLowerCase();
  }
  if (f.birthDate && rng.chance(0.08)) {
    const [y, m, d] = f.birthDate.split('-').map(Number) as [number, number, number];
    if (d <= 12 && d !== m) f.birthDate = isoDate(y, d, m);
  }
  if (kind !== 'phone_format' && rng.chance(0.08)) f.phone = null;
  return f;
}

export type HouseholdRelation = 'partner' | 'child' | 'parent' | 'twin' | 'flatmate';

/**
 * Someone else living at the anchor's address: a partner (often the same
 * surname), a grown-up child or parent, a twin (same surname and birth date!),
 * or a flatmate. Sometimes they share the landline.
 */
export function householdMember(anchor: Person, rng: Rng, people: PeopleFactory, nowYear: number): { person: Person; relation: HouseholdRelation } {
  const relation = (['partner', 'child', 'parent', 'twin', 'flatmate'] as const)[rng.weighted([45, 25, 15, 5, 10])] as HouseholdRelation;
  const anchorYear = anchor.birthDate ? Number(anchor.birthDate.slice(0, 4)) : null;
  const sameSurname = relation === 'twin' || (relation === 'child' && rng.chance(0.85)) || (relation === 'parent' && rng.chance(0.8)) || (relation === 'partner' && rng.chance(0.6));
  const gender = relation === 'partner' ? (rng.chance(0.9) ? (anchor.gender === 'f' ? 'm' : 'f') : anchor.gender) : rng.chance(0.5) ? 'f' : 'm';
  let first = people.firstName(gender);
  for (let i = 0; i < 10 && first.name === anchor.first; i++) first = people.firstName(gender);
  let birthDate: string | null = null;
  const shift = (years: number) => {
    const y = (anchorYear ?? nowYear - 40) + years;
    const clamped = Math.min(nowYear - 18, Math.max(nowYear - 90, y));
    return isoDate(clamped, rng.range(1, 12), rng.range(1, 28));
  };
  if (relation === 'twin') birthDate = anchor.birthDate ?? adultBirthDate(rng, nowYear);
  else if (rng.chance(0.45)) {
    if (relation === 'partner') birthDate = shift(rng.range(-6, 6));
    else if (relation === 'child') birthDate = shift(rng.range(22, 36));
    else if (relation === 'parent') birthDate = shift(-rng.range(22, 36));
    else birthDate = adultBirthDate(rng, nowYear);
  }
  const last = sameSurname ? { name: anchor.last, rank: anchor.lastRank } : people.surname(anchor.countryIndex);
  const person = people.make({
    first: first.name,
    gender: first.gender,
    firstRank: first.rank,
    last: last.name,
    lastRank: last.rank,
    countryIndex: anchor.countryIndex,
    address: rng.chance(0.2) ? { ...anchor.address, address1: anchor.address.address1Alt } : anchor.address,
    birthDate,
  });
  if (anchor.phone && rng.chance(0.35)) {
    person.phone = anchor.phone; // the shared landline
    person.phoneStyle = people.phoneStyle();
  }
  if (relation === 'twin' && anchor.birthDate === null) anchor.birthDate = birthDate;
  return { person, relation };
}

/** A different person with the anchor's (very common) name in the anchor's city. */
export function lookalike(anchor: Person, rng: Rng, people: PeopleFactory): Person {
  return people.make({
    first: anchor.first,
    gender: anchor.gender,
    firstRank: anchor.firstRank,
    last: anchor.last,
    lastRank: anchor.lastRank,
    countryIndex: anchor.countryIndex,
    address: makeAddress(anchor.countryIndex, anchor.address.cityIndex, rng),
  });
}

/** True for names common enough that two different people share them: the look-alike anchors. */
export const hasCommonName = (p: Person): boolean => p.firstRank < 24 && p.lastRank < 16;

