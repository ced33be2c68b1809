import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src-main/core/demo';
import { demoWorkspace, type Session, type TestWorkspace } from '../support/workspace';

/** "Merge all certain" in the review queue: confirmed count, clusters into one survivor, progress, audit, and each merge undoable alone. */
describe('merge all certain duplicates', () => {
  let ws: TestWorkspace;
  let staff: Session;
  const progress: { job: string; done: number; total: number }[] = [];
  const count = (sql: string, ...p: unknown[]) => ws.core.ctx.sqlite.prepare(sql).pluck().get(...p) as number;

  beforeAll(async () => {
    ws = await demoWorkspace();
    generateDemoShop(ws.core.ctx.sqlite, { orders: 3000, customers: 2000, seed: 11 });
    staff = await ws.as('backoffice');
    ws.core.onEvent((event, payload) => {
      if (event === 'job.progress') progress.push(payload as (typeof progress)[number]);
    });
    await staff.ok('duplicates.scan', {});
  }, 120_000);
  afterAll(() => ws?.dispose());

  it('refuses when the queue no longer holds the count the person confirmed', async () => {
    const q = await staff.ok('duplicates.review', { band: 'certain', limit: 5 });
    expect(q.certain).toBeGreaterThan(3);
    const r = await staff.call('duplicates.mergeCertain', { expected: q.certain + 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`there are now ${q.certain} certain pairs`) });
    expect(count('SELECT count(*) FROM customer_merges')).toBe(0);
  });

  it('merges every certain pair, keeps every order, audits each merge and the run, and leaves likely pairs alone', async () => {
    const q = await staff.ok('duplicates.review', { band: 'all', limit: 100 });
    const likelyBefore = q.total - q.certain;
    const orders = count('SELECT count(*) FROM orders');
    const liveBefore = count('SELECT count(*) FROM customers WHERE merged_into_id IS NULL');
    // the survivor of each pair holds the orders of both
    const pair = q.items.find((p) => p.band === 'certain')!;
    const both = count('SELECT count(*) FROM orders WHERE customer_id IN (?, ?)', pair.a.id, pair.b.id);

    const r = await staff.ok('duplicates.mergeCertain', { expected: q.certain });
    expect(r.merged + r.skipped).toBe(q.certain);
    expect(r.merged).toBeGreaterThan(0);
    expect(r.merges).toHaveLength(r.merged);
    expect(r.merges[0]).toMatchObject({ mergeId: expect.any(Number), survivorName: expect.any(String), mergedName: expect.any(String) });
    expect(count('SELECT count(*) FROM orders')).toBe(orders);
    expect(count('SELECT count(*) FROM customers WHERE merged_into_id IS NULL')).toBe(liveBefore - r.merged);
    const survivor = count('SELECT coalesce((SELECT merged_into_id FROM customers WHERE id = ? AND merged_into_id IS NOT NULL), (SELECT merged_into_id FROM customers WHERE id = ?), ?)', pair.a.id, pair.b.id, pair.a.id);
    expect(count('SELECT count(*) FROM orders WHERE customer_id = ?', survivor)).toBeGreaterThanOrEqual(both);

    const after = await staff.ok('duplicates.review', { band: 'all', limit: 5 });
    expect(after.certain).toBe(0);
    expect(after.total).toBeLessThanOrEqual(likelyBefore);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'customers.merge'")).toBe(r.merged);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'duplicates.mergeCertain'")).toBe(1);
    const p = progress.filter((x) => x.job === 'duplicates.mergeCertain');
    expect(p.at(-1)).toMatchObject({ done: q.certain, total: q.certain });
  });

  it('each merge of the run is undone on its own', async () => {
    const last = ws.core.ctx.sqlite.prepare('SELECT id, survivor_id AS s, merged_id AS m FROM customer_merges ORDER BY id DESC LIMIT 1').get() as { id: number; s: number; m: number };
    const others = count('SELECT count(*) FROM customers WHERE merged_into_id IS NOT NULL');
    await staff.ok('duplicates.unmerge', { mergeId: last.id });
    expect(count('SELECT merged_into_id IS NULL FROM customers WHERE id = ?', last.m)).toBe(1);
    expect(count('SELECT count(*) FROM customers WHERE merged_into_id IS NOT NULL')).toBe(others - 1);
  });
});
