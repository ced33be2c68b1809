import { OmsError, type OrderActionResult } from '../../../src-shared/contract';
import {
  derivedException,
  EXCEPTION_LABELS,
  queueOf,
  type ExceptionReason,
  type FinancialStatus,
  type FulfillmentStatus,
  type OrderStatus,
  type Queue,
} from '../../../src-shared/orders';
import type { Caller, CoreContext } from '../context';
import { createOrderQueries } from '../orders/list-orders';
import { eventOrderIds, takeAllocationMoves } from '../orders/changed-ids';

/** The columns an order action reads and may change. */
export interface OrderRow {
  id: number;
  number: number;
  name: string;
  platform: string | null;
  external_id: string | null;
  status: OrderStatus;
  financial_status: FinancialStatus;
  fulfillment_status: FulfillmentStatus;
  on_hold: number;
  hold_reason: string | null;
  ready_to_pack: number;
  exception_reason: ExceptionReason | null;
  queue: Queue;
  tags: string;
  assigned_user_id: number | null;
  ship_address1: string | null;
  ship_city: string | null;
  ship_postcode: string | null;
  ship_country: string | null;
  updated_at: string;
  created_at: string;
}

export interface OrderState {
  status: OrderStatus;
  fulfillmentStatus: FulfillmentStatus;
  onHold: boolean;
  holdReason: string | null;
  readyToPack: boolean;
  exceptionReason: ExceptionReason | null;
}

/** What an action may do to the order it works on, inside the writer's transaction. */
export interface WriteScope {
  at: string;
  userId: number;
  /** Changes to the queue-relevant state; the queue is re-derived from the result. */
  set(patch: Partial<OrderState>): void;
  /** A line on the order's timeline. */
  event(kind: string, message: string): void;
  /** The audit row for this action (one per action; written only if the action changed something). */
  audit(action: string, detail: Record<string, unknown>): void;
}

/** Returns whether anything changed; throws OmsError to refuse (nothing is written). */
export type OrderAction = (row: OrderRow, w: WriteScope) => boolean;

export const stateOf = (r: OrderRow): OrderState => ({
  status: r.status,
  fulfillmentStatus: r.fulfillment_status,
  onHold: r.on_hold === 1,
  holdReason: r.hold_reason,
  readyToPack: r.ready_to_pack === 1,
  exceptionReason: r.exception_reason,
});

/**
 * Exceptions after a change: what the store derives by itself (payment,
 * address) first; otherwise the owner-set ones (stock, sync) stay as they were.
 */
export function reassessException(financial: FinancialStatus, ship: { address1: string | null; city: string | null; postcode: string | null; country: string | null }, requiresShipping: boolean, current: ExceptionReason | null): ExceptionReason | null {
  const derived = derivedException(financial, ship, requiresShipping);
  if (derived) return derived;
  return current === 'stock_short' || current === 'sync_error' ? current : null;
}

/** Refuses work on an order whose state makes it meaningless. */
export function refuseIfClosed(row: OrderRow, doing: string): void {
  if (row.status === 'cancelled') throw new OmsError('CONFLICT', `Order ${row.name} is cancelled; cannot ${doing}.`);
  if (row.fulfillment_status === 'fulfilled') throw new OmsError('CONFLICT', `Order ${row.name} is already fulfilled; cannot ${doing}.`);
}

export function describeException(r: ExceptionReason | null): string {
  return r ? EXCEPTION_LABELS[r] : 'none';
}

/**
 * The one way an order action writes: load the order, check it did not change
 * since the caller read it, apply the action, re-derive the queue, stamp
 * updated_at, write the timeline event and the audit row — all in one
 * transaction (a savepoint when called inside a bulk run's transaction).
 */
export function createOrderWriter(ctx: CoreContext) {
  const { sqlite } = ctx;
  const load = sqlite.prepare<[number], OrderRow>(
    `SELECT id, number, name, platform, external_id, status, financial_status, fulfillment_status, on_hold, hold_reason,
            ready_to_pack, exception_reason, queue, tags, assigned_user_id, ship_address1, ship_city, ship_postcode, ship_country,
            updated_at, created_at
       FROM orders WHERE id = ?`,
  );
  const saveState = sqlite.prepare(
    `UPDATE orders SET status = @status, fulfillment_status = @fulfillmentStatus, on_hold = @onHold, hold_reason = @holdReason,
            ready_to_pack = @readyToPack, exception_reason = @exceptionReason, queue = @queue, updated_at = @at WHERE id = @id`,
  );
  const insertEvent = sqlite.prepare('INSERT INTO order_events(order_id, at, kind, message, user_id) VALUES (?, ?, ?, ?, ?)');
  const touch = sqlite.prepare('UPDATE orders SET updated_at = ? WHERE id = ?');
  const queries = createOrderQueries(sqlite);

  /** Strictly after the order's last change, so `expectedUpdatedAt` always tells two writes apart. */
  function stampAfter(previous: string): string {
    const now = ctx.clock.now().getTime();
    const prev = Date.parse(previous);
    return new Date(Number.isFinite(prev) && prev >= now ? prev + 1 : now).toISOString();
  }

  function loadOrder(orderId: number, expectedUpdatedAt?: string): OrderRow {
    const row = load.get(orderId);
    if (!row) throw new OmsError('NOT_FOUND', `Order ${orderId} does not exist.`, { field: 'orderId' });
    if (expectedUpdatedAt !== undefined && Date.parse(expectedUpdatedAt) !== Date.parse(row.updated_at)) {
      const what = row.status === 'cancelled' ? 'was cancelled' : 'was changed by someone else or by a sync';
      throw new OmsError('CONFLICT', `Order ${row.name} ${what} since you opened it; nothing was changed. Reload it and try again.`, { field: 'expectedUpdatedAt' });
    }
    return row;
  }

  function applyInTx(orderId: number, caller: Caller, expectedUpdatedAt: string | undefined, action: OrderAction): OrderActionResult {
    const row = loadOrder(orderId, expectedUpdatedAt);
    const at = stampAfter(row.updated_at);
    const state = stateOf(row);
    const events: [string, string][] = [];
    let audit: [string, Record<string, unknown>] | null = null;
    const changed = action(row, {
      at,
      userId: caller.userId,
      set: (patch) => Object.assign(state, patch),
      event: (kind, message) => events.push([kind, message]),
      audit: (a, detail) => {
        audit = [a, detail];
      },
    });
    if (!changed) return { orderId, changed: false, queue: row.queue, updatedAt: row.updated_at };
    const queue = queueOf({ ...state, financialStatus: row.financial_status });
    const before = stateOf(row);
    const stateChanged = (Object.keys(state) as (keyof OrderState)[]).some((k) => state[k] !== before[k]);
    // Tags, notes, address, assignment leave the queue state alone: touching only updated_at
    // (not indexed) spares the queue indexes — what keeps a 10,000-order bulk tag fast at 1M orders.
    if (!stateChanged) touch.run(at, orderId);
    else saveState.run({
      id: orderId,
      status: state.status,
      fulfillmentStatus: state.fulfillmentStatus,
      onHold: state.onHold ? 1 : 0,
      holdReason: state.holdReason,
      readyToPack: state.readyToPack ? 1 : 0,
      exceptionReason: state.exceptionReason,
      queue,
      at,
    });
    for (const [kind, message] of events) insertEvent.run(orderId, at, kind, message, caller.userId);
    const a = audit as [string, Record<string, unknown>] | null;
    if (a) ctx.audit.record({ at, userId: caller.userId, action: a[0], entityType: 'order', entityId: orderId, detail: { order: row.name, ...a[1], ...(queue !== row.queue ? { queue: [row.queue, queue] } : {}) } });
    return { orderId, changed: true, queue, updatedAt: at };
  }

  return {
    loadOrder,
    stampAfter,
    /** Runs one action in its own transaction (savepoint if a transaction is open). */
    apply(orderId: number, caller: Caller, expectedUpdatedAt: string | undefined, action: OrderAction): OrderActionResult {
      return sqlite.transaction(() => applyInTx(orderId, caller, expectedUpdatedAt, action))();
    },
    /** Tells every window that these orders, any that allocation moved meanwhile, and the queue counts changed. */
    changed(orderIds: number[]): void {
      ctx.emit('orders.changed', { counts: queries.counts(), exceptionCounts: queries.exceptionCounts(), orderIds: eventOrderIds(orderIds, takeAllocationMoves(sqlite)) });
    },
  };
}
export type OrderWriter = ReturnType<typeof createOrderWriter>;
