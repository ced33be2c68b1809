import { derivedException, queueOf, type ExceptionReason } from '../../../src-shared/orders';
import { scrubCardNumbers } from '../../../src-shared/security/pan';
import type { Sqlite } from '../../db/open';
import { customersChanged } from '../customers/customer-changes';
import { createSearchIndexer } from '../orders/search-index';
import { createStockLedger } from '../stock/ledger';
import { createSyncAllocation } from '../order-actions/sync-allocation';
import type { PulledCustomer, PulledInventoryItem, PulledLocation, PulledOrder, PulledProduct, PulledRecords, SyncResource } from './connector';

/**
 * Idempotent upserts of pulled records by (platform, external id). Callers run
 * `apply` inside the transaction that also advances the resource's cursor.
 * Orderhouse's own state on an order (hold, ready to pack, assignee, stock and
 * sync exceptions) is kept; the platform's fields are replaced.
 */
export interface ApplyResult { inserted: number; updated: number; unchanged: number; orderIds: number[]; customerIds: number[]; deferred: { externalId: string; reason: string; payload: unknown }[] }

type Row = Record<string, unknown>;

export function createStoreWriter(sqlite: Sqlite, platform: string) {
  const ledger = createStockLedger(sqlite);
  const allocation = createSyncAllocation(sqlite);
  const search = createSearchIndexer(sqlite);
  const q = <T = Row>(sql: string) => {
    const st = sqlite.prepare(sql);
    return { get: (...a: unknown[]) => st.get(...a) as T | undefined, all: (...a: unknown[]) => st.all(...a) as T[], run: (...a: unknown[]) => st.run(...a) };
  };

  // ── locations ───────────────────────────────────────────────────────────
  const locByExt = q<{ id: number; name: string; active: number }>('SELECT id, name, active FROM locations WHERE platform = ? AND external_id = ?');
  const codeTaken = q('SELECT 1 FROM locations WHERE code = ?');
  const insLoc = q('INSERT INTO locations (platform, external_id, name, code, active) VALUES (?, ?, ?, ?, ?)');
  const updLoc = q('UPDATE locations SET name = ?, active = ? WHERE id = ?');
  const locIdCache = new Map<string, number | null>();
  const locationId = (ext: string | null): number | null => {
    if (!ext) return null;
    if (!locIdCache.has(ext)) locIdCache.set(ext, locByExt.get(platform, ext)?.id ?? null);
    return locIdCache.get(ext) ?? null;
  };
  function location(r: PulledLocation, out: ApplyResult) {
    const cur = locByExt.get(platform, r.externalId);
    if (!cur) {
      const base = r.name.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 16) || 'LOC';
      let code = base;
      for (let i = 2; codeTaken.get(code); i++) code = `${base}-${i}`;
      insLoc.run(platform, r.externalId, r.name, code, r.active ? 1 : 0);
      locIdCache.delete(r.externalId);
      out.inserted++;
    } else if (cur.name !== r.name || cur.active !== (r.active ? 1 : 0)) {
      updLoc.run(r.name, r.active ? 1 : 0, cur.id);
      out.updated++;
    } else out.unchanged++;
  }

  // ── products and variants ───────────────────────────────────────────────
  const prodByExt = q<{ id: number; updated_at: string }>('SELECT id, updated_at FROM products WHERE platform = ? AND external_id = ?');
  const insProd = q('INSERT INTO products (platform, external_id, title, product_type, vendor, tags, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const updProd = q('UPDATE products SET title = ?, product_type = ?, vendor = ?, tags = ?, status = ?, updated_at = ? WHERE id = ?');
  const upsVariant = q(`INSERT INTO variants (product_id, platform, external_id, inventory_item_id, sku, barcode, title, price_minor, currency, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (platform, external_id) DO UPDATE SET product_id = excluded.product_id, inventory_item_id = excluded.inventory_item_id, sku = excluded.sku,
      barcode = excluded.barcode, title = excluded.title, price_minor = excluded.price_minor, currency = excluded.currency, updated_at = excluded.updated_at`);
  function product(r: PulledProduct, out: ApplyResult) {
    const cur = prodByExt.get(platform, r.externalId);
    if (cur && cur.updated_at === r.updatedAt) return void out.unchanged++;
    let id: number;
    if (cur) {
      updProd.run(r.title, r.productType, r.vendor, r.tags.join(','), r.status, r.updatedAt, cur.id);
      id = cur.id;
      out.updated++;
    } else {
      id = Number(insProd.run(platform, r.externalId, r.title, r.productType, r.vendor, r.tags.join(','), r.status, r.createdAt, r.updatedAt).lastInsertRowid);
      out.inserted++;
    }
    for (const v of r.variants) upsVariant.run(id, platform, v.externalId, v.inventoryItemId, v.sku, v.barcode, v.title, v.priceMinor, v.currency, r.updatedAt);
  }

  // ── inventory ───────────────────────────────────────────────────────────
  const varByExt = q<{ id: number }>('SELECT id FROM variants WHERE platform = ? AND external_id = ?');
  const updVariantCost = q('UPDATE variants SET unit_cost_minor = ?, weight_grams = ? WHERE id = ?');
  /** Local stock changes not yet at the platform: the platform's level does not include them yet. */
  const pendingDelta = q<{ d: number | null }>(`SELECT sum(json_extract(payload, '$.delta')) AS d FROM outbox
    WHERE platform = ? AND kind = 'inventory.adjust' AND status IN ('pending', 'sending', 'failed')
      AND json_extract(payload, '$.variantId') = ? AND json_extract(payload, '$.locationId') = ?`);
  function inventory(r: PulledInventoryItem, out: ApplyResult, at: string) {
    const variant = r.variantExternalId ? varByExt.get(platform, r.variantExternalId) : undefined;
    if (!variant) {
      out.deferred.push({ externalId: r.inventoryItemId, reason: `the variant ${r.variantExternalId ?? '(none)'} of this inventory item is not in Orderhouse yet; retry after the next product sync`, payload: r });
      return;
    }
    updVariantCost.run(r.unitCostMinor, r.weightGrams, variant.id);
    let moved = false;
    for (const l of r.levels) {
      const loc = locationId(l.locationExternalId);
      if (loc == null) continue;
      const target = l.onHand + (pendingDelta.get(platform, variant.id, loc)?.d ?? 0);
      const delta = target - ledger.onHand(variant.id, loc);
      if (delta !== 0) {
        ledger.move({ variantId: variant.id, locationId: loc, delta, reason: 'platform_sync', refType: 'sync', refId: r.inventoryItemId, at });
        moved = true;
      }
    }
    if (moved) out.updated++;
    else out.unchanged++;
  }

  // ── customers ───────────────────────────────────────────────────────────
  const custByExt = q<{ id: number; updated_at: string }>('SELECT id, updated_at FROM customers WHERE platform = ? AND external_id = ?');
  const insCust = q('INSERT INTO customers (platform, external_id, first_name, last_name, email, phone, accepts_marketing, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const updCust = q('UPDATE customers SET first_name = ?, last_name = ?, email = ?, phone = ?, accepts_marketing = ?, note = ?, updated_at = ? WHERE id = ?');
  const delAddr = q('DELETE FROM customer_addresses WHERE customer_id = ?');
  const insAddr = q('INSERT INTO customer_addresses (customer_id, name, company, address1, address2, city, postcode, region, country, phone, is_default) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  function customer(r: PulledCustomer, out: ApplyResult) {
    const cur = custByExt.get(platform, r.externalId);
    if (cur && cur.updated_at === r.updatedAt) return void out.unchanged++;
    let id: number;
    if (cur) {
      updCust.run(r.firstName, r.lastName, r.email, r.phone, r.acceptsMarketing ? 1 : 0, r.note, r.updatedAt, cur.id);
      id = cur.id;
      out.updated++;
    } else {
      id = Number(insCust.run(platform, r.externalId, r.firstName, r.lastName, r.email, r.phone, r.acceptsMarketing ? 1 : 0, r.note, r.createdAt, r.updatedAt).lastInsertRowid);
      out.inserted++;
    }
    delAddr.run(id);
    r.addresses.forEach((a, i) => insAddr.run(id, a.name, a.company, a.address1, a.address2, a.city, a.postcode, a.region, a.country, a.phone, i === 0 ? 1 : 0));
    out.customerIds.push(id);
  }
  /** An order's customer not synced yet: a stub the customers pass fills in (its updated_at is the epoch, so any real record replaces it). */
  const stubCust = q("INSERT INTO customers (platform, external_id, first_name, last_name, email, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '1970-01-01T00:00:00.000Z') ON CONFLICT DO NOTHING");

  // ── orders ──────────────────────────────────────────────────────────────
  const orderByExt = q<{ id: number; updated_at: string; on_hold: number; ready_to_pack: number; exception_reason: string | null; note: string | null; tags: string }>(
    'SELECT id, updated_at, on_hold, ready_to_pack, exception_reason, note, tags FROM orders WHERE platform = ? AND external_id = ?',
  );
  const pendingOrderEdit = q(`SELECT 1 FROM outbox WHERE platform = ? AND kind = 'order.update' AND status IN ('pending', 'sending', 'failed') AND json_extract(payload, '$.orderId') = ? LIMIT 1`);
  const ORDER_COLS = ['platform', 'external_id', 'number', 'name', 'customer_id', 'customer_name', 'email', 'phone', 'currency', 'subtotal_minor', 'discount_minor', 'shipping_minor', 'tax_minor', 'total_minor', 'refunded_minor', 'financial_status', 'fulfillment_status', 'status', 'exception_reason', 'queue', 'tags', 'note', 'item_count', 'ship_name', 'ship_company', 'ship_address1', 'ship_address2', 'ship_city', 'ship_postcode', 'ship_region', 'ship_country', 'ship_phone', 'gateway', 'card_brand', 'card_last4', 'created_at', 'updated_at', 'cancelled_at', 'cancel_reason'];
  const insOrder = q(`INSERT INTO orders (${ORDER_COLS.join(', ')}) VALUES (${ORDER_COLS.map((c) => `@${c}`).join(', ')})`);
  const updOrder = q(`UPDATE orders SET ${ORDER_COLS.filter((c) => c !== 'platform' && c !== 'external_id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
  const linesOf = q<{ id: number; external_id: string | null }>('SELECT id, external_id FROM order_lines WHERE order_id = ?');
  const insLine = q('INSERT INTO order_lines (order_id, external_id, variant_id, sku, title, variant_title, quantity, fulfilled_quantity, refunded_quantity, price_minor, discount_minor, tax_minor, requires_shipping) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const updLine = q('UPDATE order_lines SET variant_id = ?, sku = ?, title = ?, variant_title = ?, quantity = ?, fulfilled_quantity = ?, refunded_quantity = ?, price_minor = ?, discount_minor = ?, tax_minor = ?, requires_shipping = ? WHERE id = ?');
  const productTypeOf = q<{ product_type: string | null }>('SELECT p.product_type FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?');
  const setLineType = q('UPDATE order_lines SET product_type = ? WHERE id = ?');
  const fulByExt = q<{ id: number }>('SELECT id FROM fulfilments WHERE platform = ? AND external_id = ?');
  const insFul = q('INSERT INTO fulfilments (order_id, platform, external_id, location_id, status, tracking_company, tracking_number, tracking_url, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const updFul = q('UPDATE fulfilments SET location_id = ?, status = ?, tracking_company = ?, tracking_number = ?, tracking_url = ?, delivered_at = ? WHERE id = ?');
  const delFulLines = q('DELETE FROM fulfilment_lines WHERE fulfilment_id = ?');
  const insFulLine = q('INSERT INTO fulfilment_lines (fulfilment_id, order_line_id, quantity) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET quantity = quantity + excluded.quantity');
  const refByExt = q<{ id: number }>('SELECT id FROM refunds WHERE platform = ? AND external_id = ?');
  const insRef = q('INSERT INTO refunds (order_id, platform, external_id, amount_minor, currency, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const updRef = q('UPDATE refunds SET amount_minor = ?, currency = ?, note = ? WHERE id = ?');
  const delRefLines = q('DELETE FROM refund_lines WHERE refund_id = ?');
  const insRefLine = q('INSERT INTO refund_lines (refund_id, order_line_id, quantity, amount_minor, restock) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET quantity = quantity + excluded.quantity, amount_minor = amount_minor + excluded.amount_minor');
  const delTags = q('DELETE FROM order_tags WHERE order_id = ?');
  const insTag = q('INSERT OR IGNORE INTO order_tags (tag, order_id) VALUES (?, ?)');
  const insEvent = q('INSERT INTO order_events (order_id, at, kind, message) VALUES (?, ?, ?, ?)');

  function order(r: PulledOrder, out: ApplyResult, at: string) {
    const cur = orderByExt.get(platform, r.externalId);
    if (cur && cur.updated_at === r.updatedAt) return void out.unchanged++;
    let customerId: number | null = null;
    if (r.customer) {
      stubCust.run(platform, r.customer.externalId, r.customer.firstName, r.customer.lastName, r.customer.email, r.customer.phone, r.createdAt);
      customerId = custByExt.get(platform, r.customer.externalId)?.id ?? null;
    }
    const customerName = [r.customer?.firstName, r.customer?.lastName].filter(Boolean).join(' ') || r.ship?.name || r.email || '';
    const requiresShipping = r.lines.some((l) => l.requiresShipping);
    const derived = derivedException(r.financialStatus, r.ship, requiresShipping);
    const localOnly = cur && (cur.exception_reason === 'stock_short' || cur.exception_reason === 'sync_error') ? (cur.exception_reason as ExceptionReason) : null;
    const exception = derived ?? localOnly;
    const onHold = cur ? cur.on_hold === 1 : false;
    const readyToPack = cur ? cur.ready_to_pack === 1 : false;
    // A local note/tags edit still on its way to the platform wins over the platform's older value.
    const keepLocalEdit = cur ? pendingOrderEdit.get(platform, cur.id) !== undefined : false;
    const row = {
      platform, external_id: r.externalId, number: r.number, name: r.name, customer_id: customerId, customer_name: customerName, email: r.email, phone: r.phone,
      currency: r.currency, subtotal_minor: r.subtotalMinor, discount_minor: r.discountMinor, shipping_minor: r.shippingMinor, tax_minor: r.taxMinor, total_minor: r.totalMinor,
      refunded_minor: r.refundedMinor, financial_status: r.financialStatus, fulfillment_status: r.fulfillmentStatus, status: r.status, exception_reason: exception,
      queue: queueOf({ status: r.status, financialStatus: r.financialStatus, fulfillmentStatus: r.fulfillmentStatus, onHold, readyToPack, exceptionReason: exception }),
      tags: keepLocalEdit && cur ? cur.tags : r.tags.join(','), note: keepLocalEdit && cur ? cur.note : r.note,
      item_count: r.lines.reduce((s, l) => s + l.quantity, 0),
      ship_name: r.ship?.name ?? null, ship_company: r.ship?.company ?? null, ship_address1: r.ship?.address1 ?? null, ship_address2: r.ship?.address2 ?? null, ship_city: r.ship?.city ?? null,
      ship_postcode: r.ship?.postcode ?? null, ship_region: r.ship?.region ?? null, ship_country: r.ship?.country ?? null, ship_phone: r.ship?.phone ?? null,
      gateway: r.gateway, card_brand: r.cardBrand, card_last4: r.cardLast4, created_at: r.createdAt, updated_at: r.updatedAt, cancelled_at: r.cancelledAt, cancel_reason: r.cancelReason,
    };
    let id: number;
    if (cur) {
      updOrder.run({ ...row, id: cur.id });
      id = cur.id;
      out.updated++;
    } else {
      id = Number(insOrder.run(row).lastInsertRowid);
      insEvent.run(id, at, 'synced', `Imported from ${platform}`);
      out.inserted++;
    }
    // Lines, keyed by their platform id.
    const fulfilled = new Map<string, number>();
    for (const f of r.fulfilments) if (f.status === 'success') for (const l of f.lines) fulfilled.set(l.lineExternalId, (fulfilled.get(l.lineExternalId) ?? 0) + l.quantity);
    const refunded = new Map<string, number>();
    for (const x of r.refunds) for (const l of x.lines) refunded.set(l.lineExternalId, (refunded.get(l.lineExternalId) ?? 0) + l.quantity);
    const existing = new Map(linesOf.all(id).map((l) => [l.external_id, l.id]));
    const lineId = new Map<string, number>();
    for (const l of r.lines) {
      const variantId = l.variantExternalId ? (varByExt.get(platform, l.variantExternalId)?.id ?? null) : null;
      const args = [variantId, l.sku, l.title, l.variantTitle, l.quantity, Math.min(l.quantity, fulfilled.get(l.externalId) ?? 0), Math.min(l.quantity, refunded.get(l.externalId) ?? 0), l.priceMinor, l.discountMinor, l.taxMinor, l.requiresShipping ? 1 : 0];
      const have = existing.get(l.externalId);
      let lid: number;
      if (have !== undefined) {
        updLine.run(...args, have);
        lid = have;
      } else {
        const [v, ...rest] = args;
        lid = Number(insLine.run(id, l.externalId, v, ...rest).lastInsertRowid);
      }
      if (variantId != null) setLineType.run(productTypeOf.get(variantId)?.product_type ?? null, lid);
      lineId.set(l.externalId, lid);
    }
    for (const f of r.fulfilments) {
      const have = fulByExt.get(platform, f.externalId);
      const loc = locationId(f.locationExternalId);
      let fid: number;
      if (have) {
        updFul.run(loc, f.status, f.trackingCompany, f.trackingNumber, f.trackingUrl, f.deliveredAt, have.id);
        fid = have.id;
      } else fid = Number(insFul.run(id, platform, f.externalId, loc, f.status, f.trackingCompany, f.trackingNumber, f.trackingUrl, f.createdAt, f.deliveredAt).lastInsertRowid);
      delFulLines.run(fid);
      for (const l of f.lines) insFulLine.run(fid, lineId.get(l.lineExternalId), l.quantity);
    }
    for (const x of r.refunds) {
      const have = refByExt.get(platform, x.externalId);
      let rid: number;
      if (have) {
        updRef.run(x.amountMinor, r.currency, x.note, have.id);
        rid = have.id;
      } else rid = Number(insRef.run(id, platform, x.externalId, x.amountMinor, r.currency, x.note, x.createdAt).lastInsertRowid);
      delRefLines.run(rid);
      for (const l of x.lines) insRefLine.run(rid, lineId.get(l.lineExternalId), l.quantity, l.amountMinor, l.restock ? 1 : 0);
    }
    delTags.run(id);
    for (const t of row.tags.split(',').map((s) => s.trim()).filter(Boolean)) insTag.run(t, id);
    out.orderIds.push(id);
  }

  const plain = { locations: location, products: product, inventory, customers: customer, orders: order } as const;
  const savepoint = <A extends unknown[]>(fn: (...a: A) => void) => sqlite.transaction(fn);
  const one = {
    locations: savepoint(location),
    products: savepoint(product),
    inventory: savepoint(inventory),
    customers: savepoint(customer),
    orders: savepoint(order),
  } as const;

  return {
    /**
     * Applies one page. Each record runs in its own savepoint, so a record the
     * store refuses (say, an order number already taken) is deferred to the
     * quarantine and the rest of the page lands.
     */
    apply<R extends SyncResource>(resource: R, records: PulledRecords[R][], at: string): ApplyResult {
      const fresh = (): ApplyResult => ({ inserted: 0, updated: 0, unchanged: 0, orderIds: [], customerIds: [], deferred: [] });
      const run = plain[resource] as unknown as (r: PulledRecords[R], out: ApplyResult, at: string) => void;
      let out = fresh();
      // The whole page in one savepoint; only if the store refuses something is the page
      // replayed record by record, each in its own savepoint, to set the refused ones aside.
      try {
        sqlite.transaction(() => {
          for (const r of records) run(r, out, at);
        })();
      } catch {
        out = fresh();
        locIdCache.clear();
        for (const r of records) {
          try {
            (one[resource] as unknown as (r: PulledRecords[R], out: ApplyResult, at: string) => void)(r, out, at);
          } catch (err) {
            const ext = (r as { externalId?: string; inventoryItemId?: string }).externalId ?? (r as { inventoryItemId?: string }).inventoryItemId ?? '';
            out.deferred.push({ externalId: ext, reason: `the store refused it: ${scrubCardNumbers((err as Error).message)}`, payload: r });
          }
        }
      }
      if (out.orderIds.length) search.reindexOrders(out.orderIds);
      // One call per page: the duplicate queue checks the page's new and changed customers after the commit.
      if (out.customerIds.length) customersChanged(sqlite, out.customerIds);
      // Stock or demand moved: orders short of stock (or no longer) change queue with this page.
      allocation.afterPage(resource, records, out.orderIds, at);
      return out;
    },
  };
}
export type StoreWriter = ReturnType<typeof createStoreWriter>;
