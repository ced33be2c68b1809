import { minorDigits } from '../../../src-shared/money';
import { QUEUES, type Queue } from '../../../src-shared/orders';
import type { Sqlite } from '../../db/open';
import { rebuildSearchIndex } from '../orders/search-index';
import { ensureReturnRollups, suspendReturnRollups } from '../returns/rollups';
import { buildCatalog } from './catalog';
import { buildCustomers, type CustomerRecord } from './customers';
import { writeOrders, type OrderCounts } from './orders';
import { AliasTable, Rng } from './random';
import { DAY_MS, planDays, promotionOn, timeInDay, type Promotion } from './seasonality';
import { prepareInserts, type Inserts } from './statements';
import { buildStock, LOCATIONS } from './stock';
import { demoTruth } from './truth';
import { isoTime as iso } from './time';

/**
 * Fills an empty store with a realistic, seeded demo shop. Same seed, `now`
 * and sizes → byte-identical rows. See README.md in this folder.
 */

export interface DemoOptions {
  orders: number;
  /** Default 42. */
  seed?: number;
  /** End of the two-year history. Default 2026-11-01T00:00:00Z (fixed, so runs are reproducible). */
  now?: Date;
  /** ISO 4217 code of the workspace. Default USD. */
  currency?: string;
  /** Default: orders / 4, at least 200, at most 500,000. */
  customers?: number;
  /** Default: orders / 50, at least 100, at most 20,000. */
  skus?: number;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

export interface DemoSummary {
  seed: number;
  now: string;
  from: string;
  currency: string;
  locations: number;
  products: number;
  variants: number;
  stockLevels: number;
  stockMovements: number;
  customers: number;
  customerAddresses: number;
  /** Distinct people behind the customer records. */
  people: number;
  /** Customer records that are planted second records of someone. */
  plantedDuplicates: number;
  orders: number;
  orderLines: number;
  orderTags: number;
  orderEvents: number;
  fulfilments: number;
  fulfilmentLines: number;
  refunds: number;
  refundLines: number;
  queues: Record<Queue, number>;
  /** Customer id pairs that are the same person (all pairs within a person's records). */
  duplicatePairs: [number, number][];
  /** Customer id pairs of different people in one household: must not be merged. */
  householdPairs: [number, number][];
  /** Customer id pairs of different people with the same common name in one city: must not be merged. */
  lookalikePairs: [number, number][];
}

export const DEFAULT_DEMO_NOW = new Date('2026-11-01T00:00:00.000Z');
/** Orders per transaction: big enough that commits are rare, small enough that the dirty pages fit the page cache. */
const CHUNK = 100_000;

export function defaultSizes(orders: number): { customers: number; skus: number } {
  return {
    customers: Math.min(500_000, Math.max(200, Math.round(orders / 4))),
    skus: Math.min(20_000, Math.max(100, Math.round(orders / 50))),
  };
}

export function generateDemoShop(sqlite: Sqlite, opts: DemoOptions): DemoSummary {
  const orderTotal = Math.floor(opts.orders);
  if (!Number.isFinite(orderTotal) || orderTotal < 1) throw new Error('generateDemoShop: orders must be a positive number');
  const seed = (opts.seed ?? 42) >>> 0;
  const nowMs = (opts.now ?? DEFAULT_DEMO_NOW).getTime();
  if (Number.isNaN(nowMs)) throw new Error('generateDemoShop: now is not a valid date');
  const currency = (opts.currency ?? 'USD').toUpperCase();
  const digits = minorDigits(currency);
  const sizes = defaultSizes(orderTotal);
  const customerTotal = Math.max(10, Math.floor(opts.customers ?? sizes.customers));
  const skuTotal = Math.max(10, Math.floor(opts.skus ?? sizes.skus));
  const progress = opts.onProgress ?? (() => {});
  // Pragmas such as foreign_keys are no-ops inside a transaction, and each chunk commits on its own.
  if (sqlite.inTransaction) throw new Error('generateDemoShop must be called outside a transaction');
  assertEmpty(sqlite);

  const ins = prepareInserts(sqlite);
  const days = planDays(nowMs, orderTotal, Rng.derive(seed, 'days'));
  const openingAt = iso(days.fromMs - DAY_MS);
  const nowYear = new Date(nowMs).getUTCFullYear();

  // Bulk-load settings for this connection only, restored at the end: a bigger
  // page cache for the randomly-ordered indexes, fewer WAL checkpoints, and
  // foreign keys checked once over the whole result instead of row by row
  // (see statements.ts for why; schema, indexes and triggers are untouched).
  const cacheBefore = sqlite.pragma('cache_size', { simple: true }) as number;
  const checkpointBefore = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  const foreignKeysBefore = sqlite.pragma('foreign_keys', { simple: true }) as number;
  sqlite.pragma('cache_size = -524288');
  sqlite.pragma('wal_autocheckpoint = 20000');
  sqlite.pragma('foreign_keys = OFF');
  try {
    // ── catalogue and stock ────────────────────────────────────────────────
    progress({ phase: 'catalogue', done: 0, total: skuTotal });
    const catalog = buildCatalog(skuTotal, Rng.derive(seed, 'catalog'), digits, seed);
    // Units sold per day: orders/day × 1.94 lines × 1.23 units per line (see orders.ts); sizes the stock.
    const unitsPerDay = (orderTotal / 730) * 1.94 * 1.23;
    const stock = buildStock(catalog.variants, unitsPerDay, Rng.derive(seed, 'stock'));
    // Last edits of products and variants spread over the history, as in a real shop: a
    // catalogue stamped all at one instant would sit inside every incremental sync's
    // overlap window and be read again on each run.
    const span = Math.max(1, nowMs - days.fromMs);
    const editedAt = (id: number) => iso(days.fromMs + ((id * 2_654_435_761) % span));
    sqlite.transaction(() => writeCatalog(ins, catalog, stock.levels, currency, openingAt, editedAt))();
    const movements = stock.levels.filter((l) => l.onHand !== 0).length;
    progress({ phase: 'catalogue', done: skuTotal, total: skuTotal });

    // ── customers ──────────────────────────────────────────────────────────
    progress({ phase: 'customers', done: 0, total: customerTotal });
    const { records, people } = buildCustomers(customerTotal, Rng.derive(seed, 'customers'), nowYear);

    // Checkout times, oldest first, and who placed each order.
    const times = orderTimes(days, nowMs, Rng.derive(seed, 'times'));
    const customerOf = assignCustomers(records, orderTotal, Rng.derive(seed, 'assign'));
    const { ids: customerIdOf, signup } = customerIds(records, times, customerOf, days.fromMs, nowMs, Rng.derive(seed, 'signup'));
    let addresses = 0;
    const order = records.map((_, i) => i).sort((a, b) => (customerIdOf[a] as number) - (customerIdOf[b] as number));
    for (let start = 0; start < order.length; start += CHUNK) {
      sqlite.transaction(() => {
        for (const i of order.slice(start, start + CHUNK)) addresses = writeCustomer(ins, records[i] as CustomerRecord, customerIdOf[i] as number, iso(signup[i] as number), addresses);
        ins.flushAll();
      })();
      progress({ phase: 'customers', done: Math.min(order.length, start + CHUNK), total: customerTotal });
    }

    // ── orders ─────────────────────────────────────────────────────────────
    const counts: OrderCounts = {
      orders: 0,
      lines: 0,
      tags: 0,
      events: 0,
      fulfilments: 0,
      fulfilmentLines: 0,
      refunds: 0,
      refundLines: 0,
      placed: new Int32Array(records.length),
    };
    const promoOfDay: (Promotion | null)[] = Array.from(days.dayStart, (ms) => promotionOn(new Date(ms)));
    const ctx = {
      ins,
      rng: Rng.derive(seed, 'orders'),
      nowMs,
      fromMs: days.fromMs,
      currency,
      minorDigits: digits,
      times,
      customerOf,
      records,
      customerIdOf,
      variants: catalog.variants,
      variantAlias: new AliasTable(catalog.variants.map((v) => v.popularity)),
      onHandBySku: stock.onHandBySku,
      promoOfDay,
      counts,
    };
    // The returns report's triggers would cost every line an upsert; one GROUP BY pass after is far cheaper.
    suspendReturnRollups(sqlite);
    for (let start = 0; start < orderTotal; start += CHUNK) {
      const end = Math.min(orderTotal, start + CHUNK);
      sqlite.transaction(() => writeOrders(ctx, start, end))();
      progress({ phase: 'orders', done: end, total: orderTotal });
    }

    // ── integrity, search index and planner statistics ──────────────────────
    progress({ phase: 'foreign keys', done: 0, total: 1 });
    const orphans = sqlite.prepare('SELECT * FROM pragma_foreign_key_check LIMIT 5').all();
    if (orphans.length) throw new Error(`demo generator bug: rows without their parent ${JSON.stringify(orphans)}`);
    progress({ phase: 'foreign keys', done: 1, total: 1 });
    progress({ phase: 'search index', done: 0, total: 1 });
    sqlite.transaction(() => rebuildSearchIndex(sqlite))();
    progress({ phase: 'search index', done: 1, total: 1 });
    progress({ phase: 'return rollups', done: 0, total: 1 });
    ensureReturnRollups(sqlite);
    progress({ phase: 'return rollups', done: 1, total: 1 });
    progress({ phase: 'statistics', done: 0, total: 1 });
    sqlite.exec('ANALYZE');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    progress({ phase: 'statistics', done: 1, total: 1 });

    const truth = demoTruth(
      records.map((r, i) => ({ ref: r.ref, id: customerIdOf[i] as number })),
      (r) => r.ref,
    );
    const byId = (pairs: [{ id: number }, { id: number }][]) =>
      pairs.map(([a, b]) => (a.id < b.id ? [a.id, b.id] : [b.id, a.id]) as [number, number]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);

    return {
      seed,
      now: iso(nowMs),
      from: iso(days.fromMs),
      currency,
      locations: LOCATIONS.length,
      products: catalog.products.length,
      variants: catalog.variants.length,
      stockLevels: stock.levels.length,
      stockMovements: movements,
      customers: records.length,
      customerAddresses: addresses,
      people,
      plantedDuplicates: records.filter((r) => r.kind === 'duplicate').length,
      orders: counts.orders,
      orderLines: counts.lines,
      orderTags: counts.tags,
      orderEvents: counts.events,
      fulfilments: counts.fulfilments,
      fulfilmentLines: counts.fulfilmentLines,
      refunds: counts.refunds,
      refundLines: counts.refundLines,
      queues: queueCounts(sqlite),
      duplicatePairs: byId(truth.duplicatePairs),
      householdPairs: byId(truth.householdPairs),
      lookalikePairs: byId(truth.lookalikePairs),
    };
  } finally {
    sqlite.pragma(`cache_size = ${cacheBefore}`);
    sqlite.pragma(`wal_autocheckpoint = ${checkpointBefore}`);
    sqlite.pragma(`foreign_keys = ${foreignKeysBefore ? 'ON' : 'OFF'}`);
  }
}

function assertEmpty(sqlite: Sqlite): void {
  for (const table of ['orders', 'customers', 'variants', 'locations']) {
    const row = sqlite.prepare(`SELECT EXISTS(SELECT 1 FROM ${table}) AS n`).get() as { n: number };
    if (row.n) throw new Error(`The demo generator needs an empty workspace, but ${table} already has rows.`);
  }
}

function queueCounts(sqlite: Sqlite): Record<Queue, number> {
  const out = Object.fromEntries(QUEUES.map((q) => [q, 0])) as Record<Queue, number>;
  for (const r of sqlite.prepare('SELECT queue, count FROM queue_counts').all() as { queue: Queue; count: number }[]) out[r.queue] = r.count;
  return out;
}

function writeCatalog(ins: Inserts, catalog: ReturnType<typeof buildCatalog>, levels: ReturnType<typeof buildStock>['levels'], currency: string, at: string, editedAt: (id: number) => string): void {
  for (const l of LOCATIONS) ins.location.add(l.id, l.name, l.code, 1);
  for (const p of catalog.products) ins.product.add(p.id, p.title, p.productType, p.vendor, p.tags, 'active', at, editedAt(p.id));
  for (const v of catalog.variants) ins.variant.add(v.id, v.productId, v.sku, v.barcode, v.title, v.priceMinor, v.unitCostMinor, currency, v.grams, 1, editedAt(v.id + 1_000_003));
  ins.flushAll();
  let movementId = 0;
  for (const s of levels) {
    ins.stockLevel.add(s.variantId, s.locationId, s.onHand, s.bin, s.reorderPoint, at);
    // The ledger explains every unit: one opening balance per non-empty level.
    if (s.onHand !== 0) ins.stockMovement.add(++movementId, at, s.variantId, s.locationId, s.onHand, 'opening_balance');
  }
  ins.flushAll();
}

/** Writes one customer and their addresses; returns the last address id used. */
function writeCustomer(ins: Inserts, r: CustomerRecord, id: number, createdAt: string, addressId: number): number {
  ins.customer.add(id, r.ref, r.first, r.last, r.email, r.phone, r.birthDate, r.acceptsMarketing ? 1 : 0, r.note, createdAt, createdAt);
  const a = r.address;
  ins.address.add(++addressId, id, `${r.first} ${r.last}`, a.address1, a.address2, a.city, a.postcode, a.region, a.country, r.phone, 1);
  const x = r.extraAddress;
  if (x) ins.address.add(++addressId, id, `${r.first} ${r.last}`, x.address1, x.address2, x.city, x.postcode, x.region, x.country, r.phone, 0);
  return addressId;
}

/** Every order's checkout time, oldest first: per-day counts from the seasonal plan, times within the day by hour. */
function orderTimes(days: ReturnType<typeof planDays>, nowMs: number, rng: Rng): Float64Array {
  let total = 0;
  for (const c of days.counts) total += c;
  const times = new Float64Array(total);
  let k = 0;
  for (let d = 0; d < days.counts.length; d++) {
    const start = days.dayStart[d] as number;
    const limit = Math.min(DAY_MS, nowMs - start);
    const n = days.counts[d] as number;
    const slice = times.subarray(k, k + n);
    for (let j = 0; j < n; j++) slice[j] = start + timeInDay(rng, limit);
    slice.sort();
    k += n;
  }
  return times;
}

/**
 * Who places each order: weighted by loyalty (a few regulars, many one-off
 * buyers). Guest checkouts have no account to come back to: each gets exactly
 * one order of its own.
 */
function assignCustomers(records: CustomerRecord[], orders: number, rng: Rng): Int32Array {
  const alias = new AliasTable(records.map((r) => r.weight));
  const out = new Int32Array(orders);
  for (let i = 0; i < orders; i++) out[i] = alias.sample(rng);
  const forced = new Uint8Array(orders);
  let taken = 0;
  records.forEach((r, idx) => {
    if (!r.guest || taken >= orders) return;
    taken++;
    let slot = rng.int(orders);
    while (forced[slot]) slot = rng.int(orders);
    forced[slot] = 1;
    out[slot] = idx;
  });
  return out;
}

/**
 * Customer ids in sign-up order. A customer signs up at (or before) their
 * first order; records with no orders signed up any time in the last three years.
 */
function customerIds(
  records: CustomerRecord[],
  times: Float64Array,
  customerOf: Int32Array,
  fromMs: number,
  nowMs: number,
  rng: Rng,
): { ids: Int32Array; signup: Float64Array } {
  const first = new Float64Array(records.length).fill(Infinity);
  for (let i = 0; i < customerOf.length; i++) {
    const r = customerOf[i] as number;
    if ((times[i] as number) < (first[r] as number)) first[r] = times[i] as number;
  }
  const signup = new Float64Array(records.length);
  const earliest = fromMs - 365 * DAY_MS;
  records.forEach((r, i) => {
    const f = first[i] as number;
    if (f === Infinity) signup[i] = earliest + Math.floor(rng.next() * (nowMs - earliest));
    else if (r.guest || rng.chance(0.55)) signup[i] = f - Math.floor(rng.next() * 20 * 60_000);
    else signup[i] = Math.max(earliest, f - Math.floor(rng.next() * 400 * DAY_MS));
  });
  const order = records.map((_, i) => i).sort((a, b) => (signup[a] as number) - (signup[b] as number) || a - b);
  const ids = new Int32Array(records.length);
  order.forEach((recordIndex, k) => (ids[recordIndex] = k + 1));
  return { ids, signup };
}
