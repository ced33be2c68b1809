import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import type { Connector, PulledOrder } from '../../src-main/core/sync/connector';
import { BULK_LOAD_COUNT_TRIGGERS, settleBulkLoad } from '../../src-main/core/sync/bulk-load';
import { createSyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { createStoreWriter } from '../../src-main/core/sync/store-writer';
import type { Sqlite } from '../../src-main/db/open';
import { pullAllOrders } from '../support/bulk-sync';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * A first import into an empty store takes the per-order count triggers off
 * (orders_count_insert, orders_exception_count_insert,
 * orders_number_hours_insert) and the writer keeps those counts itself, one
 * statement per queue, reason and hour at the end of each page
 * (core/sync/store-writer-counts.ts). Users watch the queue counts while the
 * import runs: after every committed page, and at the end, they must equal a
 * recount from the rows.
 */
const countTriggers = (s: Sqlite) => s.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN (${BULK_LOAD_COUNT_TRIGGERS.map(() => '?').join(', ')}) ORDER BY name`).pluck().all(...BULK_LOAD_COUNT_TRIGGERS);
const orderCount = (s: Sqlite) => s.prepare('SELECT count(*) FROM orders').pluck().get() as number;

/** The three counts, kept and recounted from the rows (the hours table: every hour with orders, its number bounds). */
function counts(s: Sqlite) {
  return {
    kept: {
      queues: s.prepare('SELECT queue, count FROM queue_counts WHERE count <> 0 ORDER BY queue').all(),
      reasons: s.prepare('SELECT reason, count FROM exception_counts WHERE count <> 0 ORDER BY reason').all(),
      hours: s.prepare('SELECT hour, min_number, max_number FROM order_number_hours ORDER BY hour').all(),
    },
    recounted: {
      queues: s.prepare('SELECT queue, count(*) AS count FROM orders WHERE queue IN (SELECT queue FROM queue_counts) GROUP BY queue ORDER BY queue').all(),
      reasons: s.prepare("SELECT coalesce(exception_reason, 'unknown') AS reason, count(*) AS count FROM orders WHERE queue = 'exceptions' GROUP BY 1 ORDER BY 1").all(),
      hours: s.prepare('SELECT substr(created_at, 1, 13) AS hour, min(number) AS min_number, max(number) AS max_number FROM orders GROUP BY 1 ORDER BY 1').all(),
    },
  };
}
function expectCountsRight(s: Sqlite, when: string) {
  const { kept, recounted } = counts(s);
  expect(kept, when).toEqual(recounted);
  expect(recounted.queues.length, when).toBeGreaterThan(0);
}

describe('sync: a first import keeps the queue, exception and hour counts itself while their triggers are off', () => {
  let emu: Emulator;
  let url: string;
  let all: PulledOrder[];
  const shopify = () => createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, bulkPollMs: 20, bulkChunk: 40 });

  beforeAll(async () => {
    emu = createEmulator({ orders: 300, seed: 41, plan: 'plus' });
    url = (await emu.listen()).url;
    // The generated history is mostly shipped: put some unshipped orders in the Exceptions queue, for two reasons.
    emu.shop.orders.forEach((o, i) => {
      if (i % 7 !== 0 || o.cancelledAt) return;
      o.fulfillments = [];
      o.fulfillmentStatus = 'unfulfilled';
      o.financialStatus = i % 2 ? 'pending' : 'voided';
    });
    all = await pullAllOrders(shopify());
    // The data must exercise every count: several queues, some exceptions, many hours.
    expect(all.filter((o) => o.financialStatus === 'pending').length).toBeGreaterThan(0);
    expect(all.filter((o) => o.financialStatus === 'voided').length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await emu.close();
  });

  it('after every committed page the counts equal a recount, with the triggers off; at the end the triggers are back', async () => {
    const ws: TestWorkspace = await demoWorkspace();
    try {
      const s = ws.core.ctx.sqlite;
      expect(countTriggers(s)).toHaveLength(3);
      // Each pull after the first comes after the previous page's commit: look at the store then.
      const real = shopify();
      const seen: { orders: number; triggers: number }[] = [];
      const watching: Connector = {
        ...real,
        async pull(resource, cursor, signal) {
          if (resource === 'orders' && orderCount(s) > 0) {
            expectCountsRight(s, `after ${orderCount(s)} orders`);
            seen.push({ orders: orderCount(s), triggers: countTriggers(s).length });
          }
          return real.pull(resource, cursor, signal);
        },
      };
      const run = await createSyncEngine({ sqlite: s, connector: watching, now: () => new Date() }).run();
      expect(run.error).toBeNull();
      expect(seen.length).toBeGreaterThan(3);
      expect(seen.every((p) => p.triggers === 0)).toBe(true);
      expect(orderCount(s)).toBe(emu.shop.orders.length);
      expect(countTriggers(s)).toHaveLength(3);
      expectCountsRight(s, 'at the end');
      const { kept } = counts(s);
      expect(kept.reasons.length).toBeGreaterThan(1);
      expect(kept.hours.length).toBeGreaterThan(10);
    } finally {
      ws.dispose();
    }
  });

  it('a page replayed record by record counts only the orders that landed, not the one the store refused', async () => {
    const ws = await demoWorkspace();
    try {
      const s = ws.core.ctx.sqlite;
      const writer = createStoreWriter(s, 'shopify');
      const at = new Date().toISOString();
      writer.applyPage('orders', all.slice(0, 40), at, () => undefined, { bulk: true });
      expect(countTriggers(s)).toHaveLength(0);
      // The second page holds two orders the store refuses, so it is rolled back and replayed record by record:
      // one whose number is taken (refused at its INSERT), one whose fulfilment id is taken (refused after its order row went in).
      const page = all.slice(40, 80);
      const numberTaken: PulledOrder = { ...page[10]!, externalId: 'gid://shopify/Order/number-taken', number: all[0]!.number };
      const shipped = page.slice(0, 20).find((o) => o.fulfilments.length > 0)!;
      const fulfilmentTaken: PulledOrder = { ...shipped, externalId: 'gid://shopify/Order/fulfilment-taken', number: 990000 };
      const res = writer.applyPage('orders', [...page.slice(0, 20), numberTaken, fulfilmentTaken, ...page.slice(20)], at, (r) => r, { bulk: true });
      expect(res.deferred.map((d) => d.externalId)).toEqual(['gid://shopify/Order/number-taken', 'gid://shopify/Order/fulfilment-taken']);
      expect(orderCount(s)).toBe(80);
      expectCountsRight(s, 'after the replayed page');
      writer.applyPage('orders', all.slice(80, 120), at, () => undefined, { bulk: true });
      await writer.finishBulkLoad();
      expect(countTriggers(s)).toHaveLength(3);
      expectCountsRight(s, 'after the last page');
    } finally {
      ws.dispose();
    }
  });

  it('an order another code path inserts while the triggers are off is counted when they come back', async () => {
    const ws = await demoWorkspace();
    try {
      const s = ws.core.ctx.sqlite;
      const writer = createStoreWriter(s, 'shopify');
      writer.applyPage('orders', all.slice(0, 40), new Date().toISOString(), () => undefined, { bulk: true });
      // As a return's replacement order would be (returns/create-replacement.ts), in a queue and an hour of its own.
      s.prepare(
        `INSERT INTO orders (platform, external_id, number, name, customer_name, currency, subtotal_minor, discount_minor, shipping_minor, tax_minor, total_minor, refunded_minor,
           financial_status, fulfillment_status, status, exception_reason, queue, tags, item_count, created_at, updated_at)
         VALUES (NULL, NULL, 990001, '#990001', 'Ada', 'USD', 0, 0, 0, 0, 0, 0, 'pending', 'unfulfilled', 'open', 'address_problem', 'exceptions', '', 0, '2031-01-01T05:00:00.000Z', '2031-01-01T05:00:00.000Z')`,
      ).run();
      // Nobody counted it yet: the check below can fail.
      expect(counts(s).kept).not.toEqual(counts(s).recounted);
      const settled = settleBulkLoad(s);
      expect(settled.triggers).toBe(3);
      expect(countTriggers(s)).toHaveLength(3);
      expectCountsRight(s, 'after settling');
      expect(s.prepare("SELECT min_number, max_number FROM order_number_hours WHERE hour = '2031-01-01T05'").get()).toEqual({ min_number: 990001, max_number: 990001 });
    } finally {
      ws.dispose();
    }
  });
});
