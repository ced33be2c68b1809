import { scrubCardNumbers } from '../../../src-shared/security/pan';
import type { Sqlite } from '../../db/open';
import { customersChanged } from '../customers/customer-changes';
import { createSearchIndexer } from '../orders/search-index';
import { createStockLedger } from '../stock/ledger';
import { createSyncAllocation } from '../order-actions/sync-allocation';
import { createOrderUpserter } from './store-writer-orders';
import { createBulkLoad, settleBulkLoadInSteps, type SettleStep } from './bulk-load';
import { createPageCounts } from './store-writer-counts';
import { createPendingStock } from './pending-stock';
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
  const bulkLoad = createBulkLoad(sqlite);
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
  /** Local stock changes the platform may not have yet (pending-stock.ts). */
  const pendingStock = createPendingStock(sqlite, platform);
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
      const target = pendingStock.levelTarget(variant.id, loc, l.onHand);
      if (target === null) continue;
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
  // ── orders ──────────────────────────────────────────────────────────────
  // The count triggers a first import takes off are kept by the writer instead (store-writer-counts.ts).
  const counts = createPageCounts(sqlite);
  const orders = createOrderUpserter(sqlite, platform, { locationId, search, counts });
  const order = (r: PulledOrder, out: ApplyResult, at: string) => orders.upsert(r, out, at);

  const plain = { locations: location, products: product, inventory, customers: customer, orders: order } as const;
  const savepoint = <A extends unknown[]>(fn: (...a: A) => void) => sqlite.transaction(fn);
  const one = {
    locations: savepoint(location),
    products: savepoint(product),
    inventory: savepoint(inventory),
    customers: savepoint(customer),
    orders: savepoint(order),
  } as const;

  const fresh = (): ApplyResult => ({ inserted: 0, updated: 0, unchanged: 0, orderIds: [], customerIds: [], deferred: [] });

  /**
   * One page's records. Straight through when `careful` is false (any refusal
   * throws, and the caller's transaction or savepoint rolls the page back);
   * record by record when true, each in its own savepoint, so a record the
   * store refuses (say, an order number already taken) is deferred to the
   * quarantine and the rest of the page lands.
   */
  function applyRecords<R extends SyncResource>(resource: R, records: PulledRecords[R][], at: string, careful: boolean, deferSearch = false, keepIds = false): ApplyResult {
    const out = fresh();
    // Search rows left to the rebuild means the pass began on an empty store: its records are new unless the unique index says otherwise.
    orders.startPage({ deferSearch, assumeNew: deferSearch, keepIds });
    counts.reset();
    if (!careful) {
      const run = plain[resource] as unknown as (r: PulledRecords[R], out: ApplyResult, at: string) => void;
      for (const r of records) run(r, out, at);
    } else {
      locIdCache.clear();
      const runOne = one[resource] as unknown as (r: PulledRecords[R], out: ApplyResult, at: string) => void;
      for (const r of records) {
        const mark = orders.searchMark();
        const counted = counts.mark();
        try {
          runOne(r, out, at);
        } catch (err) {
          // Its savepoint rolled back: ids cached, search rows queued and orders counted while it ran are gone too.
          orders.forgetIds();
          orders.dropSearchAfter(mark);
          counts.dropAfter(counted);
          const ext = (r as { externalId?: string; inventoryItemId?: string }).externalId ?? (r as { inventoryItemId?: string }).inventoryItemId ?? '';
          out.deferred.push({ externalId: ext, reason: `the store refused it: ${scrubCardNumbers((err as Error).message)}`, payload: r });
        }
      }
    }
    orders.flushSearch();
    // Checked per page, not per pass: any path through the writer (a page resumed after a kill, `apply`) counts while they are off.
    if (resource === 'orders') counts.flush(bulkLoad.countsOff());
    // Stock or demand moved: orders short of stock (or no longer) change queue with this page (order-actions/sync-allocation.ts).
    allocation.afterPage(resource, records, resource === 'orders' ? orders.allocationCandidates(out.orderIds) : out.orderIds, at);
    // One call per page: the duplicate queue checks the page's new and changed customers after the commit.
    if (out.customerIds.length) customersChanged(sqlite, out.customerIds);
    return out;
  }

  /**
   * The order upserter's cached customer and variant ids (customer stubs it
   * made, too) may live on into the next orders page only if that is provably
   * safe: the page that cached them committed, and nothing has written to the
   * store since — not this connection (total_changes() moved: a merge, an
   * order action, anything) nor another (data_version moved). Otherwise they
   * are dropped, as they were at every page before.
   */
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  const totalChanges = sqlite.prepare('SELECT total_changes()').pluck();
  const stampNow = () => `${String(dataVersion.get())}:${String(totalChanges.get())}`;
  let committedOrdersPage: string | null = null;

  return {
    /**
     * After a bulk pass's last orders page has committed: puts back what the
     * bulk load took off, a piece per transaction (bulk-load.ts), telling
     * `onStep` after each. Until it has run (or if the process dies during
     * it), opening the workspace or the next page that is not part of a bulk
     * pass does the rest in one go.
     */
    finishBulkLoad(onStep?: (step: SettleStep) => void, opts?: { chunk?: number; signal?: AbortSignal }): Promise<unknown> {
      committedOrdersPage = null;
      return settleBulkLoadInSteps(sqlite, onStep, opts);
    },

    /**
     * Applies one page inside the caller's transaction: the whole page in one
     * savepoint, replayed record by record only if the store refuses something.
     */
    apply<R extends SyncResource>(resource: R, records: PulledRecords[R][], at: string): ApplyResult {
      // Inside someone else's transaction: whether it commits is not ours to know.
      committedOrdersPage = null;
      try {
        return sqlite.transaction(() => applyRecords(resource, records, at, false))();
      } catch {
        return applyRecords(resource, records, at, true);
      }
    },

    /**
     * Applies one page in a transaction of its own, together with `alongside`
     * (the quarantine rows and the cursor), and returns what `alongside` returns.
     * The page first goes straight into the transaction — no savepoint: inside one,
     * every INSERT journals its pages twice, which cost about 40 % of ingest time —
     * and only if anything is refused is the transaction rolled back and the page
     * applied again record by record.
     */
    applyPage<R extends SyncResource, T>(resource: R, records: PulledRecords[R][], at: string, alongside: (res: ApplyResult) => T, page: { bulk?: boolean } = {}): T {
      const inPage = (careful: boolean) => () => {
        // Orders of a bulk first import load without the rollup triggers, rebuilt after the last page (finishBulkLoad);
        // any other orders page first settles rollups a killed import left unbuilt.
        // A bulk load into an empty store also leaves search rows to the rebuild at its end.
        let deferSearch = false;
        if (resource === 'orders') {
          if (page.bulk) deferSearch = bulkLoad.beforePage();
          else bulkLoad.settle();
        }
        const keepIds = resource === 'orders' && !careful && committedOrdersPage !== null && committedOrdersPage === stampNow();
        const res = applyRecords(resource, records, at, careful, deferSearch, keepIds);
        return alongside(res);
      };
      const committed = (res: T) => {
        committedOrdersPage = resource === 'orders' ? stampNow() : null;
        return res;
      };
      committedOrdersPage = resource === 'orders' ? committedOrdersPage : null;
      try {
        return committed(sqlite.transaction(inPage(false)).immediate());
      } catch {
        // Rolled back: ids cached during it may be gone (the replay, careful, starts without them).
        committedOrdersPage = null;
        return committed(sqlite.transaction(inPage(true)).immediate());
      }
    },
  };
}
export type StoreWriter = ReturnType<typeof createStoreWriter>;
