import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_SORTS, QUEUES, type OrderSort, type OrderSummary } from '../../src-shared/orders';
import { insertOrders, type FixtureOrder } from '../support/orders-fixture';
import { demoWorkspace, type Session, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace;
let bo: Session;

const SURNAMES = ['Okafor', 'Smith', 'Nakamura', 'García', 'Smith', 'Müller'];
// 240 orders with deliberate ties (same minute, same totals) so keyset paging must break ties by id.
const fixture: FixtureOrder[] = Array.from({ length: 240 }, (_, i) => ({
  number: 1001 + i,
  createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 3_600_000).toISOString(),
  customer: { first: ['Ada', 'Bo', 'Cy'][i % 3]!, last: SURNAMES[i % SURNAMES.length]!, email: `buyer${i}@example.com`, phone: `+1 555 01${String(i).padStart(2, '0')} ${String(1000 + i)}` },
  totalMinor: 1000 + (i % 7) * 250,
  onHold: i % 11 === 0,
  readyToPack: i % 5 === 0,
  fulfillmentStatus: i % 4 === 0 ? 'fulfilled' : i % 9 === 0 ? 'partial' : 'unfulfilled',
  financialStatus: i % 23 === 0 ? 'pending' : 'paid',
  status: i % 31 === 0 ? 'cancelled' : 'open',
  tags: i % 6 === 0 ? ['vip'] : i % 10 === 0 ? ['wholesale', 'vip'] : [],
  lines: [{ sku: `TEE-${String(i % 17).padStart(3, '0')}`, title: i % 2 ? 'Merino crew tee' : 'Canvas tote', quantity: 1 + (i % 2), priceMinor: 500 }],
}));

beforeAll(async () => {
  ws = await demoWorkspace();
  insertOrders(ws.core.ctx.sqlite, fixture);
  bo = await ws.as('backoffice');
});
afterAll(() => ws.dispose());

async function allPages(input: Record<string, unknown>, limit = 17): Promise<OrderSummary[]> {
  const out: OrderSummary[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await bo.ok('orders.list', { ...input, limit, ...(cursor ? { cursor } : {}) } as never);
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

const comparators: Record<OrderSort, (a: OrderSummary, b: OrderSummary) => number> = {
  newest: (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id,
  oldest: (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id,
  total_desc: (a, b) => b.totalMinor - a.totalMinor || b.id - a.id,
  total_asc: (a, b) => a.totalMinor - b.totalMinor || a.id - b.id,
  number_desc: (a, b) => b.number - a.number,
  number_asc: (a, b) => a.number - b.number,
  customer_asc: (a, b) => (a.customerName < b.customerName ? -1 : a.customerName > b.customerName ? 1 : a.id - b.id),
};

describe('the order queue', () => {
  it('counts every queue live, and the counts add up to all orders', async () => {
    const counts = await bo.ok('orders.counts');
    expect(counts.all).toBe(240);
    expect(QUEUES.reduce((s, q) => s + counts[q], 0)).toBe(240);
    expect(counts.on_hold).toBeGreaterThan(0);
    expect(counts.exceptions).toBeGreaterThan(0);
    expect(counts.cancelled).toBeGreaterThan(0);
  });

  describe.each(ORDER_SORTS)('sorted %s', (sort) => {
    it.each(['all', ...QUEUES])('pages through queue %s with no gap and no duplicate', async (queue) => {
      const rows = await allPages({ queue, sort });
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      const counts = await bo.ok('orders.counts');
      expect(rows.length).toBe(counts[queue as keyof typeof counts]);
      expect(rows.every((r) => queue === 'all' || r.queue === queue)).toBe(true);
      expect(rows).toEqual([...rows].sort(comparators[sort]));
    });
  });

  it('reports the total of the filtered set with the first page', async () => {
    const page = await bo.ok('orders.list', { queue: 'all', tags: ['vip'], limit: 5 });
    const expected = fixture.filter((o) => o.tags?.includes('vip')).length;
    expect(page.total).toBe(expected);
    expect(page.totalIsLowerBound).toBe(false);
    expect(page.items.every((o) => o.tags.includes('vip'))).toBe(true);
  });

  it('with withTotal: false, rows come without a filtered count, and orders.count gives the same figure', async () => {
    const page = await bo.ok('orders.list', { queue: 'all', tags: ['vip'], limit: 5, withTotal: false });
    expect(page.total).toBeNull();
    expect(page.items).toHaveLength(5);
    const expected = fixture.filter((o) => o.tags?.includes('vip')).length;
    expect(await bo.ok('orders.count', { queue: 'all', tags: ['vip'] })).toEqual({ total: expected, totalIsLowerBound: false });
  });

  it('a whole queue is always counted, even with withTotal: false (the live count is free)', async () => {
    const counts = await bo.ok('orders.counts');
    const page = await bo.ok('orders.list', { queue: 'on_hold', limit: 5, withTotal: false });
    expect(page.total).toBe(counts.on_hold);
    expect(await bo.ok('orders.count', { queue: 'on_hold' })).toEqual({ total: counts.on_hold, totalIsLowerBound: false });
  });

  it('needs every tag asked for', async () => {
    const rows = await allPages({ tags: ['vip', 'wholesale'] });
    expect(rows.length).toBe(fixture.filter((o) => o.tags?.includes('wholesale')).length);
  });

  it('filters by date range, from inclusive, to exclusive, in any time zone offset', async () => {
    const rows = await allPages({ from: '2026-01-02T00:00:00Z', to: '2026-01-03T01:00:00+01:00', sort: 'oldest' });
    expect(rows.length).toBe(3 * 24);
    expect(rows[0]!.createdAt).toBe('2026-01-02T00:00:00.000Z');
    expect(rows.at(-1)!.createdAt < '2026-01-03T00:00:00.000Z').toBe(true);
  });

  it.each([
    ['an order number', '#1042', (o: OrderSummary) => o.number === 1042],
    ['a surname', 'nakamura', (o: OrderSummary) => o.customerName.endsWith('Nakamura')],
    ['a surname with an accent, typed without', 'garcia', (o: OrderSummary) => o.customerName.endsWith('García')],
    ['a full email', 'buyer7@example.com', (o: OrderSummary) => o.email === 'buyer7@example.com'],
    ['a SKU', 'TEE-003', (o: OrderSummary) => o.number >= 1001],
    ['a product title word', 'merino', (o: OrderSummary) => o.number % 2 === 0],
    ['a name and a title word together', 'smith tote', (o: OrderSummary) => o.customerName.endsWith('Smith')],
  ])('searches by %s', async (_what, search, check) => {
    const rows = await allPages({ search });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(check)).toBe(true);
  });

  it.each([
    ['exactly, in any case', 'tee-003', (i: number) => i % 17 === 3],
    ['by its beginning', 'TEE-00', (i: number) => i % 17 < 10],
    ['together with a surname', 'TEE-003 smith', (i: number) => i % 17 === 3 && SURNAMES[i % SURNAMES.length] === 'Smith'],
  ])('finds orders by SKU %s', async (_what, search, expected) => {
    const rows = await allPages({ search });
    const want = fixture.filter((_o, i) => expected(i)).map((o) => o.number).sort();
    expect(want.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.number).sort()).toEqual(want);
  });

  it('a SKU-like word that no SKU starts with is still searched as text', async () => {
    expect(await allPages({ search: 'XYZ-999' })).toEqual([]);
    expect((await bo.ok('orders.count', { search: 'XYZ-999' })).total).toBe(0);
  });

  it('finds the exact order for its number first among prefixes', async () => {
    const rows = await allPages({ search: '1042' });
    expect(rows.map((r) => r.number)).toContain(1042);
  });

  it('searches by phone in another format', async () => {
    const o = fixture[12]!;
    const rows = await allPages({ search: o.customer!.phone!.replace(/\s/g, '-') });
    expect(rows.map((r) => r.number)).toContain(o.number);
  });

  it('finds nothing for punctuation only, without an error', async () => {
    expect(await bo.ok('orders.list', { search: '"*"' })).toMatchObject({ items: [], total: 0 });
  });

  it('refuses a cursor from another sort', async () => {
    const page = await bo.ok('orders.list', { sort: 'newest', limit: 5 });
    const reply = await bo.call('orders.list', { sort: 'total_asc', cursor: page.nextCursor! });
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'cursor' } });
  });

  it('opens one order with lines, customer, address, payment (brand and last four only) and timeline', async () => {
    const [first] = (await bo.ok('orders.list', { search: '#1005' })).items;
    const detail = await bo.ok('orders.get', { id: first!.id });
    expect(detail).toMatchObject({
      number: 1005,
      lines: [expect.objectContaining({ sku: 'TEE-004', quantity: 1 })],
      customer: expect.objectContaining({ name: expect.stringContaining(' ') as string, orderCount: 1 }),
      shippingAddress: expect.objectContaining({ city: 'Springfield', country: 'US' }),
      payment: { gateway: 'shopify_payments', cardBrand: 'visa', cardLast4: '4242' },
    });
    expect(JSON.stringify(detail)).not.toMatch(/\d{13,19}/);
  });
});

describe('a broad search (many matches) walks the sort index instead of sorting every match', () => {
  it.each(ORDER_SORTS)('gives the same pages as the narrow plan, sorted %s', async (sort) => {
    const { createOrderQueries } = await import('../../src-main/core/orders/list-orders');
    const narrow = createOrderQueries(ws.core.ctx.sqlite, { broadSearch: 1_000_000 });
    const broad = createOrderQueries(ws.core.ctx.sqlite, { broadSearch: 0 });
    for (const [queue, search] of [['all', 'tote'], ['new', 'tote'], ['all', 'TEE-00'], ['new', 'tee-00 merino']] as const) {
      const pages = (q: typeof narrow) => {
        const out: number[] = [];
        let cursor: string | undefined;
        for (let guard = 0; guard < 50; guard++) {
          const page = q.list({ queue, sort, search, limit: 13, withTotal: true, ...(cursor ? { cursor } : {}) });
          out.push(...page.items.map((o) => o.id));
          if (!page.nextCursor) return out;
          cursor = page.nextCursor;
        }
        throw new Error('paging did not end');
      };
      const expected = pages(narrow);
      expect(expected.length).toBeGreaterThan(queue === 'all' ? 13 : 0);
      expect(pages(broad)).toEqual(expected);
    }
  });
});

describe('a date range is read through the date index when narrow, in sort order when wide', () => {
  it.each(ORDER_SORTS)('gives the same pages either way, sorted %s', async (sort) => {
    const { createOrderQueries } = await import('../../src-main/core/orders/list-orders');
    const narrowPlan = createOrderQueries(ws.core.ctx.sqlite, { narrowDates: 1_000_000 });
    const widePlan = createOrderQueries(ws.core.ctx.sqlite, { narrowDates: 0 });
    const views = [
      { queue: 'all', from: '2026-01-02T00:00:00Z', to: '2026-01-05T00:00:00Z' },
      { queue: 'all', from: '2026-01-03T00:00:00Z' },
      { queue: 'new', to: '2026-01-06T00:00:00Z', tags: ['vip'] },
    ] as const;
    for (const view of views) {
      const pages = (q: typeof narrowPlan) => {
        const out: number[] = [];
        let cursor: string | undefined;
        for (let guard = 0; guard < 50; guard++) {
          const page = q.list({ ...view, tags: 'tags' in view ? [...view.tags] : undefined, sort, limit: 11, withTotal: true, ...(cursor ? { cursor } : {}) });
          out.push(...page.items.map((o) => o.id));
          if (!page.nextCursor) return out;
          cursor = page.nextCursor;
        }
        throw new Error('paging did not end');
      };
      const expected = pages(narrowPlan);
      expect(expected.length).toBeGreaterThan(0);
      expect(pages(widePlan)).toEqual(expected);
    }
  });
});
