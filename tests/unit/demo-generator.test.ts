import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidEan13 } from '../../src-main/core/demo/catalog';
import { generateDemoShop, type DemoSummary } from '../../src-main/core/demo/generate';
import { openStore, type Sqlite, type Store } from '../../src-main/db/open';
import { derivedException, queueOf, type ExceptionReason, type FinancialStatus, type FulfillmentStatus, type OrderStatus } from '../../src-shared/orders';
import { containsCardNumber } from '../../src-shared/security/pan';

/**
 * The demo generator against real SQLite files: what a user of the demo
 * workspace (and the duplicate engine, and the bench) relies on.
 */

const NOW = new Date('2026-11-01T00:00:00.000Z');
const dirs: string[] = [];
function freshStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'oms-'));
  dirs.push(dir);
  return openStore(join(dir, 'orderhouse.db'));
}

/** A digest of every generated table, in key order, so "same data" means same bytes. */
function contentHash(sqlite: Sqlite): string {
  const h = createHash('sha256');
  const tables = [
    'locations',
    'products',
    'variants',
    'stock_levels',
    'stock_movements',
    'customers',
    'customer_addresses',
    'orders',
    'order_lines',
    'order_tags',
    'order_events',
    'fulfilments',
    'fulfilment_lines',
    'refunds',
    'refund_lines',
    'queue_counts',
  ];
  for (const t of tables) {
    h.update(`\n${t}\n`);
    for (const row of sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

const one = <T>(sqlite: Sqlite, sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
const num = (sqlite: Sqlite, sql: string, ...params: unknown[]) => Object.values(one<Record<string, number>>(sqlite, sql, ...params))[0] as number;

let store: Store;
let db: Sqlite;
let summary: DemoSummary;

beforeAll(() => {
  store = freshStore();
  db = store.sqlite;
  summary = generateDemoShop(db, { orders: 20_000, now: NOW });
}, 120_000);

afterAll(() => {
  store?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('demo shop: sizes', () => {
  it('writes what the summary says, scaled from the order count', () => {
    expect(summary.orders).toBe(20_000);
    expect(num(db, 'SELECT count(*) FROM orders')).toBe(20_000);
    expect(summary.customers).toBe(5_000);
    expect(num(db, 'SELECT count(*) FROM customers')).toBe(5_000);
    expect(summary.variants).toBe(400);
    expect(num(db, 'SELECT count(*) FROM variants')).toBe(400);
    expect(num(db, 'SELECT count(*) FROM locations')).toBe(5);
    expect(num(db, 'SELECT count(*) FROM order_lines')).toBe(summary.orderLines);
    expect(num(db, 'SELECT count(*) FROM order_events')).toBe(summary.orderEvents);
    expect(num(db, 'SELECT count(*) FROM order_tags')).toBe(summary.orderTags);
    expect(num(db, 'SELECT count(*) FROM fulfilments')).toBe(summary.fulfilments);
    expect(num(db, 'SELECT count(*) FROM refunds')).toBe(summary.refunds);
    expect(num(db, 'SELECT count(*) FROM stock_movements')).toBe(summary.stockMovements);
    // Lines per order: most orders one line, some two, fewer three → roughly 1.9–2 per order.
    expect(summary.orderLines / summary.orders).toBeGreaterThan(1.8);
    expect(summary.orderLines / summary.orders).toBeLessThan(2.1);
    const mix = db.prepare('SELECT n, count(*) AS c FROM (SELECT count(*) AS n FROM order_lines GROUP BY order_id) GROUP BY n ORDER BY n').all() as { n: number; c: number }[];
    expect(mix.map((m) => m.n)).toEqual([1, 2, 3]);
    expect(mix[0]!.c).toBeGreaterThan(mix[1]!.c);
    expect(mix[1]!.c).toBeGreaterThan(mix[2]!.c);
  });

  it('honours explicit customer and SKU counts, the workspace currency and a mid-day now', () => {
    const s = freshStore();
    const now = new Date('2026-03-15T10:30:00.123Z');
    try {
      const small = generateDemoShop(s.sqlite, { orders: 1_000, customers: 300, skus: 120, now, seed: 7, currency: 'JPY' });
      expect(small.customers).toBe(300);
      expect(small.variants).toBe(120);
      expect(num(s.sqlite, 'SELECT count(*) FROM customers')).toBe(300);
      expect(num(s.sqlite, "SELECT count(*) FROM orders WHERE currency != 'JPY'")).toBe(0);
      expect(num(s.sqlite, "SELECT count(*) FROM variants WHERE currency != 'JPY'")).toBe(0);
      expect(num(s.sqlite, 'SELECT count(*) FROM orders WHERE total_minor != subtotal_minor - discount_minor + shipping_minor + tax_minor')).toBe(0);
      expect(num(s.sqlite, 'SELECT count(*) FROM orders WHERE created_at >= ?', now.toISOString())).toBe(0);
      for (const t of ['order_events', 'fulfilments', 'refunds']) {
        const col = t === 'order_events' ? 'at' : 'created_at';
        expect(num(s.sqlite, `SELECT count(*) FROM ${t} WHERE ${col} > ?`, now.toISOString()), t).toBe(0);
      }
      expect(num(s.sqlite, 'SELECT count(*) FROM customers WHERE created_at > ?', now.toISOString())).toBe(0);
      expect(small.now).toBe('2026-03-15T10:30:00.123Z');
      expect(num(s.sqlite, 'SELECT count(*) FROM pragma_foreign_key_check')).toBe(0);
      expect(s.sqlite.pragma('foreign_keys', { simple: true })).toBe(1); // restored after the bulk load
    } finally {
      s.close();
    }
  });

  it('refuses to run inside a transaction', () => {
    const s = freshStore();
    try {
      s.sqlite.exec('BEGIN');
      expect(() => generateDemoShop(s.sqlite, { orders: 10, now: NOW })).toThrow(/outside a transaction/);
      s.sqlite.exec('ROLLBACK');
    } finally {
      s.close();
    }
  });

  it('refuses a store that already has data', () => {
    expect(() => generateDemoShop(db, { orders: 10, now: NOW })).toThrow(/empty workspace/);
  });
});

describe('demo shop: determinism', () => {
  it('gives byte-identical data for the same seed and now, different data for another seed (5,000 orders)', () => {
    const a = freshStore();
    const b = freshStore();
    const c = freshStore();
    try {
      generateDemoShop(a.sqlite, { orders: 5_000, seed: 11, now: NOW });
      generateDemoShop(b.sqlite, { orders: 5_000, seed: 11, now: NOW });
      generateDemoShop(c.sqlite, { orders: 5_000, seed: 12, now: NOW });
      const ha = contentHash(a.sqlite);
      expect(contentHash(b.sqlite)).toBe(ha);
      expect(contentHash(c.sqlite)).not.toBe(ha);
    } finally {
      a.close();
      b.close();
      c.close();
    }
  }, 120_000);
});

describe('demo shop: orders', () => {
  it('numbers orders from #1001 upwards in checkout order, all within the two years before now', () => {
    expect(one(db, 'SELECT min(number) AS lo, max(number) AS hi FROM orders')).toEqual({ lo: 1001, hi: 21_000 });
    expect(num(db, "SELECT count(*) FROM orders WHERE name != '#' || number")).toBe(0);
    expect(num(db, 'SELECT count(*) FROM orders a JOIN orders b ON b.id = a.id + 1 WHERE b.created_at < a.created_at OR b.number <= a.number')).toBe(0);
    expect(num(db, 'SELECT count(*) FROM orders WHERE created_at >= ? OR created_at < ?', NOW.toISOString(), '2024-11-01')).toBe(0);
    expect(num(db, "SELECT count(*) FROM orders WHERE length(created_at) != 24 OR created_at NOT LIKE '____-__-__T__:__:__.___Z'")).toBe(0);
    // Every order belongs to the built-in demo store, so actions on it queue pushes in the outbox.
    expect(num(db, "SELECT count(*) FROM orders WHERE platform IS NOT 'demo' OR external_id NOT LIKE 'gid://demo/Order/%'")).toBe(0);
    expect(num(db, 'SELECT count(DISTINCT external_id) FROM orders')).toBe(num(db, 'SELECT count(*) FROM orders'));
    expect(num(db, 'SELECT count(*) FROM pragma_foreign_key_check')).toBe(0);
    expect(num(db, "SELECT count(DISTINCT currency) FROM orders WHERE currency = 'USD'")).toBe(1);
  });

  it('adds up: total = subtotal − discount + shipping + tax, each from the lines', () => {
    expect(num(db, 'SELECT count(*) FROM orders WHERE total_minor != subtotal_minor - discount_minor + shipping_minor + tax_minor')).toBe(0);
    const mismatched = num(
      db,
      `SELECT count(*) FROM orders o JOIN (
         SELECT order_id, sum(price_minor * quantity) AS sub, sum(discount_minor) AS disc, sum(tax_minor) AS tax, sum(quantity) AS units
         FROM order_lines GROUP BY order_id) l ON l.order_id = o.id
       WHERE o.subtotal_minor != l.sub OR o.discount_minor != l.disc OR o.item_count != l.units
          OR o.tax_minor < l.tax OR o.tax_minor - l.tax > (o.shipping_minor * 20 + 99) / 100`,
    );
    expect(mismatched).toBe(0);
    expect(num(db, 'SELECT count(*) FROM order_lines WHERE discount_minor < 0 OR discount_minor > price_minor * quantity OR tax_minor < 0')).toBe(0);
    expect(num(db, 'SELECT count(*) FROM orders WHERE discount_minor > 0')).toBeGreaterThan(2_000);
    expect(num(db, 'SELECT count(*) FROM orders WHERE shipping_minor > 0')).toBeGreaterThan(2_000);
  });

  it('refunds add up and never exceed what was paid', () => {
    expect(
      num(
        db,
        `SELECT count(*) FROM orders o LEFT JOIN (SELECT order_id, sum(amount_minor) AS amt FROM refunds GROUP BY order_id) r ON r.order_id = o.id
         WHERE o.refunded_minor != coalesce(r.amt, 0) OR o.refunded_minor > o.total_minor`,
      ),
    ).toBe(0);
    expect(num(db, `SELECT count(*) FROM refunds r WHERE (SELECT sum(amount_minor) FROM refund_lines WHERE refund_id = r.id) > r.amount_minor`)).toBe(0);
    expect(num(db, "SELECT count(*) FROM orders WHERE financial_status = 'refunded' AND refunded_minor != total_minor")).toBe(0);
    expect(num(db, "SELECT count(*) FROM orders WHERE financial_status = 'partially_refunded' AND (refunded_minor <= 0 OR refunded_minor >= total_minor)")).toBe(0);
    expect(num(db, 'SELECT count(*) FROM order_lines WHERE refunded_quantity > quantity OR fulfilled_quantity > quantity')).toBe(0);
  });

  it('has realistic shares of cancelled and refunded orders', () => {
    const share = (where: string) => num(db, `SELECT count(*) FROM orders WHERE ${where}`) / 20_000;
    expect(share("status = 'cancelled'")).toBeGreaterThan(0.015);
    expect(share("status = 'cancelled'")).toBeLessThan(0.035);
    expect(num(db, "SELECT count(*) FROM orders WHERE status = 'cancelled' AND (cancelled_at IS NULL OR cancel_reason IS NULL OR cancelled_at < created_at)")).toBe(0);
    expect(share("status != 'cancelled' AND financial_status IN ('refunded', 'partially_refunded')")).toBeGreaterThan(0.025);
    expect(share("status != 'cancelled' AND financial_status IN ('refunded', 'partially_refunded')")).toBeLessThan(0.055);
    expect(share("financial_status = 'partially_refunded'")).toBeGreaterThan(0.005);
  });

  it('keeps most old orders fulfilled and a working backlog in the last days', () => {
    const old = one<{ n: number; f: number }>(
      db,
      "SELECT count(*) AS n, sum(fulfillment_status = 'fulfilled') AS f FROM orders WHERE created_at < ? AND status != 'cancelled'",
      new Date(NOW.getTime() - 30 * 86_400_000).toISOString(),
    );
    expect(old.f / old.n).toBeGreaterThan(0.99);
    const recent = db
      .prepare('SELECT queue, count(*) AS n FROM orders WHERE created_at >= ? GROUP BY queue')
      .all(new Date(NOW.getTime() - 10 * 86_400_000).toISOString()) as { queue: string; n: number }[];
    const q = Object.fromEntries(recent.map((r) => [r.queue, r.n]));
    for (const queue of ['new', 'ready_to_pack', 'fulfilled']) expect(q[queue] ?? 0).toBeGreaterThan(0);
    expect(summary.queues.on_hold + summary.queues.exceptions + summary.queues.partially_fulfilled).toBeGreaterThan(0);
    expect(num(db, "SELECT count(*) FROM orders WHERE on_hold = 1 AND (hold_reason IS NULL OR hold_reason = '')")).toBe(0);
  });

  it('derives exception_reason and queue with the shared rules for every order', () => {
    const rows = db
      .prepare(
        `SELECT status, financial_status, fulfillment_status, on_hold, ready_to_pack, exception_reason, queue,
                ship_address1, ship_city, ship_postcode, ship_country FROM orders`,
      )
      .all() as {
      status: OrderStatus;
      financial_status: FinancialStatus;
      fulfillment_status: FulfillmentStatus;
      on_hold: number;
      ready_to_pack: number;
      exception_reason: ExceptionReason | null;
      queue: string;
      ship_address1: string | null;
      ship_city: string | null;
      ship_postcode: string | null;
      ship_country: string | null;
    }[];
    let wrong = 0;
    for (const r of rows) {
      const derived = derivedException(r.financial_status, { address1: r.ship_address1, city: r.ship_city, postcode: r.ship_postcode, country: r.ship_country });
      // Stock shortage is set by the generator (its owner) only where the store sees no other problem.
      const okException = r.exception_reason === derived || (derived === null && r.exception_reason === 'stock_short');
      const q = queueOf({
        status: r.status,
        financialStatus: r.financial_status,
        fulfillmentStatus: r.fulfillment_status,
        onHold: r.on_hold === 1,
        readyToPack: r.ready_to_pack === 1,
        exceptionReason: r.exception_reason,
      });
      if (!okException || q !== r.queue) wrong++;
    }
    expect(wrong).toBe(0);
    expect(num(db, "SELECT count(*) FROM orders WHERE exception_reason = 'address_problem'")).toBeGreaterThan(0);
  });

  it('keeps queue_counts (trigger-maintained) equal to a GROUP BY of the queue column', () => {
    const grouped = Object.fromEntries((db.prepare('SELECT queue, count(*) AS n FROM orders GROUP BY queue').all() as { queue: string; n: number }[]).map((r) => [r.queue, r.n]));
    for (const r of db.prepare('SELECT queue, count FROM queue_counts').all() as { queue: string; count: number }[]) {
      expect(r.count, r.queue).toBe(grouped[r.queue] ?? 0);
    }
    expect(Object.values(summary.queues).reduce((a, b) => a + b, 0)).toBe(20_000);
  });

  it('ships what it says: fulfilments match fulfilled quantities, with tracking', () => {
    expect(
      num(
        db,
        `SELECT count(*) FROM order_lines l LEFT JOIN (SELECT order_line_id, sum(quantity) AS q FROM fulfilment_lines GROUP BY order_line_id) f
         ON f.order_line_id = l.id WHERE l.fulfilled_quantity != coalesce(f.q, 0)`,
      ),
    ).toBe(0);
    expect(num(db, "SELECT count(*) FROM orders WHERE fulfillment_status = 'fulfilled' AND id NOT IN (SELECT order_id FROM fulfilments)")).toBe(0);
    expect(num(db, "SELECT count(*) FROM orders WHERE fulfillment_status = 'partial' AND id NOT IN (SELECT order_id FROM fulfilments)")).toBe(0);
    expect(num(db, "SELECT count(*) FROM orders WHERE fulfillment_status = 'unfulfilled' AND id IN (SELECT order_id FROM fulfilments)")).toBe(0);
    expect(num(db, 'SELECT count(*) FROM fulfilments WHERE tracking_number IS NULL OR tracking_company IS NULL OR location_id IS NULL')).toBe(0);
  });

  it('tells each order’s story in events at sensible times', () => {
    expect(num(db, "SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.kind = 'created' AND e.at = o.created_at)")).toBe(0);
    expect(num(db, 'SELECT count(*) FROM order_events e JOIN orders o ON o.id = e.order_id WHERE e.at < o.created_at OR e.at > ? OR e.at > o.updated_at', NOW.toISOString())).toBe(0);
    for (const kind of ['created', 'fulfilled', 'cancelled', 'refunded', 'held']) {
      expect(num(db, 'SELECT count(*) FROM order_events WHERE kind = ?', kind), kind).toBeGreaterThan(0);
    }
    expect(num(db, "SELECT count(*) FROM orders WHERE status = 'cancelled' AND id NOT IN (SELECT order_id FROM order_events WHERE kind = 'cancelled')")).toBe(0);
  });

  it('stores tags both ways and links every order to a customer by name', () => {
    expect(
      num(
        db,
        `SELECT count(*) FROM orders o WHERE o.tags != coalesce((SELECT group_concat(tag, ',') FROM (SELECT tag FROM order_tags WHERE order_id = o.id ORDER BY tag)), '')`,
      ),
    ).toBe(0);
    expect(num(db, "SELECT count(DISTINCT tag) FROM order_tags WHERE tag IN ('gift', 'priority', 'first-order', 'vip', 'black-friday')")).toBe(5);
    expect(num(db, 'SELECT count(*) FROM orders WHERE customer_id IS NULL')).toBe(0);
    expect(num(db, "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.customer_name != c.first_name || ' ' || c.last_name")).toBe(0);
    expect(num(db, 'SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.created_at > o.created_at')).toBe(0);
    expect(num(db, 'SELECT count(*) FROM orders WHERE note IS NOT NULL')).toBeGreaterThan(0);
  });

  it('follows weekly, yearly and promotion seasonality', () => {
    const perDay = new Map((db.prepare('SELECT substr(created_at, 1, 10) AS d, count(*) AS n FROM orders GROUP BY d').all() as { d: string; n: number }[]).map((r) => [r.d, r.n]));
    const days: { d: Date; n: number }[] = [];
    for (let t = Date.parse('2024-11-02'); t < Date.parse('2026-10-31'); t += 86_400_000) {
      const d = new Date(t);
      days.push({ d, n: perDay.get(d.toISOString().slice(0, 10)) ?? 0 });
    }
    const avg = (f: (d: Date) => boolean) => {
      const sel = days.filter((x) => f(x.d));
      return sel.reduce((a, x) => a + x.n, 0) / sel.length;
    };
    expect(avg((d) => d.getUTCMonth() === 11)).toBeGreaterThan(1.5 * avg((d) => d.getUTCMonth() === 6));
    expect(avg((d) => d.getUTCDay() === 1)).toBeGreaterThan(1.2 * avg((d) => d.getUTCDay() === 6));
    const novMedian = [...days.filter((x) => x.d.getUTCMonth() === 10 && x.d.getUTCFullYear() === 2025).map((x) => x.n)].sort((a, b) => a - b)[15] as number;
    expect(perDay.get('2025-11-28')).toBeGreaterThan(2.5 * novMedian); // Black Friday
    // The shop grows: the second year is busier than the first.
    expect(avg((d) => d >= new Date('2025-11-01'))).toBeGreaterThan(avg((d) => d < new Date('2025-11-01')));
  });

  it('uses card brand and last four only, and only for card payments', () => {
    expect(num(db, "SELECT count(*) FROM orders WHERE card_last4 IS NOT NULL AND (length(card_last4) != 4 OR card_last4 GLOB '*[^0-9]*')")).toBe(0);
    expect(num(db, "SELECT count(*) FROM orders WHERE gateway != 'shopify_payments' AND (card_brand IS NOT NULL OR card_last4 IS NOT NULL)")).toBe(0);
    expect(num(db, "SELECT count(DISTINCT gateway) FROM orders WHERE gateway IN ('shopify_payments', 'paypal', 'manual')")).toBe(3);
  });

  it('never stores anything that looks like a card number, in any text column of any table', () => {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
    let scanned = 0;
    const hits: string[] = [];
    for (const t of tables) {
      const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as { name: string }[]).map((c) => c.name);
      for (const c of cols) {
        for (const row of db.prepare(`SELECT "${c}" AS v FROM "${t}" WHERE typeof("${c}") = 'text'`).iterate() as Iterable<{ v: string }>) {
          scanned++;
          if (/\d{4}/.test(row.v) && containsCardNumber(row.v)) hits.push(`${t}.${c}: ${row.v}`);
        }
      }
    }
    expect(hits.slice(0, 5)).toEqual([]);
    expect(scanned).toBeGreaterThan(100_000);
  }, 60_000);

  it('makes every order findable through the search index', () => {
    const o = one<{ id: number; number: number; email: string }>(db, 'SELECT id, number, email FROM orders WHERE id = 4321');
    const hit = (q: string) => (db.prepare('SELECT rowid AS id FROM orders_fts WHERE orders_fts MATCH ?').all(q) as { id: number }[]).map((r) => r.id);
    expect(hit(`number:"${o.number}"`)).toContain(o.id);
    expect(hit(`email:"${o.email}"`)).toContain(o.id);
  });
});

describe('demo shop: catalogue and stock', () => {
  it('gives every variant a unique SKU and a unique, valid EAN-13; cost below price', () => {
    const rows = db.prepare('SELECT sku, barcode, price_minor, unit_cost_minor FROM variants').all() as { sku: string; barcode: string; price_minor: number; unit_cost_minor: number }[];
    expect(new Set(rows.map((r) => r.sku)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.barcode)).size).toBe(rows.length);
    expect(rows.filter((r) => !isValidEan13(r.barcode))).toEqual([]);
    expect(rows.filter((r) => !(r.unit_cost_minor > 0 && r.unit_cost_minor < r.price_minor))).toEqual([]);
    expect(num(db, "SELECT count(*) FROM products WHERE ',' || tags || ',' LIKE '%,final-sale,%'")).toBeGreaterThan(0);
    expect(num(db, 'SELECT count(DISTINCT product_type) FROM products')).toBeGreaterThanOrEqual(6);
  });

  it('has a stock ledger that sums to every level, levels never negative, bins and reorder points set', () => {
    expect(
      num(
        db,
        `SELECT count(*) FROM stock_levels s LEFT JOIN (SELECT variant_id, location_id, sum(delta) AS d FROM stock_movements GROUP BY 1, 2) m
         USING (variant_id, location_id) WHERE s.on_hand != coalesce(m.d, 0)`,
      ),
    ).toBe(0);
    expect(num(db, "SELECT count(*) FROM stock_movements WHERE reason != 'opening_balance' OR delta <= 0")).toBe(0);
    expect(num(db, 'SELECT count(*) FROM stock_levels WHERE on_hand < 0')).toBe(0);
    expect(num(db, "SELECT count(*) FROM stock_levels s JOIN locations l ON l.id = s.location_id WHERE l.code = 'MAIN'")).toBe(400);
    expect(num(db, "SELECT count(*) FROM stock_levels WHERE bin IS NULL OR NOT (bin GLOB '[A-H]-[0-2][0-9]-[1-5]' OR bin GLOB 'SF-[0-9][0-9]' OR bin GLOB 'R-*')")).toBe(0);
    expect(num(db, 'SELECT count(*) FROM stock_levels WHERE reorder_point IS NOT NULL AND on_hand < reorder_point')).toBeGreaterThan(0);
    expect(num(db, "SELECT count(*) FROM locations WHERE code = 'MAIN' AND name = 'Main warehouse'")).toBe(1);
  });
});
