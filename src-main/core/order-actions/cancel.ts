import { OmsError } from '../../../src-shared/contract';
import type { CoreContext } from '../context';
import { createOutbox } from '../outbox/outbox';
import { createStockLedger } from '../stock/ledger';
import type { OrderAction } from './order-writer';

/**
 * Cancel. Unshipped items were never taken off the shelf (stock only moves
 * out on fulfilment), so cancelling simply releases what the order reserved.
 * `restock` is about units already shipped on a partly fulfilled order that
 * came back: they go back to the location they left from, through the ledger
 * (less any a return already restocked). Fully shipped orders go through a return.
 */
export function createCancel(ctx: CoreContext) {
  const { sqlite } = ctx;
  const ledger = createStockLedger(sqlite);
  const outbox = createOutbox(sqlite);
  const setCancelled = sqlite.prepare('UPDATE orders SET cancelled_at = ?, cancel_reason = ? WHERE id = ?');
  const shipped = sqlite.prepare<[number], { line_id: number; variant_id: number | null; sku: string | null; location_id: number | null; quantity: number }>(
    `SELECT fl.order_line_id AS line_id, l.variant_id, l.sku, f.location_id, fl.quantity
       FROM fulfilment_lines fl JOIN fulfilments f ON f.id = fl.fulfilment_id JOIN order_lines l ON l.id = fl.order_line_id
      WHERE f.order_id = ? ORDER BY f.id`,
  );
  const restockedByReturns = sqlite.prepare<[number], { line_id: number; quantity: number }>(
    `SELECT rl.order_line_id AS line_id, sum(rl.quantity) AS quantity FROM refund_lines rl JOIN refunds r ON r.id = rl.refund_id
      WHERE r.order_id = ? AND rl.restock = 1 GROUP BY rl.order_line_id`,
  );

  return (reason: string, restock: boolean, reasonCode = 'other'): OrderAction =>
    (row, w) => {
      if (row.status === 'cancelled') throw new OmsError('CONFLICT', `Order ${row.name} is already cancelled.`);
      if (row.fulfillment_status === 'fulfilled') throw new OmsError('CONFLICT', `Order ${row.name} has shipped in full; start a return instead of cancelling.`);
      setCancelled.run(w.at, reason, row.id);
      w.set({ status: 'cancelled', readyToPack: false });

      let restocked = 0;
      if (restock) {
        const already = new Map(restockedByReturns.all(row.id).map((r) => [r.line_id, r.quantity]));
        for (const s of shipped.all(row.id)) {
          const skip = Math.min(already.get(s.line_id) ?? 0, s.quantity);
          already.set(s.line_id, (already.get(s.line_id) ?? 0) - skip);
          const qty = s.quantity - skip;
          if (qty <= 0 || s.variant_id === null || s.location_id === null) continue;
          ledger.move({ variantId: s.variant_id, locationId: s.location_id, delta: qty, reason: 'restock', refType: 'order.cancel', refId: row.id, userId: w.userId, at: w.at });
          restocked += qty;
        }
      }
      if (row.platform) {
        outbox.enqueue({
          platform: row.platform,
          kind: 'order.cancel',
          entityType: 'order',
          entityId: row.id,
          payload: { orderId: row.id, orderExternalId: row.external_id, reason: reasonCode, note: reason, restock },
          idempotencyKey: `orderhouse:${row.platform}:cancel:${row.id}`,
          at: w.at,
        });
      }
      w.event('cancel', `Cancelled: ${reason}${restock ? (restocked ? ` · ${restocked} shipped unit${restocked === 1 ? '' : 's'} restocked` : ' · nothing shipped to restock') : ''}`);
      w.audit('order.cancel', { reason, reasonCode, restock, restocked });
      return true;
    };
}
