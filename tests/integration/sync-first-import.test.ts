import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { createSyncEngine, type SyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

const count = (ws: TestWorkspace, sql: string) => (ws.core.ctx.sqlite.prepare(sql).get() as { n: number }).n;

describe('sync: first import from the emulator', () => {
  let emu: Emulator;
  let ws: TestWorkspace;
  let engine: SyncEngine;

  beforeAll(async () => {
    emu = createEmulator({ orders: 400, seed: 11, plan: 'plus' });
    const { url } = await emu.listen();
    ws = await demoWorkspace();
    const connector = createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5 });
    engine = createSyncEngine({ sqlite: ws.core.ctx.sqlite, connector, now: () => new Date() });
  });
  afterAll(async () => {
    ws.dispose();
    await emu.close();
  });

  it('brings the whole shop into a fresh workspace: counts equal the platform', async () => {
    const run = await engine.run();
    expect(run.error).toBeNull();
    expect(run.ok).toBe(true);
    const shop = emu.shop;
    expect(count(ws, "SELECT count(*) n FROM locations WHERE platform = 'shopify'")).toBe(shop.locations.length);
    expect(count(ws, 'SELECT count(*) n FROM products')).toBe(shop.products.length);
    expect(count(ws, 'SELECT count(*) n FROM variants')).toBe(shop.variants.size);
    expect(count(ws, 'SELECT count(*) n FROM customers')).toBe(shop.customers.length);
    expect(count(ws, 'SELECT count(*) n FROM orders')).toBe(shop.orders.length);
    expect(count(ws, 'SELECT count(*) n FROM order_lines')).toBe(shop.orders.reduce((s, o) => s + o.lines.length, 0));
    expect(count(ws, 'SELECT count(*) n FROM fulfilments')).toBe(shop.orders.reduce((s, o) => s + o.fulfillments.length, 0));
    expect(count(ws, 'SELECT count(*) n FROM refunds')).toBe(shop.orders.reduce((s, o) => s + o.refunds.length, 0));
    const units = shop.inventoryItems.reduce((s, i) => s + [...i.levels.values()].reduce((a, b) => a + b, 0), 0);
    expect(count(ws, 'SELECT coalesce(sum(on_hand), 0) n FROM stock_levels')).toBe(units);
    expect(count(ws, 'SELECT count(*) n FROM quarantine')).toBe(0);
    expect(count(ws, 'SELECT sum(count) n FROM queue_counts')).toBe(shop.orders.length);
    expect(count(ws, 'SELECT count(*) n FROM orders_fts')).toBe(shop.orders.length);
  });

  it('keeps each record as the platform has it: money from shopMoney, gids, lines, statuses', () => {
    const sqlite = ws.core.ctx.sqlite;
    for (const o of emu.shop.orders.filter((_, i) => i % 37 === 0)) {
      const row = sqlite.prepare('SELECT * FROM orders WHERE external_id = ?').get(`gid://shopify/Order/${o.id}`) as Record<string, unknown>;
      expect(row).toBeDefined();
      expect(row).toMatchObject({ number: o.number, name: `#${o.number}`, total_minor: o.totalMinor, subtotal_minor: o.subtotalMinor, tax_minor: o.taxMinor, financial_status: o.financialStatus, fulfillment_status: o.fulfillmentStatus, currency: o.currency, card_last4: o.cardLast4 });
      const lines = sqlite.prepare('SELECT sku, quantity, price_minor FROM order_lines WHERE order_id = ? ORDER BY id').all(row.id) as { sku: string; quantity: number; price_minor: number }[];
      expect(lines).toEqual(o.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, price_minor: l.priceMinor })));
    }
    const c = emu.shop.customers[7]!;
    expect(sqlite.prepare('SELECT first_name, last_name, email FROM customers WHERE external_id = ?').get(`gid://shopify/Customer/${c.id}`)).toEqual({ first_name: c.firstName, last_name: c.lastName, email: c.email });
  });

  it('is idempotent: a second run changes nothing', async () => {
    const before = count(ws, 'SELECT count(*) n FROM stock_movements');
    const run = await engine.run();
    expect(run.ok).toBe(true);
    for (const r of Object.values(run.resources)) {
      expect(r.inserted).toBe(0);
      expect(r.updated).toBe(0);
    }
    expect(count(ws, 'SELECT count(*) n FROM orders')).toBe(emu.shop.orders.length);
    expect(count(ws, 'SELECT count(*) n FROM stock_movements')).toBe(before);
  });

  it('an incremental run brings only what changed at the platform', async () => {
    emu.simulate({ newOrders: 3, orderUpdates: 2, customerUpdates: 2, stockChanges: 2 });
    const run = await engine.run();
    expect(run.ok).toBe(true);
    expect(run.resources.orders?.inserted).toBe(3);
    expect(run.resources.orders?.updated).toBe(2);
    expect(run.resources.customers?.updated).toBe(2);
    expect(run.resources.inventory?.updated).toBe(2);
    // Only the overlap window is read again, not the shop.
    expect(run.resources.orders!.inserted + run.resources.orders!.updated + run.resources.orders!.unchanged).toBeLessThan(20);
    expect(count(ws, 'SELECT count(*) n FROM orders')).toBe(emu.shop.orders.length);
    const updated = emu.shop.orders.filter((o) => o.tags.includes('vip'));
    for (const o of updated) expect(count(ws, `SELECT count(*) n FROM order_tags t JOIN orders o ON o.id = t.order_id WHERE t.tag = 'vip' AND o.external_id = 'gid://shopify/Order/${o.id}'`)).toBe(1);
  });
});
