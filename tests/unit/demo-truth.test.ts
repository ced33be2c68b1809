import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoShop, type DemoSummary } from '../../src-main/core/demo/generate';
import { mailboxKey } from '../../src-main/core/demo/people';
import { demoTruthFromRefs, duplicateRef, householdRef, lookalikeRef, originalRef, parseDemoRef, samePerson } from '../../src-main/core/demo/truth';
import { openStore, type Sqlite, type Store } from '../../src-main/db/open';

/**
 * Planted duplicates: the truth travels in customers.ref, and every planted
 * pair carries evidence a careful person (or engine) could match on, while
 * households and look-alikes are different people who merely look related.
 */

describe('demo refs', () => {
  it.each([
    [originalRef(123), { person: 123, relation: null, anchor: null, dup: 0 }],
    [duplicateRef(originalRef(123), 2), { person: 123, relation: null, anchor: null, dup: 2 }],
    [householdRef(456, 123), { person: 456, relation: 'household', anchor: 123, dup: 0 }],
    [lookalikeRef(789, 123), { person: 789, relation: 'lookalike', anchor: 123, dup: 0 }],
    [duplicateRef(householdRef(456, 123), 1), { person: 456, relation: 'household', anchor: 123, dup: 1 }],
    ['demo-1234567', { person: 1234567, relation: null, anchor: null, dup: 0 }],
  ])('parses %s', (ref, parsed) => expect(parseDemoRef(ref)).toEqual(parsed));

  it.each([null, '', 'CUST-1', 'demo-12', 'demo-000123-dupx', 'demo-000123-xx000001'])('ignores %s', (ref) => expect(parseDemoRef(ref)).toBeNull());

  it('derives every pair from a list of refs', () => {
    const refs = [
      'demo-000001',
      'demo-000001-dup1',
      'demo-000001-dup2',
      'demo-000002',
      'demo-000003-hh000001',
      'demo-000004-la000002',
      'demo-000005',
      null,
      'CUST-9',
    ];
    const truth = demoTruthFromRefs(refs);
    expect(truth.duplicatePairs).toEqual([
      ['demo-000001', 'demo-000001-dup1'],
      ['demo-000001', 'demo-000001-dup2'],
      ['demo-000001-dup1', 'demo-000001-dup2'],
    ]);
    expect(truth.householdPairs).toEqual([
      ['demo-000001', 'demo-000003-hh000001'],
      ['demo-000001-dup1', 'demo-000003-hh000001'],
      ['demo-000001-dup2', 'demo-000003-hh000001'],
    ]);
    expect(truth.lookalikePairs).toEqual([['demo-000002', 'demo-000004-la000002']]);
    expect(samePerson('demo-000001-dup2', 'demo-000001')).toBe(true);
    expect(samePerson('demo-000003-hh000001', 'demo-000001')).toBe(false);
    expect(samePerson('CUST-9', 'CUST-9')).toBe(false);
  });
});

interface Customer {
  id: number;
  ref: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  birth_date: string | null;
  address1: string;
  city: string;
  postcode: string;
}

const dirs: string[] = [];
let store: Store;
let db: Sqlite;
let summary: DemoSummary;
let byId: Map<number, Customer>;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'oms-'));
  dirs.push(dir);
  store = openStore(join(dir, 'orderhouse.db'));
  db = store.sqlite;
  summary = generateDemoShop(db, { orders: 10_000, customers: 8_000, now: new Date('2026-11-01T00:00:00Z') });
  const rows = db
    .prepare(
      `SELECT c.id, c.ref, c.first_name, c.last_name, c.email, c.phone, c.birth_date, a.address1, a.city, a.postcode
       FROM customers c JOIN customer_addresses a ON a.customer_id = c.id AND a.is_default = 1`,
    )
    .all() as Customer[];
  byId = new Map(rows.map((r) => [r.id, r]));
}, 120_000);

afterAll(() => {
  store?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const digits = (p: string | null) => (p ? p.replace(/\D/g, '').slice(-9) : null);
const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
const streetKey = (s: string) => norm(s).replace(/\b(street|st|avenue|ave|road|rd|drive|dr|lane|ln|boulevard|blvd|court|ct|place|pl|crescent|cres|close|cl|terrace|tce|straße|str\.)\b/g, '').replace(/\W/g, '');

describe('planted duplicates in a generated shop', () => {
  it('plants 5–8 % duplicate records, plus households and look-alikes', () => {
    const share = summary.plantedDuplicates / summary.customers;
    expect(share).toBeGreaterThanOrEqual(0.05);
    expect(share).toBeLessThanOrEqual(0.08);
    expect(summary.householdPairs.length).toBeGreaterThan(100);
    expect(summary.lookalikePairs.length).toBeGreaterThan(30);
    expect(summary.people).toBe(summary.customers - summary.plantedDuplicates);
  });

  it('keeps the truth recoverable from customers.ref alone, matching the summary', () => {
    const refs = (db.prepare('SELECT ref FROM customers').all() as { ref: string }[]).map((r) => r.ref);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs.every((r) => parseDemoRef(r) !== null)).toBe(true);
    const idOfRef = new Map([...byId.values()].map((c) => [c.ref, c.id]));
    const truth = demoTruthFromRefs(refs);
    const asIds = (pairs: [string, string][]) =>
      pairs
        .map(([a, b]) => [idOfRef.get(a) as number, idOfRef.get(b) as number].sort((x, y) => x - y).join('-'))
        .sort()
        .join(',');
    const fromSummary = (pairs: [number, number][]) =>
      pairs
        .map(([a, b]) => `${a}-${b}`)
        .sort()
        .join(',');
    expect(asIds(truth.duplicatePairs)).toBe(fromSummary(summary.duplicatePairs));
    expect(asIds(truth.householdPairs)).toBe(fromSummary(summary.householdPairs));
    expect(asIds(truth.lookalikePairs)).toBe(fromSummary(summary.lookalikePairs));
  });

  it('gives every duplicate pair evidence a person could match on', () => {
    let weak = 0;
    for (const [a, b] of summary.duplicatePairs) {
      const x = byId.get(a) as Customer;
      const y = byId.get(b) as Customer;
      const sameMailbox = !!x.email && !!y.email && mailboxKey(x.email) === mailboxKey(y.email);
      const samePhone = !!x.phone && digits(x.phone) === digits(y.phone);
      const sameHome = streetKey(x.address1) === streetKey(y.address1) && x.postcode === y.postcode;
      const sameBirth = !!x.birth_date && x.birth_date === y.birth_date;
      const namesOverlap = [norm(x.first_name), norm(x.last_name)].some((n) => [norm(y.first_name), norm(y.last_name)].includes(n));
      if (![sameMailbox, samePhone, sameHome, sameBirth].some(Boolean) || !(namesOverlap || sameMailbox)) weak++;
    }
    // Two planted copies of one person may both have changed different things; allow a sliver of those.
    expect(weak / summary.duplicatePairs.length).toBeLessThan(0.03);
  });

  it('covers every kind of hard case', () => {
    const pairs = summary.duplicatePairs.map(([a, b]) => [byId.get(a) as Customer, byId.get(b) as Customer] as const);
    const original = pairs.filter(([x, y]) => !x.ref.includes('-dup') || !y.ref.includes('-dup'));
    const count = (f: (x: Customer, y: Customer) => boolean) => original.filter(([x, y]) => f(x, y)).length;
    expect(count((x, y) => x.first_name === y.last_name && x.last_name === y.first_name)).toBeGreaterThan(0); // swapped
    expect(count((x, y) => !!x.email && !!y.email && x.email !== y.email && mailboxKey(x.email) === mailboxKey(y.email))).toBeGreaterThan(0); // dots, +tags
    expect(count((x, y) => !!x.email && !!y.email && mailboxKey(x.email) !== mailboxKey(y.email))).toBeGreaterThan(0); // new address
    expect(count((x, y) => !!x.phone && !!y.phone && x.phone !== y.phone && digits(x.phone) === digits(y.phone))).toBeGreaterThan(0); // formats
    expect(count((x, y) => x.first_name === y.first_name && x.last_name !== y.last_name && x.birth_date !== null && x.birth_date === y.birth_date)).toBeGreaterThan(0); // married
    expect(count((x, y) => x.postcode !== y.postcode && x.first_name === y.first_name && x.last_name === y.last_name)).toBeGreaterThan(0); // moved
    const nick = /^(Bob|Rob|Bill|Will|Liz|Beth|Jim|Jimmy|Mike|Tom|Dan|Chris|Kate|Katie|Jen|Jenny|Sam|Alex|Steve|Tony|Matt)$/;
    expect(count((x, y) => nick.test(x.first_name) !== nick.test(y.first_name) && x.last_name === y.last_name)).toBeGreaterThan(0); // nicknames
    expect(num(`SELECT count(*) FROM orders WHERE customer_id IN (${pairs.map(([x, y]) => `${x.id},${y.id}`).join(',')})`)).toBeGreaterThan(0);
  });

  it('makes households share an address, phone or surname but never a mailbox', () => {
    let sharesSomething = 0;
    for (const [a, b] of summary.householdPairs) {
      const x = byId.get(a) as Customer;
      const y = byId.get(b) as Customer;
      if (x.email && y.email) expect(mailboxKey(x.email)).not.toBe(mailboxKey(y.email));
      if (streetKey(x.address1) === streetKey(y.address1) || (x.phone && digits(x.phone) === digits(y.phone)) || norm(x.last_name) === norm(y.last_name)) sharesSomething++;
    }
    expect(sharesSomething / summary.householdPairs.length).toBeGreaterThan(0.9);
  });

  it('makes look-alikes share a common name and a city but nothing that identifies a person', () => {
    for (const [a, b] of summary.lookalikePairs) {
      const x = byId.get(a) as Customer;
      const y = byId.get(b) as Customer;
      // Pairs also include the anchor's planted duplicates (a nickname, a move); compare the originals.
      if (x.ref.includes('-dup') || y.ref.includes('-dup')) continue;
      expect(x.city).toBe(y.city);
      expect(`${x.first_name} ${x.last_name}`.toLowerCase()).toBe(`${y.first_name} ${y.last_name}`.toLowerCase());
      if (x.email && y.email) expect(mailboxKey(x.email)).not.toBe(mailboxKey(y.email));
      if (x.phone && y.phone) expect(digits(x.phone)).not.toBe(digits(y.phone));
    }
  });

  it('never lets two different people share a mailbox', () => {
    const owner = new Map<string, number>();
    for (const c of byId.values()) {
      if (!c.email) continue;
      const person = parseDemoRef(c.ref)?.person as number;
      const key = mailboxKey(c.email);
      const seen = owner.get(key);
      if (seen !== undefined) expect(seen, `${c.ref} ${c.email}`).toBe(person);
      else owner.set(key, person);
    }
  });
});

const num = (sql: string) => Object.values(db.prepare(sql).get() as Record<string, number>)[0] as number;
