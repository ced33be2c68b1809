import { derivedException, queueOf, type ExceptionReason } from '../../../src-shared/orders';
import type { Sqlite } from '../../db/open';
import { searchRow, type SearchIndexer, type SearchRow } from '../orders/search-index';
import type { PulledOrder } from './connector';
import type { PageCounts } from './store-writer-counts';

/**
 * Upserts pulled orders with their lines, fulfilments, refunds and tags by
 * (platform, external id). Built for the first import's volume: a record that
 * is new (the common case) is written with plain INSERTs — no look-ups for
 * lines, fulfilments, refunds or tags it cannot have yet, no DELETEs — and its
 * search row is built from the record in memory; only an order already in the
 * store takes the read-compare-update path. Variant and customer ids are
 * cached; `startPage` clears them unless the writer vouches that they are
 * still good (its last page committed and nobody wrote since, store-writer.ts),
 * so a replay after a refused record never sees an id from a rolled-back savepoint.
 */
export interface OrderApplyOut { inserted: number; updated: number; unchanged: number; orderIds: number[] }

const ORDER_COLS = ['platform', 'external_id', 'number', 'name', 'customer_id', 'customer_name', 'email', 'phone', 'currency', 'subtotal_minor', 'discount_minor', 'shipping_minor', 'tax_minor', 'total_minor', 'refunded_minor', 'financial_status', 'fulfillment_status', 'status', 'exception_reason', 'queue', 'tags', 'note', 'item_count', 'ship_name', 'ship_company', 'ship_address1', 'ship_address2', 'ship_city', 'ship_postcode', 'ship_region', 'ship_country', 'ship_phone', 'gateway', 'card_brand', 'card_last4', 'created_at', 'updated_at', 'cancelled_at', 'cancel_reason'] as const;

interface CurrentOrder { id: number; updated_at: string; on_hold: number; ready_to_pack: number; exception_reason: string | null; note: string | null; tags: string }

export function createOrderUpserter(sqlite: Sqlite, platform: string, deps: { locationId: (ext: string | null) => number | null; search: SearchIndexer; counts: PageCounts }) {
  const { locationId, search, counts } = deps;
  const orderByExt = sqlite.prepare<[string, string], CurrentOrder>('SELECT id, updated_at, on_hold, ready_to_pack, exception_reason, note, tags FROM orders WHERE platform = ? AND external_id = ?');
  /** Local edits still on their way to the platform, by kind: 'order.update' (note, tags), 'order.address' (shipping address). */
  const pendingEdits = sqlite.prepare<[string, number], { kind: string }>(
    `SELECT DISTINCT kind FROM outbox WHERE platform = ? AND kind IN ('order.update', 'order.address') AND status IN ('pending', 'sending', 'failed') AND json_extract(payload, '$.orderId') = ?`,
  );
  const shipOf = sqlite.prepare<[number], { name: string | null; company: string | null; address1: string | null; address2: string | null; city: string | null; postcode: string | null; region: string | null; country: string | null; phone: string | null }>(
    'SELECT ship_name AS name, ship_company AS company, ship_address1 AS address1, ship_address2 AS address2, ship_city AS city, ship_postcode AS postcode, ship_region AS region, ship_country AS country, ship_phone AS phone FROM orders WHERE id = ?',
  );
  const insOrder = sqlite.prepare(`INSERT INTO orders (${ORDER_COLS.join(', ')}) VALUES (${ORDER_COLS.map(() => '?').join(', ')})`);
  // platform and external_id are the first two columns: an update binds the rest, then the id.
  const updOrder = sqlite.prepare(`UPDATE orders SET ${ORDER_COLS.slice(2).map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  const custByExt = sqlite.prepare<[string, string], { id: number }>('SELECT id FROM customers WHERE platform = ? AND external_id = ?');
  /** An order's customer not synced yet: a stub the customers pass fills in (its updated_at is the epoch, so any real record replaces it). */
  const stubCust = sqlite.prepare("INSERT INTO customers (platform, external_id, first_name, last_name, email, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '1970-01-01T00:00:00.000Z')");
  const variantByExt = sqlite.prepare<[string, string], { id: number; product_type: string | null }>(
    'SELECT v.id, p.product_type FROM variants v LEFT JOIN products p ON p.id = v.product_id WHERE v.platform = ? AND v.external_id = ?',
  );
  const linesOf = sqlite.prepare<[number], { id: number; external_id: string | null }>('SELECT id, external_id FROM order_lines WHERE order_id = ?');
  const insLine = sqlite.prepare('INSERT INTO order_lines (order_id, external_id, variant_id, product_type, sku, title, variant_title, quantity, fulfilled_quantity, refunded_quantity, price_minor, discount_minor, tax_minor, requires_shipping) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const updLine = sqlite.prepare('UPDATE order_lines SET variant_id = ?, product_type = ?, sku = ?, title = ?, variant_title = ?, quantity = ?, fulfilled_quantity = ?, refunded_quantity = ?, price_minor = ?, discount_minor = ?, tax_minor = ?, requires_shipping = ? WHERE id = ?');
  const fulByExt = sqlite.prepare<[string, string], { id: number }>('SELECT id FROM fulfilments WHERE platform = ? AND external_id = ?');
  const insFul = sqlite.prepare('INSERT INTO fulfilments (order_id, platform, external_id, location_id, status, tracking_company, tracking_number, tracking_url, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const updFul = sqlite.prepare('UPDATE fulfilments SET location_id = ?, status = ?, tracking_company = ?, tracking_number = ?, tracking_url = ?, delivered_at = ? WHERE id = ?');
  const delFulLines = sqlite.prepare('DELETE FROM fulfilment_lines WHERE fulfilment_id = ?');
  const insFulLine = sqlite.prepare('INSERT INTO fulfilment_lines (fulfilment_id, order_line_id, quantity) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET quantity = quantity + excluded.quantity');
  const refByExt = sqlite.prepare<[string, string], { id: number }>('SELECT id FROM refunds WHERE platform = ? AND external_id = ?');
  const insRef = sqlite.prepare('INSERT INTO refunds (order_id, platform, external_id, amount_minor, currency, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const updRef = sqlite.prepare('UPDATE refunds SET amount_minor = ?, currency = ?, note = ? WHERE id = ?');
  const delRefLines = sqlite.prepare('DELETE FROM refund_lines WHERE refund_id = ?');
  const insRefLine = sqlite.prepare('INSERT INTO refund_lines (refund_id, order_line_id, quantity, amount_minor, restock) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET quantity = quantity + excluded.quantity, amount_minor = amount_minor + excluded.amount_minor');
  const delTags = sqlite.prepare('DELETE FROM order_tags WHERE order_id = ?');
  const insTag = sqlite.prepare('INSERT OR IGNORE INTO order_tags (tag, order_id) VALUES (?, ?)');
  const insEvent = sqlite.prepare('INSERT INTO order_events (order_id, at, kind, message) VALUES (?, ?, ?, ?)');

  /**
   * Search rows wait until the page's other writes are done: once orders_fts is
   * part of a transaction, every later statement that opens a statement journal
   * (an orders INSERT, with its count triggers) makes FTS5 flush its pending
   * terms into a new segment — per order, that was most of the ingest time.
   */
  const pendingSearch: [number, SearchRow | null][] = [];
  /** Set per page: a bulk load's search rows are rebuilt in one pass when it ends (bulk-load.ts). */
  let deferSearch = false;
  /** Set per page: the pass began on an empty store, so a record is looked up only when its INSERT is refused. */
  let assumeNew = false;
  /**
   * Per order written in the page: false when it certainly wants no stock (new,
   * not short, every line with a variant shipped or refunded), so allocation
   * need not look at it (`allocationCandidates`). Keyed by id and set by the
   * last record that wrote the id: a record rolled back by its savepoint may
   * have had its id handed to the next one.
   */
  const mayWantStock = new Map<number, boolean>();
  const variants = new Map<string, { id: number; productType: string | null } | null>();
  const customers = new Map<string, number>();
  const variantOf = (ext: string | null) => {
    if (!ext) return null;
    let v = variants.get(ext);
    if (v === undefined) {
      const row = variantByExt.get(platform, ext);
      v = row ? { id: row.id, productType: row.product_type } : null;
      variants.set(ext, v);
    }
    return v;
  };
  function customerIdOf(c: NonNullable<PulledOrder['customer']>, createdAt: string): number {
    let id = customers.get(c.externalId);
    if (id === undefined) {
      id = custByExt.get(platform, c.externalId)?.id ?? Number(stubCust.run(platform, c.externalId, c.firstName, c.lastName, c.email, c.phone, createdAt).lastInsertRowid);
      customers.set(c.externalId, id);
    }
    return id;
  }

  /**
   * An INSERT refused by a unique index (SQLite names whichever it checked
   * first: the number's or the (platform, external id) one) of an order that
   * is in the store after all (a bulk pass resumed over pages it had written).
   * Any other refusal (say, a new order whose number is taken) stays a refusal.
   */
  const isKnownOrder = (err: unknown, r: PulledOrder) => (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && orderByExt.get(platform, r.externalId) !== undefined;

  function upsert(r: PulledOrder, out: OrderApplyOut, at: string, lookUp = !assumeNew): void {
    // In a bulk load into an empty store every record is new: no look-up first, the unique index answers if one is not.
    const cur = lookUp ? orderByExt.get(platform, r.externalId) : undefined;
    if (cur && cur.updated_at === r.updatedAt) return void out.unchanged++;
    const customerId = r.customer ? customerIdOf(r.customer, r.createdAt) : null;
    const customerName = [r.customer?.firstName, r.customer?.lastName].filter(Boolean).join(' ') || r.ship?.name || r.email || '';
    let requiresShipping = false;
    let itemCount = 0;
    for (const l of r.lines) {
      requiresShipping ||= l.requiresShipping;
      itemCount += l.quantity;
    }
    // A local edit still on its way to the platform wins over the platform's older value.
    const pending = cur ? new Set(pendingEdits.all(platform, cur.id).map((e) => e.kind)) : null;
    const keepLocalEdit = pending?.has('order.update') ?? false;
    const s = cur && pending?.has('order.address') ? (shipOf.get(cur.id) ?? r.ship) : r.ship;
    const derived = derivedException(r.financialStatus, s, requiresShipping);
    const localOnly = cur && (cur.exception_reason === 'stock_short' || cur.exception_reason === 'sync_error') ? (cur.exception_reason as ExceptionReason) : null;
    const exception = derived ?? localOnly;
    const onHold = cur ? cur.on_hold === 1 : false;
    const readyToPack = cur ? cur.ready_to_pack === 1 : false;
    const tags = keepLocalEdit && cur ? cur.tags : r.tags.join(',');
    const queue = queueOf({ status: r.status, financialStatus: r.financialStatus, fulfillmentStatus: r.fulfillmentStatus, onHold, readyToPack, exceptionReason: exception });
    // In ORDER_COLS order, without platform and external_id.
    const values = [
      r.number, r.name, customerId, customerName, r.email, r.phone, r.currency, r.subtotalMinor, r.discountMinor, r.shippingMinor, r.taxMinor, r.totalMinor, r.refundedMinor,
      r.financialStatus, r.fulfillmentStatus, r.status, exception,
      queue,
      tags, keepLocalEdit && cur ? cur.note : r.note, itemCount,
      s?.name ?? null, s?.company ?? null, s?.address1 ?? null, s?.address2 ?? null, s?.city ?? null, s?.postcode ?? null, s?.region ?? null, s?.country ?? null, s?.phone ?? null,
      r.gateway, r.cardBrand, r.cardLast4, r.createdAt, r.updatedAt, r.cancelledAt, r.cancelReason,
    ];
    let id: number;
    if (cur) {
      updOrder.run(...values, cur.id);
      id = cur.id;
      out.updated++;
    } else {
      try {
        id = Number(insOrder.run(platform, r.externalId, ...values).lastInsertRowid);
      } catch (err) {
        // Nothing of this record is written yet (a customer stub is, and stays: the second try finds it cached).
        if (!lookUp && isKnownOrder(err, r)) return upsert(r, out, at, true);
        throw err;
      }
      insEvent.run(id, at, 'synced', `Imported from ${platform}`);
      counts.inserted({ queue, exceptionReason: exception, createdAt: r.createdAt, number: r.number });
      out.inserted++;
    }

    // Lines, keyed by their platform id; quantities shipped and refunded come from the fulfilments and refunds.
    const fulfilled = new Map<string, number>();
    for (const f of r.fulfilments) if (f.status === 'success') for (const l of f.lines) fulfilled.set(l.lineExternalId, (fulfilled.get(l.lineExternalId) ?? 0) + l.quantity);
    const refunded = new Map<string, number>();
    for (const x of r.refunds) for (const l of x.lines) refunded.set(l.lineExternalId, (refunded.get(l.lineExternalId) ?? 0) + l.quantity);
    const existing = cur ? new Map(linesOf.all(id).map((l) => [l.external_id, l.id])) : null;
    const lineId = new Map<string, number>();
    // As sync-allocation.ts wantsStock reads it back: short of stock, or a line with a variant still to ship.
    let wantsStock = cur !== undefined || exception === 'stock_short';
    for (const l of r.lines) {
      const v = variantOf(l.variantExternalId);
      const shipped = Math.min(l.quantity, fulfilled.get(l.externalId) ?? 0);
      const refundedQty = Math.min(l.quantity, refunded.get(l.externalId) ?? 0);
      if (v && l.quantity - shipped - refundedQty > 0) wantsStock = true;
      const q = [v?.id ?? null, v?.productType ?? null, l.sku, l.title, l.variantTitle, l.quantity, shipped, refundedQty, l.priceMinor, l.discountMinor, l.taxMinor, l.requiresShipping ? 1 : 0];
      const have = existing?.get(l.externalId);
      if (have !== undefined) {
        updLine.run(...q, have);
        lineId.set(l.externalId, have);
      } else lineId.set(l.externalId, Number(insLine.run(id, l.externalId, ...q).lastInsertRowid));
    }
    for (const f of r.fulfilments) {
      const loc = locationId(f.locationExternalId);
      const have = cur ? fulByExt.get(platform, f.externalId) : undefined;
      let fid: number;
      if (have) {
        updFul.run(loc, f.status, f.trackingCompany, f.trackingNumber, f.trackingUrl, f.deliveredAt, have.id);
        delFulLines.run(have.id);
        fid = have.id;
      } else fid = Number(insFul.run(id, platform, f.externalId, loc, f.status, f.trackingCompany, f.trackingNumber, f.trackingUrl, f.createdAt, f.deliveredAt).lastInsertRowid);
      for (const l of f.lines) insFulLine.run(fid, lineId.get(l.lineExternalId), l.quantity);
    }
    for (const x of r.refunds) {
      const have = cur ? refByExt.get(platform, x.externalId) : undefined;
      let rid: number;
      if (have) {
        updRef.run(x.amountMinor, r.currency, x.note, have.id);
        delRefLines.run(have.id);
        rid = have.id;
      } else rid = Number(insRef.run(id, platform, x.externalId, x.amountMinor, r.currency, x.note, x.createdAt).lastInsertRowid);
      for (const l of x.lines) insRefLine.run(rid, lineId.get(l.lineExternalId), l.quantity, l.amountMinor, l.restock ? 1 : 0);
    }
    if (cur) delTags.run(id);
    for (const t of tags.split(',')) {
      const tag = t.trim();
      if (tag) insTag.run(tag, id);
    }
    // A new order's search row comes straight from the record; a changed one is re-read (it may keep lines the platform no longer lists).
    // In a bulk load the whole search table is rebuilt at the end (bulk-load.ts): nothing to queue.
    if (!deferSearch && cur) pendingSearch.push([id, null]);
    else if (!deferSearch) pendingSearch.push([id, searchRow({ number: r.number, name: r.name, customer_name: customerName, ship_name: s?.name ?? null, email: r.email, phone: r.phone, ship_phone: s?.phone ?? null }, r.lines.map((l) => `${l.sku ?? ''} ${l.title} ${l.variantTitle ?? ''}`).join(' '))]);
    mayWantStock.set(id, wantsStock);
    out.orderIds.push(id);
  }

  return {
    upsert,
    /** Writes the search rows of what `upsert` wrote since the last call (last in the page's transaction). */
    flushSearch(): void {
      const fresh: [number, SearchRow][] = [];
      const stale: number[] = [];
      for (const [id, row] of pendingSearch) {
        if (row) fresh.push([id, row]);
        else stale.push(id);
      }
      if (fresh.length) search.insertRows(fresh);
      if (stale.length) search.reindexOrders(stale);
      pendingSearch.length = 0;
    },
    /** How many search rows are waiting; `dropSearchAfter(n)` forgets those queued after that point (a record that was refused). */
    searchMark: (): number => pendingSearch.length,
    dropSearchAfter(n: number): void {
      pendingSearch.length = Math.min(pendingSearch.length, n);
    },
    /** Forgets cached ids (a savepoint that rolled back may have taken them with it). */
    forgetIds(): void {
      variants.clear();
      customers.clear();
    },
    /** Of the page's orders, those allocation must look at: every one but the new ones that certainly want no stock. */
    allocationCandidates: (orderIds: readonly number[]): number[] => orderIds.filter((id) => mayWantStock.get(id) !== false),
    /** At the start of every page, and before a page is replayed record by record. */
    startPage(opts: { deferSearch?: boolean; assumeNew?: boolean; keepIds?: boolean } = {}): void {
      deferSearch = opts.deferSearch ?? false;
      assumeNew = opts.assumeNew ?? false;
      mayWantStock.clear();
      pendingSearch.length = 0;
      if (opts.keepIds) return;
      variants.clear();
      customers.clear();
    },
  };
}
