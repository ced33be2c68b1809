import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PulledOrder } from '../../src-main/core/sync/connector';
import { createStoreWriter } from '../../src-main/core/sync/store-writer';
import type { Sqlite } from '../../src-main/db/open';
import { seedShop } from '../support/shop-fixture';
import { demoWorkspace, manualClock, type TestWorkspace } from '../support/workspace';

/**
 * A first import into an empty store skips two per-order reads
 * (core/sync/store-writer-orders.ts): it inserts without looking the order up
 * first (the UNIQUE (platform, external_id) index answers when one is there
 * after all), and it hands allocation only the orders that may want stock.
 * Neither may change what the store ends with. And the writer keeps customer
 * and variant ids from one orders page to the next only while nothing else
 * has written to the store.
 */
let ws: TestWorkspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});

const AT = '2026-11-20T10:00:00.000Z';
const SKUS = ['LS-M', 'MUG-1', 'CAP-1'];
/** Order n: two lines of the fixture's SKUs; every third one shipped, every fifth one partly refunded. */
function order(n: number, patch: Partial<PulledOrder> = {}): PulledOrder {
  const lines = [0, 1].map((i) => ({
    externalId: `gid://shopify/LineItem/${n}-${i}`, variantExternalId: `gid://shopify/ProductVariant/${SKUS[(n + i) % 3]}`, sku: SKUS[(n + i) % 3]!, title: 'Thing', variantTitle: null,
    quantity: 1 + (n % 3), priceMinor: 1000, discountMinor: 0, taxMinor: 0, requiresShipping: true,
  }));
  const shipped = n % 3 === 0;
  return {
    externalId: `gid://shopify/Order/${n}`, number: 1000 + n, name: `#${1000 + n}`, customer: { externalId: `gid://shopify/Customer/${n % 4}`, firstName: 'Ada', lastName: `L${n % 4}`, email: null, phone: null },
    email: null, phone: null, currency: 'USD', subtotalMinor: 2000, discountMinor: 0, shippingMinor: 0, taxMinor: 0, totalMinor: 2000, refundedMinor: 0,
    financialStatus: 'paid', fulfillmentStatus: shipped ? 'fulfilled' : 'unfulfilled', status: 'open', cancelledAt: null, cancelReason: null, tags: ['a'], note: null,
    ship: { name: 'Ada', company: null, address1: '1 Main St', address2: null, city: 'Springfield', postcode: '12345', region: null, country: 'US', phone: null },
    gateway: null, cardBrand: null, cardLast4: null, createdAt: `2026-10-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00.000Z`, updatedAt: '2026-11-01T10:00:00.000Z',
    lines,
    fulfilments: shipped ? [{ externalId: `gid://shopify/Fulfillment/${n}`, status: 'success', createdAt: AT, deliveredAt: null, locationExternalId: null, trackingCompany: null, trackingNumber: null, trackingUrl: null, lines: lines.map((l) => ({ lineExternalId: l.externalId, quantity: l.quantity })) }] : [],
    refunds: n % 5 === 0 && !shipped ? [{ externalId: `gid://shopify/Refund/${n}`, createdAt: AT, note: null, amountMinor: 1000, lines: lines.map((l) => ({ lineExternalId: l.externalId, quantity: l.quantity, amountMinor: 1000, restock: false })) }] : [],
    ...patch,
  };
}

/** What an import leaves, without ids of rows the two paths may number differently. */
const snapshot = (s: Sqlite) => ({
  orders: s.prepare('SELECT number, external_id, queue, exception_reason, updated_at, customer_id, on_hold, ready_to_pack FROM orders ORDER BY number').all(),
  lines: s.prepare('SELECT o.number, l.external_id, l.variant_id, l.quantity, l.fulfilled_quantity, l.refunded_quantity FROM order_lines l JOIN orders o ON o.id = l.order_id ORDER BY 1, 2').all(),
  stock: s.prepare('SELECT * FROM stock_levels ORDER BY variant_id, location_id').all(),
  events: s.prepare('SELECT o.number, e.kind, e.message FROM order_events e JOIN orders o ON o.id = e.order_id ORDER BY 1, 2, 3').all(),
  fulfilments: s.prepare('SELECT external_id, order_id FROM fulfilments ORDER BY 1').all(),
  customers: s.prepare('SELECT external_id FROM customers ORDER BY 1').all(),
});

async function store(): Promise<{ s: Sqlite; write: ReturnType<typeof createStoreWriter> }> {
  ws = await demoWorkspace({ clock: manualClock() });
  const s = ws.core.store.sqlite;
  seedShop(s, { 'LS-M': { main: 12 }, 'MUG-1': { main: 6 }, 'CAP-1': { main: 3 } });
  s.prepare("UPDATE variants SET platform = 'shopify', external_id = 'gid://shopify/ProductVariant/' || sku").run();
  return { s, write: createStoreWriter(s, 'shopify') };
}

describe('sync: a first import reads less per order and ends the same', () => {
  it('a bulk pass that goes over orders it already wrote (resumed from an earlier cursor) updates them in place, no duplicates', async () => {
    const { s, write } = await store();
    const all = Array.from({ length: 60 }, (_, i) => order(i + 1));
    write.applyPage('orders', all.slice(0, 30), AT, () => undefined, { bulk: true });
    // Pages 10..40 again, ten of them changed on the platform since.
    const again = all.slice(10, 40).map((o, i) => (i < 10 ? { ...o, updatedAt: '2026-11-05T10:00:00.000Z', tags: ['b'] } : o));
    const res = write.applyPage('orders', again, AT, (r) => r, { bulk: true });
    expect(res.deferred).toEqual([]);
    expect({ inserted: res.inserted, updated: res.updated, unchanged: res.unchanged }).toEqual({ inserted: 10, updated: 10, unchanged: 10 });
    write.applyPage('orders', all.slice(40), AT, () => undefined, { bulk: true });
    await write.finishBulkLoad();
    expect(s.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(60);
    expect(s.prepare('SELECT count(*) FROM order_lines').pluck().get()).toBe(120);
    expect(s.prepare("SELECT count(*) FROM order_tags WHERE tag = 'b'").pluck().get()).toBe(10);
    expect(s.prepare("SELECT count(*) FROM orders WHERE updated_at = '2026-11-05T10:00:00.000Z'").pluck().get()).toBe(10);
  });

  it('allocation after each bulk page leaves what a full allocation run over the store leaves (no order that wants stock was skipped)', async () => {
    const { s, write } = await store();
    const all = Array.from({ length: 90 }, (_, i) => order(i + 1));
    for (let i = 0; i < all.length; i += 30) write.applyPage('orders', all.slice(i, i + 30), AT, () => undefined, { bulk: true });
    await write.finishBulkLoad();
    const after = snapshot(s);
    // Some orders got stock, some are short: the check below can tell a skipped order.
    const orders = after.orders as { queue: string; exception_reason: string | null }[];
    expect(orders.filter((o) => o.exception_reason === 'stock_short').length).toBeGreaterThan(0);
    expect(orders.filter((o) => o.queue === 'new').length).toBeGreaterThan(0);
    const office = await ws!.as('backoffice');
    await office.ok('orders.allocateStock');
    expect(snapshot(s)).toEqual(after);
  });

  describe('customer ids kept from page to page', () => {
    const customerOf = (s: Sqlite, number: number) => s.prepare('SELECT c.external_id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.number = ?').pluck().get(number);
    /** Between two pages, the row holding customer 1's platform id changes: merged away and made again (what a merge or a hand edit could do). */
    const moveCustomer = (s: Sqlite) => {
      s.prepare("UPDATE customers SET external_id = 'gid://shopify/Customer/merged-away' WHERE external_id = 'gid://shopify/Customer/1'").run();
      s.prepare("INSERT INTO customers (platform, external_id, first_name, last_name, created_at, updated_at) VALUES ('shopify', 'gid://shopify/Customer/1', 'Ada', 'New', ?, ?)").run(AT, AT);
    };

    it('a write on the same connection between pages drops them: the next page finds the customer row as it is now', async () => {
      const { s, write } = await store();
      write.applyPage('orders', [order(1), order(2)], AT, () => undefined, { bulk: true });
      expect(customerOf(s, 1001)).toBe('gid://shopify/Customer/1');
      moveCustomer(s);
      write.applyPage('orders', [order(5)], AT, () => undefined, { bulk: true });
      await write.finishBulkLoad();
      // Order 5's customer is customer 1 (5 % 4): the row that holds that id now, not the one cached on the first page.
      expect(customerOf(s, 1005)).toBe('gid://shopify/Customer/1');
    });

    it('a write by another connection between pages drops them too', async () => {
      const { s, write } = await store();
      write.applyPage('orders', [order(1), order(2)], AT, () => undefined, { bulk: true });
      const other = new Database(s.name);
      try {
        moveCustomer(other);
      } finally {
        other.close();
      }
      write.applyPage('orders', [order(5)], AT, () => undefined, { bulk: true });
      await write.finishBulkLoad();
      expect(customerOf(s, 1005)).toBe('gid://shopify/Customer/1');
    });

    it('a page that rolled back drops them: a customer stub it made is made again, not pointed at', async () => {
      const { s, write } = await store();
      write.applyPage('orders', [order(1)], AT, () => undefined, { bulk: true });
      // Order 2 brings customer 2, new: its stub goes with the page when the cursor write fails.
      expect(() => write.applyPage('orders', [order(2)], AT, () => { throw new Error('disk full'); }, { bulk: true })).toThrow('disk full');
      expect(s.prepare("SELECT count(*) FROM customers WHERE external_id = 'gid://shopify/Customer/2'").pluck().get()).toBe(0);
      const res = write.applyPage('orders', [order(6)], AT, (r) => r, { bulk: true });
      await write.finishBulkLoad();
      expect(res.deferred).toEqual([]);
      expect(customerOf(s, 1006)).toBe('gid://shopify/Customer/2');
    });
  });
});
