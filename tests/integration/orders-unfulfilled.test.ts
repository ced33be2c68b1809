import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_SORTS, QUEUES, UNFULFILLED_QUEUES, queuesOf, type OrderSort, type OrderSummary, type Queue } from '../../src-shared/orders';
import { createOrderQueries } from '../../src-main/core/orders/list-orders';
import { insertOrders, type FixtureOrder } from '../support/orders-fixture';
import { demoWorkspace, type Session, type TestWorkspace } from '../support/workspace';

/**
 * "Unfulfilled" is a view over the open queues (src-shared/orders.ts): every
 * order not yet fully shipped, whatever else holds it up. Its count is the sum
 * of its members' counts, and its list pages through all of them at once.
 */

let ws: TestWorkspace;
let bo: Session;

/** Each physical queue, and whether its orders are Unfulfilled (the spec of the view, as a table). */
const MEMBERSHIP: [Queue, boolean][] = [
  ['new', true],
  ['ready_to_pack', true],
  ['partially_fulfilled', true],
  ['on_hold', true],
  ['exceptions', true],
  ['fulfilled', false],
  ['cancelled', false],
];

// 210 orders spread over all seven queues, with heavy ties: six orders share each
// minute and only three totals and two customer names exist, so pages across the
// member queues break ties by id and must never skip or repeat an order.
const fixture: FixtureOrder[] = Array.from({ length: 210 }, (_, i) => {
  const kind = i % 7;
  return {
    number: 5001 + i,
    createdAt: new Date(Date.UTC(2026, 2, 1) + Math.floor(i / 6) * 60_000).toISOString(),
    customer: { first: 'Sam', last: i % 2 ? 'Okafor' : 'Berg', email: `u${i}@example.com` },
    totalMinor: [1500, 2500, 3500][i % 3]!,
    status: kind === 6 ? 'cancelled' : 'open',
    fulfillmentStatus: kind === 5 ? 'fulfilled' : kind === 2 ? 'partial' : 'unfulfilled',
    onHold: kind === 3,
    readyToPack: kind === 1,
    financialStatus: kind === 4 ? 'pending' : 'paid',
    tags: i % 4 === 0 ? ['gift'] : [],
    lines: [{ sku: `MUG-${i % 5}`, title: 'Stoneware mug', quantity: 1, priceMinor: 1500 }],
  };
});

beforeAll(async () => {
  ws = await demoWorkspace();
  insertOrders(ws.core.ctx.sqlite, fixture);
  bo = await ws.as('backoffice');
});
afterAll(() => ws.dispose());

async function allPages(input: Record<string, unknown>, limit: number): Promise<{ rows: OrderSummary[]; pages: number }> {
  const rows: OrderSummary[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages < 200; pages++) {
    const page = await bo.ok('orders.list', { ...input, limit, ...(cursor ? { cursor } : {}) } as never);
    rows.push(...page.items);
    if (!page.nextCursor) return { rows, pages };
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

const comparators: Record<OrderSort, (a: OrderSummary, b: OrderSummary) => number> = {
  newest: (a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id),
  oldest: (a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id),
  total_desc: (a, b) => b.totalMinor - a.totalMinor || b.id - a.id,
  total_asc: (a, b) => a.totalMinor - b.totalMinor || a.id - b.id,
  number_desc: (a, b) => b.number - a.number,
  number_asc: (a, b) => a.number - b.number,
  customer_asc: (a, b) => (a.customerName < b.customerName ? -1 : a.customerName > b.customerName ? 1 : a.id - b.id),
};

describe('the Unfulfilled view', () => {
  it('covers every queue of the fixture (the table below means something)', async () => {
    const counts = await bo.ok('orders.counts');
    for (const q of QUEUES) expect(counts[q], q).toBeGreaterThan(0);
    expect(MEMBERSHIP.map(([q]) => q).sort()).toEqual([...QUEUES].sort());
  });

  it.each(MEMBERSHIP)('an order in %s is in Unfulfilled: %s', async (queue, member) => {
    expect(queuesOf('unfulfilled')?.includes(queue)).toBe(member);
    const { rows } = await allPages({ queue: 'unfulfilled' }, 100);
    const inQueue = (await allPages({ queue }, 100)).rows.map((r) => r.id);
    const inView = new Set(rows.map((r) => r.id));
    expect(inQueue.length).toBeGreaterThan(0);
    expect(inQueue.every((id) => inView.has(id) === member)).toBe(true);
  });

  it('counts the sum of its member queues, from queue_counts', async () => {
    const counts = await bo.ok('orders.counts');
    expect(counts.unfulfilled).toBe(UNFULFILLED_QUEUES.reduce((s, q) => s + counts[q], 0));
    expect(counts.unfulfilled).toBe(counts.all - counts.fulfilled - counts.cancelled);
    // The whole view's total is free (no scan) and exact; orders.count agrees.
    const page = await bo.ok('orders.list', { queue: 'unfulfilled', limit: 5, withTotal: false });
    expect(page).toMatchObject({ total: counts.unfulfilled, totalIsLowerBound: false });
    expect(await bo.ok('orders.count', { queue: 'unfulfilled' })).toEqual({ total: counts.unfulfilled, totalIsLowerBound: false });
  });

  describe.each(ORDER_SORTS)('sorted %s', (sort) => {
    it('pages across the member queues with no gap, no duplicate and in order (3+ pages)', async () => {
      const counts = await bo.ok('orders.counts');
      const { rows, pages } = await allPages({ queue: 'unfulfilled', sort }, 23);
      expect(pages).toBeGreaterThanOrEqual(3);
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(rows.length).toBe(counts.unfulfilled);
      expect(rows.every((r) => UNFULFILLED_QUEUES.includes(r.queue as (typeof UNFULFILLED_QUEUES)[number]))).toBe(true);
      expect(rows).toEqual([...rows].sort(comparators[sort]));
    });

    it('pages with a tag and a date range the same way, and counts them', async () => {
      const from = '2026-03-01T00:05:00.000Z';
      const to = '2026-03-01T00:30:00.000Z';
      const expected = fixture
        .map((o, i) => ({ o, i }))
        .filter(({ o }) => o.tags?.includes('gift') && o.createdAt >= from && o.createdAt < to && o.status !== 'cancelled' && o.fulfillmentStatus !== 'fulfilled');
      const { rows } = await allPages({ queue: 'unfulfilled', sort, tags: ['gift'], from, to }, 4);
      expect(rows.map((r) => r.number).sort()).toEqual(expected.map(({ o }) => o.number).sort());
      expect(rows).toEqual([...rows].sort(comparators[sort]));
      expect(await bo.ok('orders.count', { queue: 'unfulfilled', tags: ['gift'], from, to })).toEqual({ total: expected.length, totalIsLowerBound: false });
    });
  });

  it.each(['all', 'unfulfilled', 'fulfilled', 'new', 'cancelled'] as const)('counts a tag filter in %s exactly (driven by the tag when it is rarer)', async (queue) => {
    const inView = (o: FixtureOrder) =>
      queue === 'all' || (queue === 'unfulfilled' ? o.status !== 'cancelled' && o.fulfillmentStatus !== 'fulfilled' : queue === 'fulfilled' ? o.fulfillmentStatus === 'fulfilled' && o.status !== 'cancelled' : queue === 'cancelled' ? o.status === 'cancelled' : o.status !== 'cancelled' && o.fulfillmentStatus === 'unfulfilled' && !o.onHold && !o.readyToPack && o.financialStatus === 'paid');
    const expected = fixture.filter((o) => inView(o) && o.tags?.includes('gift')).length;
    expect(expected).toBeGreaterThan(0);
    expect(await bo.ok('orders.count', { queue, tags: ['gift'] })).toEqual({ total: expected, totalIsLowerBound: false });
    expect(await bo.ok('orders.count', { queue, tags: ['gift', 'no-such-tag'] })).toEqual({ total: 0, totalIsLowerBound: false });
  });

  it('finds orders by search within the view only', async () => {
    const r = await bo.ok('orders.list', { queue: 'unfulfilled', search: 'MUG-3', limit: 200 });
    const expected = fixture.filter((o, i) => i % 5 === 3 && o.status !== 'cancelled' && o.fulfillmentStatus !== 'fulfilled');
    expect(r.items.map((o) => o.number).sort()).toEqual(expected.map((o) => o.number).sort());
    expect(r.total).toBe(expected.length);
  });

  it('a broad search (read in each member queue\'s sort order) finds the same orders as a narrow one', async () => {
    // broadSearch: 5 makes "MUG-3" (42 matches) broad, so each member queue walks its own sort index.
    const queries = createOrderQueries(ws.core.ctx.sqlite, { broadSearch: 5 });
    const pages = (sort: OrderSort) => {
      const out: OrderSummary[] = [];
      let cursor: string | undefined;
      for (;;) {
        const p = queries.list({ queue: 'unfulfilled', search: 'MUG-3', sort, limit: 7, withTotal: true, ...(cursor ? { cursor } : {}) });
        out.push(...p.items);
        if (!p.nextCursor) return out;
        cursor = p.nextCursor;
      }
    };
    const narrow = (await bo.ok('orders.list', { queue: 'unfulfilled', search: 'MUG-3', sort: 'total_asc', limit: 200 })).items;
    for (const sort of ORDER_SORTS) {
      const broad = pages(sort);
      expect(broad.map((o) => o.id).sort()).toEqual(narrow.map((o) => o.id).sort());
      expect(broad).toEqual([...broad].sort(comparators[sort]));
    }
  });

  it('is accepted by orders.list, orders.count and saved views; an unknown view is refused in words', async () => {
    const saved = await bo.ok('orders.views.save', { name: 'Still to ship', spec: { queue: 'unfulfilled', sort: 'oldest' } });
    expect(saved.spec.queue).toBe('unfulfilled');
    expect((await bo.ok('orders.views.list')).find((v) => v.id === saved.id)?.spec.queue).toBe('unfulfilled');
    const bad = await bo.call('orders.list', { queue: 'unshipped' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'queue' } });
    expect(bad.ok ? '' : bad.error.message).toBe('queue: must be a queue name, "unfulfilled" or "all"');
  });

  it('follows an order live: fulfilling it leaves Unfulfilled, and orders.changed carries the new count', async () => {
    const events: { unfulfilled: number; ids?: number[] }[] = [];
    const off = ws.core.onEvent((event, payload) => {
      if (event === 'orders.changed') {
        const p = payload as { counts: { unfulfilled: number }; orderIds?: number[] };
        events.push({ unfulfilled: p.counts.unfulfilled, ...(p.orderIds ? { ids: p.orderIds } : {}) });
      }
    });
    const before = (await bo.ok('orders.counts')).unfulfilled;
    const target = (await bo.ok('orders.list', { queue: 'new', limit: 1 })).items[0]!;
    await bo.ok('orders.hold', { orderId: target.id, reason: 'Customer asked to wait' });
    // On hold is still Unfulfilled: the count does not move.
    expect((await bo.ok('orders.counts')).unfulfilled).toBe(before);
    await bo.ok('orders.release', { orderId: target.id, reason: 'Go ahead' });
    const office = await ws.as('packer');
    const detail = await office.ok('orders.get', { id: target.id });
    await office.ok('orders.fulfil', { orderId: target.id, lines: detail.lines.map((l) => ({ lineId: l.id, quantity: l.quantity })) });
    off();
    expect((await bo.ok('orders.counts')).unfulfilled).toBe(before - 1);
    expect(events.at(-1)).toEqual({ unfulfilled: before - 1, ids: [target.id] });
  });
});
