import { allocate, type AllocationOrder } from '../../../src-shared/allocation';
import type { AllocationRunResult } from '../../../src-shared/contract';
import { UNFULFILLED_QUEUES, queueOf, type ExceptionReason, type FinancialStatus, type FulfillmentStatus, type OrderStatus } from '../../../src-shared/orders';
import type { Sqlite } from '../../db/open';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { noteAllocationMoves } from '../orders/changed-ids';

/** The queues whose orders reserve stock: the same set the Unfulfilled view shows (one definition, src-shared/orders.ts). */
const OPEN_QUEUES = `(${UNFULFILLED_QUEUES.map((q) => `'${q}'`).join(',')})`;
/** An open order's line that still reserves stock. The need expression matches the partial index order_lines_unshipped_variant. */
const OPEN_NEED = `o.queue IN ${OPEN_QUEUES} AND o.status = 'open' AND l.variant_id IS NOT NULL AND l.requires_shipping = 1
        AND l.quantity - l.fulfilled_quantity - l.refunded_quantity > 0`;
/**
 * Past this many orders reached, the walk stops and one full run decides
 * instead: reading every open order's lines in one indexed pass (≈36 ms for
 * 1,300 open orders at 100k) beats a look-up per order (≈100 ms for the same
 * 1,100 that one busy SKU reaches), and gives the same answer.
 */
const SCOPED_LIMIT = 200;
const NEED_COLUMNS = `o.id, o.name, o.status, o.financial_status, o.fulfillment_status, o.on_hold, o.ready_to_pack, o.exception_reason, o.created_at, o.updated_at,
            l.variant_id, l.sku, (l.quantity - l.fulfilled_quantity - l.refunded_quantity) AS need`;

interface OrderStateRow {
  id: number;
  name: string;
  status: OrderStatus;
  financial_status: FinancialStatus;
  fulfillment_status: FulfillmentStatus;
  on_hold: number;
  ready_to_pack: number;
  exception_reason: ExceptionReason | null;
  created_at: string;
  updated_at: string;
}
interface NeedRow extends OrderStateRow {
  variant_id: number;
  sku: string | null;
  need: number;
}

/** What stock changed, or whose demand did; a scoped run re-decides every order these can affect. */
export interface AllocationScope {
  /** Variants whose on-hand changed (a restock, an adjustment, a sync of levels). */
  variantIds?: Iterable<number>;
  /** Orders whose demand changed (new, edited, cancelled, fulfilled): every variant on them, shipped or not. */
  orderIds?: Iterable<number>;
}

export interface AllocationDeps {
  sqlite: Sqlite;
  audit: AuditLog;
  clock: Clock;
  /**
   * Leave orders.updated_at as it is (the sync hook): inside a sync page it is the
   * platform's version of the order, which the next pull compares with; stamping
   * it made every re-decided order look changed at the shop and left the store
   * unequal to the platform after a sync.
   */
  keepUpdatedAt?: boolean;
}

/**
 * Runs the allocation rule (src-shared/allocation.ts) and moves orders into or
 * out of Exceptions ("Not enough stock"). Payment, address and sync exceptions
 * take precedence and are left alone. Call inside the transaction of the
 * change that moved stock or demand, so the queues never show a state between.
 *
 * `run` re-decides every open order. `runFor` re-decides only what a change can
 * reach: the open orders wanting the changed variants, then — because a newly
 * covered order starts reserving its other lines too — the orders wanting those,
 * until nothing new is reached. Orders outside that closure share no variant
 * with it, so their outcome cannot differ; the answer equals a full run.
 */
export function createAllocation(deps: AllocationDeps) {
  const { sqlite } = deps;
  // The open queues are an index range (orders_q_created), so this reads only open orders.
  const allNeeds = sqlite.prepare<[], NeedRow>(`SELECT ${NEED_COLUMNS} FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE ${OPEN_NEED} ORDER BY o.created_at, o.id`);
  // Open orders wanting one variant: the partial index holds unshipped lines only, not the shipped history.
  const wanting = sqlite.prepare<[number], { order_id: number }>(
    `SELECT DISTINCT l.order_id FROM order_lines l INDEXED BY order_lines_unshipped_variant JOIN orders o ON o.id = l.order_id WHERE l.variant_id = ? AND ${OPEN_NEED}`,
  );
  const needsOf = sqlite.prepare<[number], NeedRow>(`SELECT ${NEED_COLUMNS} FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.id = ? AND ${OPEN_NEED}`);
  const variantsOf = sqlite.prepare<[number], { variant_id: number }>('SELECT DISTINCT variant_id FROM order_lines WHERE order_id = ? AND variant_id IS NOT NULL');
  const stateOf = sqlite.prepare<[number], OrderStateRow>(
    'SELECT id, name, status, financial_status, fulfillment_status, on_hold, ready_to_pack, exception_reason, created_at, updated_at FROM orders WHERE id = ?',
  );
  const onHandAll = sqlite.prepare<[], { variant_id: number; on_hand: number }>(
    `SELECT s.variant_id, sum(max(s.on_hand, 0)) AS on_hand FROM stock_levels s JOIN locations l ON l.id = s.location_id AND l.active = 1 GROUP BY s.variant_id`,
  );
  const onHandOne = sqlite.prepare<[number], { on_hand: number | null }>(
    `SELECT sum(max(s.on_hand, 0)) AS on_hand FROM stock_levels s JOIN locations l ON l.id = s.location_id AND l.active = 1 WHERE s.variant_id = ?`,
  );
  const update = sqlite.prepare('UPDATE orders SET exception_reason = ?, queue = ?, updated_at = ? WHERE id = ?');
  const insertEvent = sqlite.prepare("INSERT INTO order_events(order_id, at, kind, message, user_id) VALUES (?, ?, 'stock', ?, ?)");

  /** Decides the given open orders (oldest first) against `stock`, and writes what moved. `extra`: orders no longer wanting anything. */
  function decide(rows: NeedRow[], stock: Map<number, number>, extra: OrderStateRow[], userId: number | null, scope: string): AllocationRunResult {
    const orders: AllocationOrder[] = [];
    const byId = new Map<number, OrderStateRow>();
    const skus = new Map<number, string>();
    for (const r of rows) {
      let o = orders[orders.length - 1];
      if (!o || o.id !== r.id) {
        o = { id: r.id, needs: [] };
        orders.push(o);
        byId.set(r.id, r);
      }
      o.needs.push({ variantId: r.variant_id, quantity: r.need });
      if (r.sku) skus.set(r.variant_id, r.sku);
    }
    // An order that wants nothing any more (shipped, refunded, cancelled) is never short.
    for (const r of extra) if (!byId.has(r.id)) byId.set(r.id, r);
    const { short } = allocate(stock, orders);

    const now = deps.clock.now().toISOString();
    const changedOrderIds: number[] = [];
    for (const [id, r] of byId) {
      const isShort = short.has(id);
      let next: ExceptionReason | null = r.exception_reason;
      if (isShort && r.exception_reason === null) next = 'stock_short';
      else if (!isShort && r.exception_reason === 'stock_short') next = null;
      if (next === r.exception_reason) continue;
      const queue = queueOf({ status: r.status, financialStatus: r.financial_status, fulfillmentStatus: r.fulfillment_status, onHold: r.on_hold === 1, readyToPack: r.ready_to_pack === 1, exceptionReason: next });
      const at = Date.parse(r.updated_at) >= Date.parse(now) ? new Date(Date.parse(r.updated_at) + 1).toISOString() : now;
      update.run(next, queue, deps.keepUpdatedAt ? r.updated_at : at, id);
      const missing = short.get(id) ?? [];
      insertEvent.run(
        id,
        at,
        isShort
          ? `Not enough stock: ${missing.map((m) => `${skus.get(m.variantId) ?? `variant ${m.variantId}`} needs ${m.needed}, ${m.available} available`).join('; ')}`
          : 'Stock now covers this order',
        userId,
      );
      changedOrderIds.push(id);
    }
    if (changedOrderIds.length) {
      // The next orders.changed names them, whoever sends it (orders/changed-ids.ts).
      noteAllocationMoves(sqlite, changedOrderIds);
      deps.audit.record({ at: now, userId, action: 'orders.allocate', entityType: 'order', entityId: null, detail: { scope, openOrders: orders.length, short: short.size, changed: changedOrderIds.length } });
    }
    return { openOrders: orders.length, short: short.size, changedOrderIds };
  }

  function runAll(userId: number | null, extra: OrderStateRow[] = []): AllocationRunResult {
    return sqlite.transaction(() => {
      const stock = new Map<number, number>();
      for (const s of onHandAll.all()) stock.set(s.variant_id, s.on_hand);
      return decide(allNeeds.all(), stock, extra, userId, 'all');
    })();
  }

  return {
    /** Re-evaluates every open order; returns what moved. `userId` is who caused the run (null: the system). */
    run(userId: number | null = null): AllocationRunResult {
      return runAll(userId);
    },

    /** Re-evaluates only the open orders a change of these variants/orders can reach (see above); a wide reach falls back to `run`. */
    runFor(scope: AllocationScope, userId: number | null = null, limit = SCOPED_LIMIT): AllocationRunResult {
      return sqlite.transaction(() => {
        const variants = new Set<number>(scope.variantIds ?? []);
        const extra: OrderStateRow[] = [];
        for (const id of new Set(scope.orderIds ?? [])) {
          for (const v of variantsOf.all(id)) variants.add(v.variant_id);
          // A short order whose demand went away must still leave "Not enough stock".
          const s = stateOf.get(id);
          if (s?.exception_reason === 'stock_short') extra.push(s);
        }
        const orderNeeds = new Map<number, NeedRow[]>();
        let frontier = [...variants];
        while (frontier.length) {
          const next: number[] = [];
          for (const v of frontier) {
            for (const { order_id } of wanting.all(v)) {
              if (orderNeeds.has(order_id)) continue;
              if (orderNeeds.size >= limit) return runAll(userId, extra);
              const needs = needsOf.all(order_id);
              orderNeeds.set(order_id, needs);
              for (const n of needs) if (!variants.has(n.variant_id)) {
                variants.add(n.variant_id);
                next.push(n.variant_id);
              }
            }
          }
          frontier = next;
        }
        if (orderNeeds.size === 0 && extra.length === 0) return { openOrders: 0, short: 0, changedOrderIds: [] };
        const rows = [...orderNeeds.values()]
          .filter((n) => n.length > 0)
          .sort((a, b) => (a[0]!.created_at < b[0]!.created_at ? -1 : a[0]!.created_at > b[0]!.created_at ? 1 : a[0]!.id - b[0]!.id))
          .flat();
        const stock = new Map<number, number>();
        for (const v of variants) stock.set(v, onHandOne.get(v)?.on_hand ?? 0);
        return decide(rows, stock, extra, userId, 'changed');
      })();
    },
  };
}
export type Allocation = ReturnType<typeof createAllocation>;
