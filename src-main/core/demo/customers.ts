import { duplicateFields, hasCommonName, householdMember, lookalike, originalFields, pickDuplicateKind, type DuplicateKind, type RecordFields } from './duplicates';
import { makeAddress, type Address } from './places';
import { adultBirthDate, PeopleFactory, type Person } from './people';
import type { Rng } from './random';
import { duplicateRef, householdRef, lookalikeRef, originalRef } from './truth';

/**
 * The customer table of the demo shop: mostly one record per person, plus the
 * planted duplicates (≈6.5 % of records), household members (≈3 %) and
 * look-alikes (≈1 %) that make duplicate detection a real test.
 */

export interface CustomerRecord extends RecordFields {
  ref: string;
  person: number;
  kind: 'original' | 'duplicate' | 'household' | 'lookalike';
  duplicateKind: DuplicateKind | null;
  acceptsMarketing: boolean;
  /** A second, non-default address (work, parents'), for some customers. */
  extraAddress: Address | null;
  countryIndex: number;
  /** How much this customer buys relative to others (heavy-tailed: a few loyal regulars). */
  weight: number;
  note: string | null;
}

export const SHARES = { duplicates: 0.065, household: 0.03, lookalikes: 0.01 };

const CUSTOMER_NOTES = [
  'Prefers email over phone.',
  'Wholesale enquiries — pass to Marcus.',
  'Allergic to wool; check before substituting.',
  'Regular at the shop floor, knows the team.',
  'Asked not to receive catalogues by post.',
  'Had a damaged parcel in the past; pack carefully.',
  'Corporate gifting contact.',
];

export function buildCustomers(total: number, rng: Rng, nowYear: number): { records: CustomerRecord[]; people: number } {
  const people = new PeopleFactory(rng, nowYear);
  const dupTarget = Math.round(total * SHARES.duplicates);
  const householdTarget = Math.round(total * SHARES.household);
  const lookalikeTarget = Math.round(total * SHARES.lookalikes);
  const originals = Math.max(1, total - dupTarget - householdTarget - lookalikeTarget);

  const persons: Person[] = [];
  const kindOf: CustomerRecord['kind'][] = [];
  const refOf: string[] = [];
  for (let k = 0; k < originals; k++) {
    const p = people.make();
    persons.push(p);
    kindOf.push('original');
    refOf.push(originalRef(p.no));
  }
  for (let k = 0; k < householdTarget; k++) {
    const anchor = persons[rng.int(originals)] as Person;
    const { person } = householdMember(anchor, rng, people, nowYear);
    persons.push(person);
    kindOf.push('household');
    refOf.push(householdRef(person.no, anchor.no));
  }
  for (let k = 0; k < lookalikeTarget; k++) {
    let anchor = persons[rng.int(originals)] as Person;
    for (let tries = 0; tries < 40 && !hasCommonName(anchor); tries++) anchor = persons[rng.int(originals)] as Person;
    const person = lookalike(anchor, rng, people);
    persons.push(person);
    kindOf.push('lookalike');
    refOf.push(lookalikeRef(person.no, anchor.no));
  }

  // Decide who gets duplicates before writing any record: a married-name change
  // needs a birth date on both records, so the person may need one first.
  const plans: { index: number; kind: DuplicateKind; k: number }[] = [];
  const chosen = new Set<number>();
  while (plans.length < dupTarget && chosen.size < persons.length) {
    const index = rng.int(persons.length);
    if (chosen.has(index)) continue;
    chosen.add(index);
    const person = persons[index] as Person;
    const copies = rng.chance(0.12) ? 2 : 1;
    for (let k = 1; k <= copies && plans.length < dupTarget; k++) {
      const kind = pickDuplicateKind(rng, person);
      if (kind === 'married_name' && !person.birthDate) person.birthDate = adultBirthDate(rng, nowYear);
      plans.push({ index, kind, k });
    }
  }

  const records: CustomerRecord[] = [];
  const loyalty = () => Math.exp(0.95 * rng.normal());
  // Built field by field (not by object spread): one hidden class for every record, fast at 250,000.
  const record = (f: RecordFields, p: Person, ref: string, kind: CustomerRecord['kind'], duplicateKind: DuplicateKind | null, weight: number): CustomerRecord => {
    const acceptsMarketing = rng.chance(0.4);
    const extraAddress = rng.chance(0.04) ? makeAddress(p.countryIndex, people.cityIn(p.countryIndex), rng) : null;
    const note = rng.chance(0.01) ? rng.pick(CUSTOMER_NOTES) : null;
    return {
      first: f.first,
      last: f.last,
      email: f.email,
      phone: f.phone,
      birthDate: f.birthDate,
      address: f.address,
      guest: f.guest,
      ref,
      person: p.no,
      kind,
      duplicateKind,
      // A guest checkout has no account: no marketing consent, no address book.
      acceptsMarketing: f.guest ? false : acceptsMarketing,
      extraAddress: f.guest ? null : extraAddress,
      countryIndex: p.countryIndex,
      weight,
      note,
    };
  };
  persons.forEach((p, index) => {
    records.push(record(originalFields(p), p, refOf[index] as string, kindOf[index] as CustomerRecord['kind'], null, loyalty()));
  });
  for (const plan of plans) {
    const p = persons[plan.index] as Person;
    const fields = duplicateFields(p, plan.kind, rng, people);
    // A guest checkout is one order; other second accounts buy less than the first.
    const weight = fields.guest ? 0 : 0.45 * loyalty();
    records.push(record(fields, p, duplicateRef(refOf[plan.index] as string, plan.k), 'duplicate', plan.kind, weight));
  }
  return { records, people: persons.length };
}
