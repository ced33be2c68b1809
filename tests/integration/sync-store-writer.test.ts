import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulledOrder } from '../../src-main/core/sync/connector';
import { createStoreWriter } from '../../src-main/core/sync/store-writer';
import { openStore, type Store } from '../../src-main/db/open';

/**
 * The store writer's fast path (a page straight into its transaction) and its
 * careful path (the page again, record by record, when the store refuses one)
 * must leave the same rows: every order once, its lines, fulfilments, refunds,
 * tags and search row, the cursor work done once.
 */
let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oms-writer-'));
  store = openStore(join(dir, 'db.sqlite'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const AT = '2026-11-20T10:00:00.000Z';
function order(n: number, patch: Partial<PulledOrder> = {}): PulledOrder {
  return {
    externalId: `gid://shopify/Order/${n}`, number: n, name: `#${n}`,
    customer: { externalId: `gid://shopify/Customer/${n % 3}`, firstName: 'Ada', lastName: `Lovelace${n % 3}`, email: `ada${n % 3}@example.com`, phone: null },
    email: `ada${n % 3}@example.com`, phone: '+1 555 010 2030', currency: 'USD', subtotalMinor: 2000, discountMinor: 0, shippingMinor: 500, taxMinor: 0, totalMinor: 2500, refundedMinor: 1000,
    financialStatus: 'partially_refunded', fulfillmentStatus: 'partial', status: 'open', cancelledAt: null, cancelReason: null, tags: ['vip', 'gift'], note: null,
    ship: { name: 'Ada Lovelace', company: null, address1: '1 Main St', address2: null, city: 'Springfield', postcode: '12345', region: null, country: 'US', phone: null },
    gateway: 'manual', cardBrand: null, cardLast4: null, createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-02T10:00:00.000Z',
    lines: [
      { externalId: `gid://shopify/LineItem/${n}1`, variantExternalId: null, sku: `SKU-${n}`, title: 'Linen shirt', variantTitle: 'M', quantity: 2, priceMinor: 1000, discountMinor: 0, taxMinor: 0, requiresShipping: true },
      { externalId: `gid://shopify/LineItem/${n}2`, variantExternalId: null, sku: null, title: 'Gift wrap', variantTitle: null, quantity: 1, priceMinor: 0, discountMinor: 0, taxMinor: 0, requiresShipping: false },
    ],
    fulfilments: [{ externalId: `gid://shopify/Fulfillment/${n}`, status: 'success', createdAt: '2026-11-03T10:00:00.000Z', deliveredAt: null, locationExternalId: null, trackingCompany: 'UPS', trackingNumber: `1Z${n}`, trackingUrl: null, lines: [{ lineExternalId: `gid://shopify/LineItem/${n}1`, quantity: 1 }] }],
    refunds: [{ externalId: `gid://shopify/Refund/${n}`, createdAt: '2026-11-04T10:00:00.000Z', note: null, amountMinor: 1000, lines: [{ lineExternalId: `gid://shopify/LineItem/${n}1`, quantity: 1, amountMinor: 1000, restock: false }] }],
    ...patch,
  };
}

const count = (sql: string, ...args: unknown[]) => (store.sqlite.prepare(sql).get(...args) as { n: number }).n;
const found = (text: string) => (store.sqlite.prepare('SELECT rowid AS id FROM orders_fts WHERE orders_fts MATCH ? ORDER BY rowid').all(text) as { id: number }[]).map((r) => r.id);
const idOf = (n: number) => (store.sqlite.prepare('SELECT id FROM orders WHERE number = ?').get(n) as { id: number }).id;

describe('store writer: a page of orders', () => {
  it('lands every order with its lines, fulfilments, refunds, tags, customer and search row; a re-read changes nothing', () => {
    const w = createStoreWriter(store.sqlite, 'shopify');
    const page = [order(1001), order(1002), order(1003), order(1004)];
    const res = w.applyPage('orders', page, AT, (r) => r);
    expect(res).toMatchObject({ inserted: 4, updated: 0, unchanged: 0, deferred: [] });
    expect(count('SELECT count(*) n FROM orders')).toBe(4);
    expect(count('SELECT count(*) n FROM order_lines')).toBe(8);
    expect(count('SELECT count(*) n FROM order_lines WHERE fulfilled_quantity = 1 AND refunded_quantity = 1')).toBe(4);
    expect(count('SELECT count(*) n FROM fulfilment_lines')).toBe(4);
    expect(count('SELECT count(*) n FROM refund_lines')).toBe(4);
    expect(count('SELECT count(*) n FROM order_tags')).toBe(8);
    // Three customers among four orders: one stub each, shared.
    expect(count("SELECT count(*) n FROM customers WHERE platform = 'shopify'")).toBe(3);
    expect(count('SELECT count(DISTINCT customer_id) n FROM orders')).toBe(3);
    // Search rows built from the record: number, customer, phone digits, SKU.
    expect(found('SKU')).toHaveLength(4);
    expect(found('"1003"')).toEqual([idOf(1003)]);
    expect(found('5550102030')).toHaveLength(4);
    expect(found('lovelace2')).toEqual([idOf(1001), idOf(1004)]);

    const again = w.applyPage('orders', page, AT, (r) => r);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
    expect(count('SELECT count(*) n FROM orders_fts')).toBe(4);
  });

  it('a changed order is updated in place: lines, fulfilment, tags and search row follow the platform', () => {
    const w = createStoreWriter(store.sqlite, 'shopify');
    w.applyPage('orders', [order(1001)], AT, () => null);
    const changed = order(1001, { updatedAt: '2026-11-05T10:00:00.000Z', tags: ['wholesale'], email: 'grace@example.com' });
    changed.lines[0]!.sku = 'SKU-NEW';
    changed.fulfilments[0]!.lines[0]!.quantity = 2;
    const res = w.applyPage('orders', [changed], AT, (r) => r);
    expect(res).toMatchObject({ inserted: 0, updated: 1 });
    expect(count('SELECT count(*) n FROM order_lines')).toBe(2);
    expect(count('SELECT fulfilled_quantity n FROM order_lines WHERE sku = ?', 'SKU-NEW')).toBe(2);
    expect(count('SELECT count(*) n FROM fulfilments')).toBe(1);
    expect(count('SELECT quantity n FROM fulfilment_lines')).toBe(2);
    expect((store.sqlite.prepare('SELECT tag FROM order_tags').all() as { tag: string }[]).map((t) => t.tag)).toEqual(['wholesale']);
    expect(found('grace')).toEqual([idOf(1001)]);
    expect(found('"SKU-NEW"')).toEqual([idOf(1001)]);
    expect(count('SELECT count(*) n FROM orders_fts')).toBe(1);
  });

  it('an order the store refuses (its number is taken) is set aside; the rest of the page lands once, and the cursor work runs once', () => {
    const w = createStoreWriter(store.sqlite, 'shopify');
    // A local order already holds number 1002.
    w.applyPage('orders', [order(1002, { externalId: 'gid://local/Order/1' })], AT, () => null);
    let alongside = 0;
    const res = w.applyPage('orders', [order(1001), order(1002), order(1003)], AT, (r) => {
      alongside++;
      store.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('test.cursor', 'page-1') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
      return r;
    });
    expect(res.inserted).toBe(2);
    expect(res.deferred).toHaveLength(1);
    expect(res.deferred[0]).toMatchObject({ externalId: 'gid://shopify/Order/1002' });
    expect(res.deferred[0]!.reason).toMatch(/the store refused it: .*UNIQUE/);
    // The fast attempt rolled back whole before reaching the cursor work; the careful one ran it once.
    expect(alongside).toBe(1);
    expect(count("SELECT count(*) n FROM settings WHERE key = 'test.cursor'")).toBe(1);
    expect(count('SELECT count(*) n FROM orders')).toBe(3);
    expect(count('SELECT count(*) n FROM order_lines')).toBe(6);
    expect(count('SELECT count(*) n FROM orders_fts')).toBe(3);
    expect(count("SELECT count(*) n FROM customers WHERE platform = 'shopify'")).toBe(3);
    expect(found('"1001"')).toEqual([idOf(1001)]);
    expect(count("SELECT count(*) n FROM orders WHERE external_id = 'gid://shopify/Order/1002'")).toBe(0);
  });
});
