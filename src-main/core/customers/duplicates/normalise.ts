import { canonicalEmail } from './email';
import { formalNames } from './nicknames';
import { phoneTail, toE164 } from './phone';
import { normalisePostcode, normaliseStreet, streetType } from './street';
import { parseBirthDate } from './dates';
import { compact, fold, soundex } from './text';

/** One customer as the engine reads it: the store's columns, any of them missing. */
export interface CustomerFields {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  postcode: string | null;
  region: string | null;
  country: string | null;
}

/** The same customer after normalisation ('' means missing). */
export interface NormalCustomer {
  id: number;
  first: string;
  /** Formal names the given name can stand for (Bob → robert). */
  firstFormal: string[];
  last: string;
  /** Parts of a double surname ("smith-jones" → smith, jones). */
  lastParts: string[];
  mailbox: string;
  emailLocal: string;
  phone: string;
  phoneTail: string;
  birth: string;
  streetFull: string;
  streetNumber: string;
  streetName: string;
  /** The street-type word of streetName ("st", "ave"), or ''. */
  streetType: string;
  unit: string;
  city: string;
  postcode: string;
}

export function normaliseCustomer(c: CustomerFields): NormalCustomer {
  const first = compact(c.firstName);
  const lastFolded = fold(c.lastName);
  const email = canonicalEmail(c.email);
  const phone = toE164(c.phone, c.country) ?? '';
  const street = normaliseStreet(c.address1);
  return {
    id: c.id,
    first,
    firstFormal: formalNames(first),
    last: lastFolded.replace(/ /g, ''),
    lastParts: lastFolded ? lastFolded.split(' ').filter((p) => p.length > 1) : [],
    mailbox: email?.mailbox ?? '',
    emailLocal: email?.local ?? '',
    phone,
    phoneTail: phoneTail(phone),
    birth: parseBirthDate(c.birthDate, c.country) ?? '',
    streetFull: street.full,
    streetNumber: street.number,
    streetName: street.name,
    streetType: streetType(street.name),
    unit: normaliseStreet(c.address2).full,
    city: compact(c.city),
    postcode: normalisePostcode(c.postcode),
  };
}

/**
 * Blocking keys: a pair is compared only when the two records share at least
 * one. Several independent keys, so a typo or a change in one field (a new
 * email, a move, a married name) still leaves another key in common.
 */
export function blockingKeys(n: NormalCustomer): string[] {
  const keys: string[] = [];
  if (n.mailbox) keys.push(`e:${n.mailbox}`);
  if (n.phone) keys.push(`p:${n.phoneTail}`);
  const sf = n.firstFormal.map((f) => soundex(f, true));
  const sl = soundex(n.last, true);
  if (sl) {
    // Names in either order, so a swapped first/last name shares the key.
    for (const f of sf) keys.push(`n:${f < sl ? f + sl : sl + f}`);
    if (!sf.length) keys.push(`l:${sl}`);
  }
  if (n.birth) {
    const [y, m, d] = n.birth.split('-');
    // Day and month in either order, with an initial: a birth date alone is shared by
    // ~10 of every 250,000 customers. Initials of the given name (and the formal
    // names it stands for) and of the surname, so a married name, a nickname or
    // names typed into each other's boxes still share one of them.
    const date = `b:${y}${m! < d! ? m! + d! : d! + m!}`;
    for (const f of n.firstFormal) keys.push(date + f[0]);
    if (n.first) keys.push(date + n.first[0]);
    if (n.last) keys.push(date + n.last[0]);
    if (!n.first && !n.last) keys.push(date);
    if (n.postcode) keys.push(`bp:${y}${n.postcode}`);
  }
  if (n.postcode && n.streetNumber) keys.push(`a:${n.postcode}|${n.streetNumber}`);
  if (n.streetName && n.streetNumber) keys.push(`s:${n.streetName}|${n.streetNumber}`);
  // A named property or building ("Rose Cottage", "Berkeley Village") is close to unique;
  // numbered units ("Flat 2") are not, and are left out.
  if (n.unit && n.last && !/\d/.test(n.unit)) keys.push(`u:${n.unit}|${n.last[0]}`);
  if (n.first && n.postcode) keys.push(`fp:${n.first.slice(0, 3)}|${n.postcode}`);
  if (n.last && n.postcode) keys.push(`lp:${n.last.slice(0, 3)}|${n.postcode}`);
  // A handful of keys: dropping repeats in place is cheaper than a Set per customer.
  let kept = 0;
  for (let i = 0; i < keys.length; i++) if (keys.indexOf(keys[i]!) === i) keys[kept++] = keys[i]!;
  keys.length = kept;
  return keys;
}
