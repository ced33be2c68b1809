import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src-main/core/demo';
import type { DuplicatePair } from '../../src-shared/contract';
import { demoWorkspace, type Session, type TestWorkspace } from '../support/workspace';

/** Customers through the contract: list, profile, notes, the duplicate review queue, merge and undo, "not the same person". */
describe('customers and the duplicate review queue', () => {
  let ws: TestWorkspace;
  let staff: Session;
  const progress: { phase: string; done: number; total: number }[] = [];
  let scan: { pairs: number; certain: number; customers: number };

  const ordersOf = (id: number) => (ws.core.ctx.sqlite.prepare('SELECT id FROM orders WHERE customer_id = ? ORDER BY id').pluck().all(id) as number[]);

  beforeAll(async () => {
    ws = await demoWorkspace();
    generateDemoShop(ws.core.ctx.sqlite, { orders: 3000, customers: 2000, seed: 11 });
    staff = await ws.as('backoffice');
    ws.core.onEvent((event, payload) => {
      if (event === 'job.progress' && (payload as { job: string }).job === 'duplicates.scan') progress.push(payload as (typeof progress)[number]);
    });
    scan = await staff.ok('duplicates.scan', {});
  }, 120_000);
  afterAll(() => ws?.dispose());

  it('a full scan reports progress and fills the review queue', async () => {
    expect(scan.customers).toBeGreaterThan(1900);
    expect(scan.pairs).toBeGreaterThan(50);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['index', 'model', 'score']));
    const q = await staff.ok('duplicates.review', { limit: 5 });
    expect(q.total).toBe(scan.pairs);
    expect(q.lastScanAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(q.items).toHaveLength(5);
    expect(q.items[0]!.probability).toBeGreaterThanOrEqual(q.items[4]!.probability);
    expect(q.items[0]!.evidence.find((e) => e.field === 'first')).toMatchObject({ label: 'First name' });
  });

  it('lists and searches customers by name, email and phone', async () => {
    const all = await staff.ok('customers.list', { limit: 10 });
    expect(all.total).toBeGreaterThan(1900);
    const someone = all.items[0]!;
    const byEmail = await staff.ok('customers.list', { search: someone.email!.toUpperCase() });
    expect(byEmail.items.map((c) => c.id)).toContain(someone.id);
    const byName = await staff.ok('customers.list', { search: someone.name });
    expect(byName.items.map((c) => c.id)).toContain(someone.id);
  });

  it('shows a profile with lifetime value, order count, AOV, RFM and a timeline; notes are added and audited', async () => {
    const buyer = ws.core.ctx.sqlite.prepare("SELECT customer_id FROM orders WHERE status <> 'cancelled' GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1").pluck().get() as number;
    await staff.ok('customers.addNote', { customerId: buyer, body: 'Prefers a call after 5 pm.' });
    const p = await staff.ok('customers.get', { id: buyer });
    const expected = ws.core.ctx.sqlite.prepare("SELECT count(*) AS n, sum(total_minor - refunded_minor) AS v FROM orders WHERE customer_id = ? AND status <> 'cancelled'").get(buyer) as { n: number; v: number };
    expect(p.stats.orderCount).toBe(expected.n);
    expect(p.stats.lifetimeValueMinor).toBe(expected.v);
    expect(p.stats.averageOrderMinor).toBe(Math.round(expected.v / expected.n));
    expect(p.stats.rfm.segment).not.toBe('no orders');
    expect(p.timeline.filter((t) => t.kind === 'order').length).toBeGreaterThanOrEqual(Math.min(expected.n, 200));
    expect(p.timeline.some((t) => t.kind === 'fulfilment')).toBe(true);
    expect(p.notes[0]).toMatchObject({ body: 'Prefers a call after 5 pm.', author: expect.any(String) });
    expect(p.contactMasked).toBe(false);
    expect(ws.core.ctx.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'customers.note'").pluck().get()).toBe(1);
  });

  it('a note on a missing customer is NOT_FOUND naming the field', async () => {
    const r = await staff.call('customers.addNote', { customerId: 99_999_999, body: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'customerId' } });
  });

  it('merge moves every order and note to the survivor, takes the chosen values, and undo puts everything back', async () => {
    const { items } = await staff.ok('duplicates.review', { band: 'all', limit: 100 });
    const pair = items.find((p) => p.a.orderCount > 0 && p.b.orderCount > 0) ?? (items[0] as DuplicatePair);
    const survivor = pair.a.id;
    const merged = pair.b.id;
    await staff.ok('customers.addNote', { customerId: merged, body: 'Second account, same person.' });
    const before = { s: ordersOf(survivor), m: ordersOf(merged) };
    const sBefore = ws.core.ctx.sqlite.prepare('SELECT first_name, last_name, email, phone, birth_date FROM customers WHERE id = ?').get(survivor);

    const { mergeId } = await staff.ok('duplicates.merge', { survivorId: survivor, mergedId: merged, choices: { email: 'merged' } });
    expect(ordersOf(survivor)).toEqual([...before.s, ...before.m].sort((x, y) => x - y));
    expect(ordersOf(merged)).toEqual([]);
    const p = await staff.ok('customers.get', { id: survivor });
    expect(p.email).toBe(pair.b.email);
    expect(p.notes.map((n) => n.body)).toContain('Second account, same person.');
    expect(p.timeline.some((t) => t.kind === 'merge')).toBe(true);
    expect((await staff.ok('customers.list', { search: String(pair.b.ref) })).items.map((c) => c.id)).not.toContain(merged);
    expect((await staff.ok('duplicates.review', { limit: 100 })).items.some((x) => x.a.id === merged || x.b.id === merged)).toBe(false);
    expect(ws.core.ctx.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'customers.merge'").pluck().get()).toBe(1);

    const again = await staff.call('duplicates.merge', { survivorId: survivor, mergedId: merged });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'mergedId' } });

    await staff.ok('duplicates.unmerge', { mergeId });
    expect(ordersOf(survivor)).toEqual(before.s);
    expect(ordersOf(merged)).toEqual(before.m);
    expect(ws.core.ctx.sqlite.prepare('SELECT first_name, last_name, email, phone, birth_date FROM customers WHERE id = ?').get(survivor)).toEqual(sBefore);
    expect((await staff.ok('customers.get', { id: merged })).notes.map((n) => n.body)).toContain('Second account, same person.');
    expect(ws.core.ctx.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'customers.unmerge'").pluck().get()).toBe(1);
    expect(await staff.call('duplicates.unmerge', { mergeId })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'mergeId' } });
    expect(ws.core.ctx.audit.verify()).toMatchObject({ ok: true });
  });

  it('merging a customer into itself is a VALIDATION error', async () => {
    expect(await staff.call('duplicates.merge', { survivorId: 5, mergedId: 5 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'mergedId' } });
  });

  it('"not the same person" is remembered: the pair leaves the queue and a new scan does not bring it back', async () => {
    const { items } = await staff.ok('duplicates.review', { limit: 1 });
    const pair = items[0]!;
    await staff.ok('duplicates.notSame', { aId: pair.b.id, bId: pair.a.id });
    const isPair = (x: DuplicatePair) => x.a.id === pair.a.id && x.b.id === pair.b.id;
    expect((await staff.ok('duplicates.review', { limit: 100 })).items.some(isPair)).toBe(false);
    await staff.ok('duplicates.scan', {});
    expect((await staff.ok('duplicates.review', { limit: 100 })).items.some(isPair)).toBe(false);
  });
});
