import { describe, expect, it } from 'vitest';
import { compareAddress, compareBirth, compareEmail, compareFirst, compareLast, comparePhone, FIELDS, MISSING, nameBasedLocal, namesSwapped } from '../../src-main/core/customers/duplicates/compare';
import { blockingKeys, normaliseCustomer, type CustomerFields } from '../../src-main/core/customers/duplicates/normalise';
import { editDistance, jaroWinkler } from '../../src-main/core/customers/duplicates/similarity';

const level = (field: string, l: number) => (l === MISSING ? 'missing' : FIELDS.find((f) => f.key === field)!.levels[l]);

const customer = (over: Partial<CustomerFields>): CustomerFields => ({
  id: 1,
  firstName: 'Mary',
  lastName: 'Jones',
  email: null,
  phone: null,
  birthDate: null,
  address1: null,
  address2: null,
  city: null,
  postcode: null,
  region: null,
  country: 'US',
  ...over,
});
const n = (over: Partial<CustomerFields>) => normaliseCustomer(customer(over));

describe('similarity measures', () => {
  it.each([
    ['martha', 'marhta', 0.961],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.813],
    ['same', 'same', 1],
    ['', 'abc', 0],
  ])('jaroWinkler(%s, %s) ≈ %d', (a, b, v) => expect(jaroWinkler(a, b)).toBeCloseTo(v, 2));

  it.each([
    ['kitten', 'sitting', 3],
    ['ab', 'ba', 1], // a swap of neighbours is one edit
    ['10115', '10151', 1],
    ['', 'abc', 3],
  ])('editDistance(%s, %s) = %d', (a, b, d) => expect(editDistance(a, b)).toBe(d));

  it('stops early past the limit', () => expect(editDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBe(3));
});

describe('first names', () => {
  it.each([
    ['robert', 'robert', 'same'],
    ['bob', 'robert', 'nickname'],
    ['katherine', 'katharine', 'similar spelling'],
    ['j', 'john', 'alike'],
    ['jonas', 'joan', 'alike'],
    ['michael', 'michelle', 'alike'], // looks alike, but not a slip of the fingers
    ['catherine', 'cahterine', 'similar spelling'],
    ['tuan', 'christopher', 'different'],
    ['', 'mary', 'missing'],
  ])('%s vs %s: %s', (a, b, out) => expect(level('first', compareFirst(a, b))).toBe(out));
});

describe('last names', () => {
  it.each([
    [['smith'], ['smith'], 'same'],
    [['johnson'], ['jonhson'], 'similar spelling'],
    [['smith', 'jones'], ['smith'], 'shares a part'],
    [['smith'], ['brown'], 'different'],
  ])('%j vs %j: %s', (a, b, out) => expect(level('last', compareLast(a.join(''), b.join(''), a, b))).toBe(out));
});

describe('emails, phones, birth dates, addresses', () => {
  it.each([
    ['mary.jones@gmail.com', 'maryjones+shop@gmail.com', 'same mailbox'],
    ['mj1983@gmail.com', 'mj1983@yahoo.com', 'same user name, other provider'],
    ['mary.jones@outlook.com', 'mary.jones@yahoo.com', 'missing'], // a user name that is just the name proves nothing more
    ['mary.jones@gmail.com', 'other@yahoo.com', 'different'],
    [null, 'other@yahoo.com', 'missing'],
  ])('email %s vs %s: %s', (a, b, out) => expect(level('email', compareEmail(n({ email: a }), n({ email: b })))).toBe(out));

  it.each([
    ['(415) 555-0123', '+14155550123', 'same number'],
    ['+14155550123', '+16505550123', 'same last 7 digits'],
    ['+14155550123', '+14155550999', 'different'],
    [null, '+14155550123', 'missing'],
  ])('phone %s vs %s: %s', (a, b, out) => expect(level('phone', comparePhone(n({ phone: a }), n({ phone: b })))).toBe(out));

  it.each([
    ['1980-03-07', '1980-03-07', 'same'],
    ['1980-03-07', '1980-07-03', 'day/month swapped or one digit off'],
    ['1980-03-07', '1980-03-08', 'day/month swapped or one digit off'],
    ['1980-03-07', '1980-11-21', 'same year'],
    ['1980-03-07', '1972-11-21', 'different'],
    ['', '1972-11-21', 'missing'],
  ])('birth %s vs %s: %s', (a, b, out) => expect(level('birth', compareBirth(a, b))).toBe(out));

  it.each([
    [{ address1: '12 Oak Street', postcode: '10115', city: 'Springfield' }, { address1: '12 Oak St', postcode: '10115', city: 'Springfield' }, 'same'],
    [{ address1: '12 Oak Street', postcode: '10115' }, { address1: '12 Oka Street', postcode: '10115' }, 'same'],
    [{ address1: '12 Oak Street', postcode: '10115' }, { address1: '12 Oak Street', postcode: '99999' }, 'same street'],
    [{ address1: '12 Oak Street', postcode: '10115' }, { address1: '7 Elm Road', postcode: '10115' }, 'same postcode'],
    [{ address1: '69 Ashford Drive', city: 'Montreal' }, { address1: '69 Ashford Court', city: 'Montreal' }, 'same town'], // another street type is another street
    [{ address1: '69 Ashford Drive', city: 'Montreal' }, { address1: '169 Ashfort Drive', city: 'Montreal' }, 'same town'], // two slips: not the same street
    [{ address1: '69 Ashford Drive', postcode: 'H3A 7R6' }, { address1: '169 Ashford Drive', postcode: 'H3A7R6' }, 'same'], // one slip in the number
    [{ address1: '12 Oak Street', city: 'Leeds' }, { address1: '7 Elm Road', city: 'leeds' }, 'same town'],
    [{ address1: '12 Oak Street', city: 'Leeds' }, { address1: '7 Elm Road', city: 'York' }, 'different'],
    [{}, { address1: '7 Elm Road', city: 'York' }, 'missing'],
  ])('address %j vs %j: %s', (a, b, out) => expect(level('address', compareAddress(n(a), n(b)))).toBe(out));
});

describe('name-based user names and swapped names', () => {
  it.each([
    ['maryjones', true],
    ['mary.jones2', true],
    ['mjones', true],
    ['jones.mary', true],
    ['sunflower77', false],
  ])('%s is name-based for Mary Jones: %s', (local, out) => expect(nameBasedLocal(local, 'mary', 'jones')).toBe(out));

  it.each([
    ['william.mueller', 'william', 'muller'],
    ['mkrueger', 'maximilian', 'kruger'],
    ['jschroeder', 'james', 'schroder'],
  ])('%s is name-based for %s %s (umlaut written with e)', (local, first, last) => expect(nameBasedLocal(local, first, last)).toBe(true));

  it('sees first and last name typed into each other’s boxes', () => {
    expect(namesSwapped(n({ firstName: 'Mary', lastName: 'Jones' }), n({ firstName: 'Jones', lastName: 'Mary' }))).toBe(true);
    expect(namesSwapped(n({ firstName: 'Mary', lastName: 'Jones' }), n({ firstName: 'Marie', lastName: 'Jones' }))).toBe(false);
  });
});

describe('blocking keys', () => {
  const keys = (over: Partial<CustomerFields>) => blockingKeys(n(over));
  it('a married name, a nickname or swapped names still share a birth-date key with the original', () => {
    const original = keys({ firstName: 'Margaret', lastName: 'Hill', birthDate: '1980-03-07' });
    for (const other of [
      { firstName: 'Margaret', lastName: 'Okafor', birthDate: '1980-03-07' },
      { firstName: 'Peggy', lastName: 'Hill', birthDate: '1980-07-03' },
      { firstName: 'Hill', lastName: 'Margaret', birthDate: '1980-03-07' },
    ])
      expect(keys(other).filter((k) => k.startsWith('b:') && original.includes(k))).not.toEqual([]);
    // Someone else born that day, with other initials, shares no birth-date key.
    expect(keys({ firstName: 'Tom', lastName: 'Baker', birthDate: '1980-03-07' }).filter((k) => original.includes(k))).toEqual([]);
  });

  it('a named property is a key, a numbered flat is not', () => {
    expect(keys({ lastName: 'Webb', address2: 'Berkeley Village' })).toContain('u:berkeley village|w');
    expect(keys({ lastName: 'Webb', address2: 'Flat 2' }).some((k) => k.startsWith('u:'))).toBe(false);
  });

  it('lists each key once', () => {
    const k = keys({ firstName: 'Ann', lastName: 'Ames', birthDate: '1990-01-02', email: 'ann@x.org', phone: '+1 415 555 0123', postcode: '94110', address1: '1 Oak St' });
    expect(new Set(k).size).toBe(k.length);
  });
});
