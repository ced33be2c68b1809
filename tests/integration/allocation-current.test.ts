import { afterEach, describe, expect, it } from 'vitest';
import { createAllocation } from '../../src-main/core/order-actions/allocation';
import { createStockLedger } from '../../src-main/core/stock/ledger';
import type { PulledOrder } from '../../src-main/core/sync/connector';
import { createStoreWriter } from '../../src-main/core/sync/store-writer';
import { seedShop, type Shop } from '../support/shop-fixture';
import { demoWorkspace, manualClock, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});

const day = (d: number) => `2026-10-${String(d).padStart(2, '0')}T10:00:00.000Z`;
const EAST = 'gid://shopify/Location/2';
type Line = [sku: string, quantity: number];

interface World {
  ws: TestWorkspace;
  shop: Shop;
  /** Order numbers (1, 2, …) of the open orders in "Not enough stock". */
  short(): number[];
  syncLevel(sku: string, onHand: number): void;
  syncOrder(number: number, lines: Line[], status?: 'open' | 'cancelled'): void;
}

/**
 * The seeded shop (fixture): LS-M 10 at Main + 5 at East, MUG-1 4 at Main,
 * CAP-1 2 at East. East is a Shopify location, so a sync can set its levels.
 */
async function world(orders: Line[][]): Promise<World> {
  ws = await demoWorkspace({ clock: manualClock() });
  const sqlite = ws.core.store.sqlite;
  const shop = seedShop(sqlite);
  sqlite.prepare("UPDATE variants SET platform = 'shopify', external_id = 'gid://shopify/ProductVariant/' || sku").run();
  shop.orders(orders.map((lines, i) => ({ number: i + 1, createdAt: day(i + 1), platform: 'shopify', lines: lines.map(([sku, quantity]) => ({ sku, title: sku, quantity, priceMinor: 1000 })) })));
  const office = await ws.as('backoffice');
  await office.ok('orders.allocateStock');
  const writer = createStoreWriter(sqlite, 'shopify');
  const at = () => ws!.core.ctx.clock.now().toISOString();
  return {
    ws,
    shop,
    short: () => (sqlite.prepare("SELECT number FROM orders WHERE exception_reason = 'stock_short' AND queue = 'exceptions' ORDER BY number").all() as { number: number }[]).map((r) => r.number),
    syncLevel(sku, onHand) {
      sqlite.transaction(() => writer.apply('inventory', [{ inventoryItemId: `gid://shopify/InventoryItem/${sku}`, variantExternalId: `gid://shopify/ProductVariant/${sku}`, unitCostMinor: null, weightGrams: null, updatedAt: at(), levels: [{ locationExternalId: EAST, onHand }] }], at()))();
    },
    syncOrder(number, lines, status = 'open') {
      const existing = sqlite.prepare('SELECT external_id FROM orders WHERE number = ?').get(number) as { external_id: string } | undefined;
      const o: PulledOrder = {
        externalId: existing?.external_id ?? `gid://shopify/Order/9${number}`, number, name: `#${number}`, customer: null, email: null, phone: null, currency: 'USD',
        subtotalMinor: 1000, discountMinor: 0, shippingMinor: 0, taxMinor: 0, totalMinor: 1000, refundedMinor: 0, financialStatus: 'paid', fulfillmentStatus: 'unfulfilled', status,
        cancelledAt: status === 'cancelled' ? at() : null, cancelReason: status === 'cancelled' ? 'customer' : null, tags: [], note: null,
        ship: { name: 'Ada', company: null, address1: '1 Main St', address2: null, city: 'Springfield', postcode: '12345', region: null, country: 'US', phone: null },
        gateway: null, cardBrand: null, cardLast4: null, createdAt: day(20 + number), updatedAt: at(),
        lines: lines.map(([sku, quantity], i) => ({ externalId: `gid://shopify/LineItem/${number}-${i}`, variantExternalId: `gid://shopify/ProductVariant/${sku}`, sku, title: sku, variantTitle: null, quantity, priceMinor: 1000, discountMinor: 0, taxMinor: 0, requiresShipping: true })),
        fulfilments: [],
        refunds: [],
      };
      sqlite.transaction(() => writer.apply('orders', [o], at()))();
    },
  };
}

describe('allocation follows every stock change', () => {
  it.each<[name: string, orders: Line[][], change: (w: World) => void | Promise<void>, shortBefore: number[], shortAfter: number[]]>([
    ['a sync raising a level covers an order that was short', [[['MUG-1', 6]]], (w) => w.syncLevel('MUG-1', 3), [1], []],
    ['a sync lowering a level makes the newer order short (vice versa)', [[['LS-M', 8]], [['LS-M', 6]]], (w) => w.syncLevel('LS-M', 0), [], [2]],
    ['a sync with a new order that stock cannot cover puts it in Exceptions', [[['CAP-1', 2]]], (w) => w.syncOrder(7, [['CAP-1', 1]]), [], [7]],
    ['a new order from a sync that stock covers stays out of Exceptions', [[['LS-M', 1]]], (w) => w.syncOrder(7, [['LS-M', 2]]), [], []],
    ['an order cancelled on the platform frees stock for the next one', [[['MUG-1', 3]], [['MUG-1', 3]]], (w) => w.syncOrder(1, [['MUG-1', 3]], 'cancelled'), [2], []],
    ['a cancel in Orderhouse frees stock for the next one', [[['MUG-1', 3]], [['MUG-1', 3]]], async (w) => void (await (await w.ws.as('backoffice')).ok('orders.cancel', { orderId: orderId(w, 1), reason: 'Customer changed their mind', restock: false })), [2], []],
    [
      'a covered order takes its other lines, so a newer order wanting those becomes short',
      [[['MUG-1', 6], ['CAP-1', 2]], [['CAP-1', 2]]],
      (w) => w.syncLevel('MUG-1', 2),
      [1],
      [2],
    ],
    ['an unrelated item changing moves nobody', [[['MUG-1', 6]], [['LS-M', 1]]], (w) => w.syncLevel('CAP-1', 0), [1], [1]],
  ])('%s', async (_name, orders, change, shortBefore, shortAfter) => {
    const w = await world(orders);
    expect(w.short()).toEqual(shortBefore);
    await change(w);
    expect(w.short()).toEqual(shortAfter);
    // The scoped run reached the same answer a full run gives.
    expect(createAllocation(w.ws.core.ctx).run().changedOrderIds).toEqual([]);
  });

  it('a return restock (through the ledger) covers the order waiting for that item, with a timeline line', async () => {
    const w = await world([[['MUG-1', 5]]]);
    expect(w.short()).toEqual([1]);
    const sqlite = w.ws.core.store.sqlite;
    const allocation = createAllocation(w.ws.core.ctx);
    sqlite.transaction(() => {
      createStockLedger(sqlite).move({ variantId: w.shop.variants['MUG-1']!, locationId: w.shop.main, delta: 1, reason: 'return_restock', at: day(30) });
      allocation.runFor({ variantIds: [w.shop.variants['MUG-1']!] });
    })();
    expect(w.short()).toEqual([]);
    const events = sqlite.prepare("SELECT message FROM order_events WHERE order_id = ? AND kind = 'stock' ORDER BY id").all(orderId(w, 1)) as { message: string }[];
    expect(events.map((e) => e.message)).toEqual(['Not enough stock: MUG-1 needs 5, 4 available', 'Stock now covers this order']);
  });
});

function orderId(w: World, number: number): number {
  return (w.ws.core.store.sqlite.prepare('SELECT id FROM orders WHERE number = ?').get(number) as { id: number }).id;
}

describe('a scoped run always equals a full run', () => {
  // Random shops: after any single stock change, re-deciding only what the change can reach
  // must leave nothing for a full run to move.
  it.each(Array.from({ length: 6 }, (_, i) => i + 1))('random shop %i', async (seed) => {
    let s = seed * 9301 + 49297;
    const rnd = (n: number) => ((s = (s * 9301 + 49297) % 233280), Math.floor((s / 233280) * n));
    const skus = ['LS-M', 'MUG-1', 'CAP-1'];
    const orders: Line[][] = Array.from({ length: 14 }, () => Array.from({ length: 1 + rnd(2) }, () => [skus[rnd(3)]!, 1 + rnd(4)] as Line));
    const w = await world(orders);
    const sqlite = w.ws.core.store.sqlite;
    const allocation = createAllocation(w.ws.core.ctx);
    const ledger = createStockLedger(sqlite);
    for (let step = 0; step < 10; step++) {
      const sku = skus[rnd(3)]!;
      const delta = rnd(2) ? 1 + rnd(6) : -(1 + rnd(6));
      sqlite.transaction(() => {
        ledger.move({ variantId: w.shop.variants[sku]!, locationId: w.shop.main, delta, reason: 'adjustment', at: day(28) });
        // Odd steps with a tiny reach limit: the fall-back to a full run must agree too.
        allocation.runFor({ variantIds: [w.shop.variants[sku]!] }, null, step % 2 ? 2 : undefined);
      })();
      expect(allocation.run().changedOrderIds).toEqual([]);
    }
  });
});
