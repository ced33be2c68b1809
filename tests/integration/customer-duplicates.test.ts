import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateEngine } from '../../src-main/core/customers/duplicates/engine';
import { loadCustomers } from '../../src-main/core/customers/duplicates/load-customers';
import { pairsOfClusters } from '../../src-main/core/customers/duplicates/cluster';
import { pairScores } from '../../src-main/core/customers/duplicates/evaluate';
import { demoTruthFromRefs, generateDemoShop } from '../../src-main/core/demo';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * The engine against the demo shop's planted duplicates (typos, nicknames,
 * email variants, new emails, phone formats, moves, married names, guest
 * checkouts) and look-alikes (households, very common names in one city).
 * The engine never sees refs; only this test reads them, to score it.
 */
describe('duplicate engine on the demo shop', () => {
  let ws: TestWorkspace;
  let engine: DuplicateEngine;
  let refOf: Map<number, string>;
  let result: ReturnType<DuplicateEngine['scan']>;
  let truth: ReturnType<typeof demoTruthFromRefs>;
  const asRefs = (pairs: Iterable<{ a: number; b: number } | [number, number]>) =>
    [...pairs].map((p) => (Array.isArray(p) ? [refOf.get(p[0])!, refOf.get(p[1])!] : [refOf.get(p.a)!, refOf.get(p.b)!]) as [string, string]);

  beforeAll(async () => {
    ws = await demoWorkspace();
    generateDemoShop(ws.core.ctx.sqlite, { orders: 2000, customers: 8000, seed: 7 });
    const rows = ws.core.ctx.sqlite.prepare('SELECT id, ref FROM customers').all() as { id: number; ref: string }[];
    refOf = new Map(rows.map((r) => [r.id, r.ref]));
    truth = demoTruthFromRefs(rows.map((r) => r.ref));
    engine = new DuplicateEngine();
    engine.load(loadCustomers(ws.core.ctx.sqlite));
    result = engine.scan();
  }, 120_000);
  afterAll(() => ws?.dispose());

  it('finds the planted duplicates: clusters at the likely threshold have precision ≥ 0.99 and recall ≥ 0.96', () => {
    const s = pairScores(asRefs(pairsOfClusters(result.clusters)), truth.duplicatePairs);
    console.info(`demo 8,000 customers, clusters at likely: precision ${s.precision.toFixed(4)} recall ${s.recall.toFixed(4)} F1 ${s.f1.toFixed(4)} (${s.truePositives}/${s.actual} true pairs, ${s.predicted} predicted)`);
    expect(s.precision).toBeGreaterThanOrEqual(0.99);
    expect(s.recall).toBeGreaterThanOrEqual(0.96);
  });

  it('pairs marked certain are precise (≥ 0.995) and merge no household members', () => {
    const certain = asRefs(result.pairs.filter((p) => p.band === 'certain'));
    const s = pairScores(certain, truth.duplicatePairs);
    const household = new Set(truth.householdPairs.map(([a, b]) => [a, b].sort().join(' ')));
    const mergedHouseholds = certain.filter((p) => household.has([...p].sort().join(' ')));
    console.info(`certain: precision ${s.precision.toFixed(4)} recall ${s.recall.toFixed(4)}; household pairs certain: ${mergedHouseholds.length}`);
    expect(mergedHouseholds).toEqual([]);
    expect(s.precision).toBeGreaterThanOrEqual(0.995);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('learns its weights from the data: agreeing on a mailbox or birth date counts for a lot, a different first name against', () => {
    const model = result.model;
    const w = (f: number, l: number) => Math.log2(model.m[f]![l]! / model.u[f]![l]!);
    expect(w(2, 0)).toBeGreaterThan(8); // same mailbox
    expect(w(4, 0)).toBeGreaterThan(8); // same birth date
    expect(w(0, 4)).toBeLessThan(0); // different first name
  });

  it('explains a pair field by field, and a rare surname counts more than a common one', () => {
    const top = result.pairs.find((p) => p.band === 'certain')!;
    const evidence = engine.explain(top.a, top.b);
    expect(evidence.map((e) => e.field)).toEqual(expect.arrayContaining(['first', 'last', 'email', 'phone', 'birth', 'address']));
    for (const e of evidence) expect(typeof e.level).toBe('string');
    // Same-surname weights differ with how common the surname is.
    const sameLast = result.pairs.filter((p) => p.levels[1] === 0).map((p) => engine.explain(p.a, p.b).find((e) => e.field === 'last')!.weight);
    expect(Math.max(...sameLast) - Math.min(...sameLast)).toBeGreaterThan(2);
  });

  it('learns from this data that it holds households: shared surname and address count for less when given names differ (k > 0)', () => {
    expect(result.model.household).toBeGreaterThan(0);
  });

  it('keeps household members apart: twins (own given name and mailbox, same birth date, surname, address and phone) and siblings with names two edits apart are not even likely', () => {
    const home = { lastName: 'Okonkwo', birthDate: '1990-04-12', phone: '+44 7700 900123', address1: '12 Quince Lane', address2: null, city: 'Leeds', postcode: 'LS1 4AB', region: null, country: 'GB' };
    const annabel = { id: 20_000_001, firstName: 'Annabel', email: 'annabel.ok@gmail.com', ...home };
    const theodore = { id: 20_000_002, firstName: 'Theodore', email: 'theo1990@yahoo.co.uk', ...home };
    const joseph = { id: 20_000_003, firstName: 'Joseph', email: 'joe.okonkwo@outlook.com', ...home, birthDate: '1961-02-03' };
    const jose = { id: 20_000_004, firstName: 'Jose', email: 'jose77@icloud.com', ...home, birthDate: '1988-09-30' };
    try {
      engine.check(annabel);
      engine.check(joseph);
      expect(engine.check(theodore).filter((p) => p.a === annabel.id || p.b === annabel.id)).toEqual([]);
      expect(engine.check(jose).filter((p) => p.a === joseph.id || p.b === joseph.id)).toEqual([]);
      // The same person with a second mailbox and one slip in the given name is still found.
      const annabell = { ...annabel, id: 20_000_005, firstName: 'Annabell', email: 'a.okonkwo@work.example' };
      expect(engine.check(annabell).some((p) => p.a === annabel.id && p.b === annabell.id)).toBe(true);
      // A short name with one slip reads as merely "alike" (Emily / Enily): still one slip, still found.
      const emily = { id: 20_000_006, firstName: 'Emily', email: 'emily.ok@gmail.com', ...home, birthDate: '1984-07-07' };
      const enily = { ...emily, id: 20_000_007, firstName: 'Enily', email: 'e.okonkwo@work.example' };
      engine.check(emily);
      expect(engine.check(enily).some((p) => p.a === emily.id && p.b === enily.id)).toBe(true);
    } finally {
      for (const id of [20_000_001, 20_000_002, 20_000_003, 20_000_004, 20_000_005, 20_000_006, 20_000_007]) engine.remove(id);
    }
  });

  it('checks one new customer incrementally against the index', () => {
    const [a] = result.pairs.filter((p) => p.band === 'certain');
    const original = engine.normalised(a!.a)!;
    const row = ws.core.ctx.sqlite.prepare('SELECT first_name AS firstName, last_name AS lastName, email, phone, birth_date AS birthDate FROM customers WHERE id = ?').get(original.id) as Record<string, string | null>;
    const found = engine.check({ id: 10_000_000, firstName: row.firstName ?? null, lastName: row.lastName ?? null, email: row.email ?? null, phone: row.phone ?? null, birthDate: row.birthDate ?? null, address1: null, address2: null, city: null, postcode: null, region: null, country: null });
    expect(found.some((p) => p.a === original.id || p.b === original.id)).toBe(true);
    engine.remove(10_000_000);
  });
});
