import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedInputOf } from '../../src-shared/contract';
import { ListOrdersInput } from '../../src-shared/contract/methods/orders';
import type { QueueView } from '../../src-shared/orders';
import { createOrderQueries } from '../../src-main/core/orders/list-orders';
import { insertOrders, type FixtureOrder } from '../support/orders-fixture';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * A list sorted by order number with a date range starts its walk at the
 * range's number bound (orders/number-bounds.ts). The answer must be exactly
 * the orders of the range in number order — also when numbers do not follow
 * time (imports, orders created elsewhere), where the bound is loose and the
 * query may read the range by date instead.
 */

let ws: TestWorkspace;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 4, 1);

// 400 orders, 20 minutes apart (3 per hour), numbered in time order — except every
// 37th, which carries a number from far away (an import, an order from another channel).
const fixture: FixtureOrder[] = Array.from({ length: 400 }, (_, i) => ({
  number: i % 37 === 5 ? 90_000 - i : i % 37 === 20 ? 100 + i : 10_000 + i,
  createdAt: new Date(T0 + i * 20 * 60_000).toISOString(),
  fulfillmentStatus: i % 3 === 0 ? 'fulfilled' : 'unfulfilled',
  readyToPack: i % 4 === 1,
  tags: i % 5 === 0 ? ['gift'] : [],
}));

beforeAll(async () => {
  ws = await demoWorkspace();
  insertOrders(ws.core.ctx.sqlite, fixture);
});
afterAll(() => ws.dispose());

function pages(queries: ReturnType<typeof createOrderQueries>, input: Record<string, unknown>): number[] {
  const out: number[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 200; guard++) {
    const parsed = ListOrdersInput.parse({ ...input, limit: 9, withTotal: false, ...(cursor ? { cursor } : {}) }) as ParsedInputOf<'orders.list'>;
    const p = queries.list(parsed);
    out.push(...p.items.map((o) => o.number));
    if (!p.nextCursor) return out;
    cursor = p.nextCursor;
  }
  throw new Error('paging did not end');
}

const inQueue = (o: FixtureOrder, q: QueueView) =>
  q === 'all' || (q === 'fulfilled' ? o.fulfillmentStatus === 'fulfilled' : q === 'unfulfilled' ? o.fulfillmentStatus !== 'fulfilled' : q === 'ready_to_pack' && o.fulfillmentStatus !== 'fulfilled' && o.readyToPack);

// Ranges that start and end mid-hour, an open start, an open end, and an empty one.
const RANGES: [name: string, from: number | null, to: number | null][] = [
  ['mid-hour to mid-hour', T0 + 10.5 * HOUR, T0 + 60.25 * HOUR],
  ['one hour', T0 + 30 * HOUR, T0 + 31 * HOUR],
  ['from only', T0 + 100.7 * HOUR, null],
  ['to only', null, T0 + 12.1 * HOUR],
  ['before every order', T0 - 50 * HOUR, T0 - 10 * HOUR],
];

describe.each(['all', 'fulfilled', 'unfulfilled', 'ready_to_pack'] as QueueView[])('queue %s', (queue) => {
  describe.each(RANGES)('%s', (_name, from, to) => {
    it.each(['number_asc', 'number_desc'] as const)('%s lists exactly the range in number order, with a tight or a loose bound', (sort) => {
      const expected = fixture
        .filter((o) => inQueue(o, queue) && (from === null || Date.parse(o.createdAt) >= from) && (to === null || Date.parse(o.createdAt) < to))
        .map((o) => o.number)
        .sort((a, b) => (sort === 'number_asc' ? a - b : b - a));
      const input = { queue, sort, ...(from !== null ? { from: new Date(from).toISOString() } : {}), ...(to !== null ? { to: new Date(to).toISOString() } : {}) };
      // Walk from the bound whatever it skips, and read by date whenever anything is skipped: the same answer.
      expect(pages(createOrderQueries(ws.core.ctx.sqlite, { narrowDates: 1_000_000 }), input)).toEqual(expected);
      expect(pages(createOrderQueries(ws.core.ctx.sqlite, { narrowDates: 0 }), input)).toEqual(expected);
      // With a tag too.
      const gifts = fixture.filter((o) => o.tags?.includes('gift')).map((o) => o.number);
      expect(pages(createOrderQueries(ws.core.ctx.sqlite), { ...input, tags: ['gift'] })).toEqual(expected.filter((n) => gifts.includes(n)));
    });
  });
});

describe('the hourly number bounds', () => {
  it('hold every order: each hour\'s bounds contain the numbers created in it', () => {
    const rows = ws.core.ctx.sqlite.prepare('SELECT hour, min_number, max_number FROM order_number_hours').all() as { hour: string; min_number: number; max_number: number }[];
    const byHour = new Map(rows.map((r) => [r.hour, r]));
    for (const o of fixture) {
      const b = byHour.get(o.createdAt.slice(0, 13));
      expect(b, o.createdAt).toBeDefined();
      expect(b!.min_number).toBeLessThanOrEqual(o.number);
      expect(b!.max_number).toBeGreaterThanOrEqual(o.number);
    }
  });

  it('widen when an order moves in time or gets another number, so the list still finds it', () => {
    const sqlite = ws.core.ctx.sqlite;
    const id = (sqlite.prepare('SELECT id FROM orders WHERE number = 10002').get() as { id: number }).id;
    const moved = new Date(T0 + 300.5 * HOUR).toISOString();
    sqlite.prepare('UPDATE orders SET created_at = ?, number = 5 WHERE id = ?').run(moved, id);
    const q = createOrderQueries(sqlite, { narrowDates: 1_000_000 });
    const from = new Date(T0 + 300 * HOUR).toISOString();
    const to = new Date(T0 + 301 * HOUR).toISOString();
    expect(pages(q, { sort: 'number_asc', from, to })[0]).toBe(5);
    expect(pages(q, { sort: 'number_desc', from, to }).at(-1)).toBe(5);
  });
});
