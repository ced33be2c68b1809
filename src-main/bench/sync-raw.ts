import { derivedException, queueOf } from '../../src-shared/orders';
import type { Sqlite } from '../db/open';
import type { PulledOrder } from '../core/sync/connector';
import { searchRow } from '../core/orders/search-index';
import { createBulkLoad } from '../core/sync/bulk-load';

/**
 * The bench's baseline: the rows a first import stores — orders (every
 * column), lines, customer stubs, fulfilments and refunds with their lines,
 * tags, the "imported" timeline event and the search row — built in memory
 * beforehand (not timed), then written with prepared positional INSERTs, ids
 * from lastInsertRowid, 1,000 orders per transaction. No look-ups, no
 * validation, no mapping: the fastest reasonable way to put the same rows in
 * the same schema (indexes and count triggers included).
 */
type Prepared = {
  order: unknown[];
  customer: unknown[] | null;
  customerExt: string | null;
  lines: unknown[][];
  fulfilments: { row: unknown[]; lines: [string, number][] }[];
  refunds: { row: unknown[]; lines: [string, number, number, number][] }[];
  tags: string[];
  search: ReturnType<typeof searchRow>;
};

function prepare(r: PulledOrder): Prepared {
  const customerName = [r.customer?.firstName, r.customer?.lastName].filter(Boolean).join(' ') || r.ship?.name || r.email || '';
  const requiresShipping = r.lines.some((l) => l.requiresShipping);
  const exception = derivedException(r.financialStatus, r.ship, requiresShipping);
  const s = r.ship;
  const fulfilled = new Map<string, number>();
  for (const f of r.fulfilments) if (f.status === 'success') for (const l of f.lines) fulfilled.set(l.lineExternalId, (fulfilled.get(l.lineExternalId) ?? 0) + l.quantity);
  const refunded = new Map<string, number>();
  for (const x of r.refunds) for (const l of x.lines) refunded.set(l.lineExternalId, (refunded.get(l.lineExternalId) ?? 0) + l.quantity);
  return {
    order: [
      'shopify', r.externalId, r.number, r.name, customerName, r.email, r.phone, r.currency, r.subtotalMinor, r.discountMinor, r.shippingMinor, r.taxMinor, r.totalMinor, r.refundedMinor,
      r.financialStatus, r.fulfillmentStatus, r.status, exception,
      queueOf({ status: r.status, financialStatus: r.financialStatus, fulfillmentStatus: r.fulfillmentStatus, onHold: false, readyToPack: false, exceptionReason: exception }),
      r.tags.join(','), r.note, r.lines.reduce((n, l) => n + l.quantity, 0),
      s?.name ?? null, s?.company ?? null, s?.address1 ?? null, s?.address2 ?? null, s?.city ?? null, s?.postcode ?? null, s?.region ?? null, s?.country ?? null, s?.phone ?? null,
      r.gateway, r.cardBrand, r.cardLast4, r.createdAt, r.updatedAt, r.cancelledAt, r.cancelReason,
    ],
    customer: r.customer ? ['shopify', r.customer.externalId, r.customer.firstName, r.customer.lastName, r.customer.email, r.customer.phone, r.createdAt] : null,
    customerExt: r.customer?.externalId ?? null,
    lines: r.lines.map((l) => [l.externalId, l.sku, l.title, l.variantTitle, l.quantity, Math.min(l.quantity, fulfilled.get(l.externalId) ?? 0), Math.min(l.quantity, refunded.get(l.externalId) ?? 0), l.priceMinor, l.discountMinor, l.taxMinor, l.requiresShipping ? 1 : 0]),
    fulfilments: r.fulfilments.map((f) => ({ row: ['shopify', f.externalId, f.status, f.trackingCompany, f.trackingNumber, f.trackingUrl, f.createdAt, f.deliveredAt], lines: f.lines.map((l) => [l.lineExternalId, l.quantity]) })),
    refunds: r.refunds.map((x) => ({ row: ['shopify', x.externalId, x.amountMinor, r.currency, x.note, x.createdAt], lines: x.lines.map((l) => [l.lineExternalId, l.quantity, l.amountMinor, l.restock ? 1 : 0]) })),
    tags: r.tags,
    search: searchRow({ number: r.number, name: r.name, customer_name: customerName, ship_name: s?.name ?? null, email: r.email, phone: r.phone, ship_phone: s?.phone ?? null }, r.lines.map((l) => `${l.sku ?? ''} ${l.title} ${l.variantTitle ?? ''}`).join(' ')),
  };
}

/**
 * Returns the milliseconds the inserts took (the in-memory preparation is not
 * counted). `bulkLoad`: the store is put in the state the real path's first
 * import loads into, by the same code (core/sync/bulk-load.ts) — return-rollup
 * triggers off, most secondary indexes of orders and their child tables off, no search rows
 * per page — and settled at the end: indexes recreated, search table and
 * rollups rebuilt (all timed, as they are in the real path).
 */
export function rawInsertSameRows(sqlite: Sqlite, records: PulledOrder[], perTransaction = 1000, bulkLoad = false): number {
  const rows = records.map(prepare);
  const insOrder = sqlite.prepare(`INSERT INTO orders (platform, external_id, number, name, customer_name, email, phone, currency, subtotal_minor, discount_minor, shipping_minor, tax_minor, total_minor, refunded_minor,
    financial_status, fulfillment_status, status, exception_reason, queue, tags, note, item_count, ship_name, ship_company, ship_address1, ship_address2, ship_city, ship_postcode, ship_region, ship_country, ship_phone,
    gateway, card_brand, card_last4, created_at, updated_at, cancelled_at, cancel_reason, customer_id) VALUES (${Array.from({ length: 39 }, () => '?').join(', ')})`);
  const insCustomer = sqlite.prepare("INSERT INTO customers (platform, external_id, first_name, last_name, email, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '1970-01-01T00:00:00.000Z')");
  const insLine = sqlite.prepare('INSERT INTO order_lines (order_id, external_id, sku, title, variant_title, quantity, fulfilled_quantity, refunded_quantity, price_minor, discount_minor, tax_minor, requires_shipping) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insFul = sqlite.prepare('INSERT INTO fulfilments (order_id, platform, external_id, status, tracking_company, tracking_number, tracking_url, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insFulLine = sqlite.prepare('INSERT INTO fulfilment_lines (fulfilment_id, order_line_id, quantity) VALUES (?, ?, ?)');
  const insRef = sqlite.prepare('INSERT INTO refunds (order_id, platform, external_id, amount_minor, currency, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insRefLine = sqlite.prepare('INSERT INTO refund_lines (refund_id, order_line_id, quantity, amount_minor, restock) VALUES (?, ?, ?, ?, ?)');
  const insTag = sqlite.prepare('INSERT OR IGNORE INTO order_tags (tag, order_id) VALUES (?, ?)');
  const insEvent = sqlite.prepare('INSERT INTO order_events (order_id, at, kind, message) VALUES (?, ?, ?, ?)');
  const insSearch = sqlite.prepare('INSERT INTO orders_fts(rowid, number, customer, email, phone, items) VALUES (?, ?, ?, ?, ?, ?)');
  const customerIds = new Map<string, number>();
  const at = new Date().toISOString();

  const t0 = performance.now();
  const load = bulkLoad ? createBulkLoad(sqlite) : null;
  for (let i = 0; i < rows.length; i += perTransaction) {
    sqlite.transaction(() => {
      const deferSearch = load?.beforePage() ?? false;
      const search: [number, Prepared['search']][] = [];
      for (const p of rows.slice(i, i + perTransaction)) {
        let customerId: number | null = null;
        if (p.customer && p.customerExt) {
          customerId = customerIds.get(p.customerExt) ?? null;
          if (customerId === null) {
            customerId = Number(insCustomer.run(...p.customer).lastInsertRowid);
            customerIds.set(p.customerExt, customerId);
          }
        }
        const id = Number(insOrder.run(...p.order, customerId).lastInsertRowid);
        insEvent.run(id, at, 'synced', 'Imported from shopify');
        const lineIds = new Map<unknown, number>();
        for (const l of p.lines) lineIds.set(l[0], Number(insLine.run(id, ...l).lastInsertRowid));
        for (const f of p.fulfilments) {
          const fid = Number(insFul.run(id, ...f.row).lastInsertRowid);
          for (const [line, qty] of f.lines) insFulLine.run(fid, lineIds.get(line), qty);
        }
        for (const x of p.refunds) {
          const rid = Number(insRef.run(id, ...x.row).lastInsertRowid);
          for (const [line, qty, amount, restock] of x.lines) insRefLine.run(rid, lineIds.get(line), qty, amount, restock);
        }
        for (const t of p.tags) insTag.run(t, id);
        search.push([id, p.search]);
      }
      if (!deferSearch) for (const [id, s] of search) insSearch.run(id, s.number, s.customer, s.email, s.phone, s.items);
    })();
  }
  if (load) load.settle();
  return performance.now() - t0;
}

/**
 * The narrower baseline the bench used before (orders with 27 columns and their
 * lines only, one constant queue): printed beside the other for comparison, so a
 * ratio against either can be checked.
 */
export function rawInsertOrdersAndLines(sqlite: Sqlite, records: PulledOrder[], perTransaction = 1000): number {
  const insOrder = sqlite.prepare(`INSERT INTO orders (platform, external_id, number, name, customer_name, email, currency, subtotal_minor, discount_minor, shipping_minor, tax_minor, total_minor, refunded_minor,
    financial_status, fulfillment_status, status, queue, tags, note, item_count, ship_name, ship_address1, ship_city, ship_postcode, ship_country, created_at, updated_at)
    VALUES ('shopify', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insLine = sqlite.prepare('INSERT INTO order_lines (order_id, external_id, sku, title, variant_title, quantity, price_minor, discount_minor, tax_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const t0 = performance.now();
  for (let i = 0; i < records.length; i += perTransaction) {
    sqlite.transaction(() => {
      for (const r of records.slice(i, i + perTransaction)) {
        const id = Number(insOrder.run(r.externalId, r.number, r.name, r.ship?.name ?? '', r.email, r.currency, r.subtotalMinor, r.discountMinor, r.shippingMinor, r.taxMinor, r.totalMinor, r.refundedMinor,
          r.financialStatus, r.fulfillmentStatus, r.status, r.tags.join(','), r.note, r.lines.length, r.ship?.name ?? null, r.ship?.address1 ?? null, r.ship?.city ?? null, r.ship?.postcode ?? null, r.ship?.country ?? null, r.createdAt, r.updatedAt).lastInsertRowid);
        for (const l of r.lines) insLine.run(id, l.externalId, l.sku, l.title, l.variantTitle, l.quantity, l.priceMinor, l.discountMinor, l.taxMinor);
      }
    })();
  }
  return performance.now() - t0;
}
