import { allocate, type AllocationOrder } from '../../../src-shared/allocation';
import type { AllocationRunResult } from '../../../src-shared/contract';
import { queueOf, type ExceptionReason, type FinancialStatus, type FulfillmentStatus, type OrderStatus } from '../../../src-shared/orders';
import type { CoreContext } from '../context';

const OPEN_QUEUES = "('new','ready_to_pack','partially_fulfilled','on_hold','exceptions')";

interface NeedRow {
  id: number;
  name: string;
  status: OrderStatus;
  financial_status: FinancialStatus;
  fulfillment_status: FulfillmentStatus;
  on_hold: number;
  ready_to_pack: number;
  exception_reason: ExceptionReason | null;
  updated_at: string;
  variant_id: number;
  sku: string | null;
  need: number;
}

/**
 * Runs the allocation rule (src-shared/allocation.ts) over every open order
 * with something left to ship and moves orders into or out of Exceptions
 * ("Not enough stock"). Payment, address and sync exceptions take precedence
 * and are left alone. Call inside the transaction of the change that moved
 * stock or demand (a cancel, a restock), or on its own.
 */
export function createAllocation(ctx: CoreContext) {
  const { sqlite } = ctx;
  // The open queues are an index range (orders_q_created), so this reads only open orders.
  const needs = sqlite.prepare<[], NeedRow>(
    `SELECT o.id, o.name, o.status, o.financial_status, o.fulfillment_status, o.on_hold, o.ready_to_pack, o.exception_reason, o.updated_at,
            l.variant_id, l.sku, (l.quantity - l.fulfilled_quantity - l.refunded_quantity) AS need
       FROM orders o JOIN order_lines l ON l.order_id = o.id
      WHERE o.queue IN ${OPEN_QUEUES} AND o.status = 'open' AND l.variant_id IS NOT NULL AND l.requires_shipping = 1
        AND l.quantity - l.fulfilled_quantity - l.refunded_quantity > 0
      ORDER BY o.created_at, o.id`,
  );
  const onHand = sqlite.prepare<[], { variant_id: number; on_hand: number }>(
    `SELECT s.variant_id, sum(max(s.on_hand, 0)) AS on_hand FROM stock_levels s JOIN locations l ON l.id = s.location_id AND l.active = 1 GROUP BY s.variant_id`,
  );
  const update = sqlite.prepare('UPDATE orders SET exception_reason = ?, queue = ?, updated_at = ? WHERE id = ?');
  const insertEvent = sqlite.prepare("INSERT INTO order_events(order_id, at, kind, message, user_id) VALUES (?, ?, 'stock', ?, ?)");

  return {
    /** Re-evaluates every open order; returns what moved. `userId` is who caused the run (null: the system). */
    run(userId: number | null = null): AllocationRunResult {
      return sqlite.transaction(() => {
        const rows = needs.all();
        const orders: AllocationOrder[] = [];
        const byId = new Map<number, NeedRow>();
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
        const stock = new Map<number, number>();
        for (const s of onHand.all()) stock.set(s.variant_id, s.on_hand);
        const { short } = allocate(stock, orders);

        const now = ctx.clock.now().toISOString();
        const changedOrderIds: number[] = [];
        for (const [id, r] of byId) {
          const isShort = short.has(id);
          let next: ExceptionReason | null = r.exception_reason;
          if (isShort && r.exception_reason === null) next = 'stock_short';
          else if (!isShort && r.exception_reason === 'stock_short') next = null;
          if (next === r.exception_reason) continue;
          const queue = queueOf({ status: r.status, financialStatus: r.financial_status, fulfillmentStatus: r.fulfillment_status, onHold: r.on_hold === 1, readyToPack: r.ready_to_pack === 1, exceptionReason: next });
          const at = Date.parse(r.updated_at) >= Date.parse(now) ? new Date(Date.parse(r.updated_at) + 1).toISOString() : now;
          update.run(next, queue, at, id);
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
          ctx.audit.record({ at: now, userId, action: 'orders.allocate', entityType: 'order', entityId: null, detail: { openOrders: orders.length, short: short.size, changed: changedOrderIds.length } });
        }
        return { openOrders: orders.length, short: short.size, changedOrderIds };
      })();
    },
  };
}
export type Allocation = ReturnType<typeof createAllocation>;
