import { OmsError } from '../../../src-shared/contract/errors';
import type { Sqlite } from '../../db/open';
import type { LineFacts, OrderFacts } from './judge';

/** Returns still counting against an order: everything not rejected that has not become a refund row (those count as refunds). */
const OPEN = "r.status <> 'rejected' AND r.refund_id IS NULL";

/**
 * (Every sub-query starts from the order's own fulfilments, refunds and returns
 * through their order indexes: fulfilment_lines and refund_lines have no index
 * on the order line, and a scan of them costs ~100 ms at 200,000 orders.)
 *
 * Loads what the return rules need about an order: lines with product type and
 * tags, fulfilled units and when they shipped (or were delivered, when the
 * store knows), and what was already refunded or is promised by open returns.
 */
export function createOrderFacts(sqlite: Sqlite) {
  const order = sqlite.prepare<[number], { id: number; name: string; currency: string; total_minor: number; refunded_minor: number; shipping_minor: number; tax_minor: number; customer_id: number | null; status: string }>(
    'SELECT id, name, currency, total_minor, refunded_minor, shipping_minor, tax_minor, customer_id, status FROM orders WHERE id = ?',
  );
  const lines = sqlite.prepare(
    `SELECT l.id, l.title, l.sku, coalesce(l.product_type, p.product_type) AS product_type, coalesce(p.tags, '') AS tags,
            l.quantity, l.price_minor, l.discount_minor, l.tax_minor, l.fulfilled_quantity, l.refunded_quantity,
            (SELECT coalesce(sum(rl.quantity), 0) FROM refunds f JOIN refund_lines rl ON rl.refund_id = f.id AND rl.order_line_id = l.id WHERE f.order_id = l.order_id) AS refund_qty,
            (SELECT coalesce(sum(rl.amount_minor), 0) FROM refunds f JOIN refund_lines rl ON rl.refund_id = f.id AND rl.order_line_id = l.id WHERE f.order_id = l.order_id) AS refund_amount,
            (SELECT coalesce(sum(x.quantity), 0) FROM return_lines x JOIN returns r ON r.id = x.return_id WHERE x.order_line_id = l.id AND ${OPEN} AND x.verdict <> 'not_eligible') AS open_qty,
            (SELECT coalesce(sum(x.refund_minor - x.shipping_minor + x.label_minor), 0) FROM return_lines x JOIN returns r ON r.id = x.return_id WHERE x.order_line_id = l.id AND ${OPEN}) AS open_amount,
            (SELECT max(f.created_at) FROM fulfilments f JOIN fulfilment_lines fl ON fl.fulfilment_id = f.id AND fl.order_line_id = l.id WHERE f.order_id = l.order_id AND f.status = 'success') AS fulfilled_at,
            (SELECT max(f.delivered_at) FROM fulfilments f JOIN fulfilment_lines fl ON fl.fulfilment_id = f.id AND fl.order_line_id = l.id WHERE f.order_id = l.order_id AND f.status = 'success') AS delivered_at
       FROM order_lines l
       LEFT JOIN variants v ON v.id = l.variant_id
       LEFT JOIN products p ON p.id = v.product_id
      WHERE l.order_id = ? ORDER BY l.id`,
  );
  const refundedOnOrder = sqlite.prepare<[number], { s: number }>('SELECT coalesce(sum(amount_minor), 0) AS s FROM refunds WHERE order_id = ?');
  const openOnOrder = sqlite.prepare<[number], { s: number; shipping: number }>(
    `SELECT coalesce(sum(CASE WHEN ${OPEN} THEN r.total_minor ELSE 0 END), 0) AS s,
            coalesce(sum(CASE WHEN r.status <> 'rejected' THEN r.shipping_refund_minor ELSE 0 END), 0) AS shipping
       FROM returns r WHERE r.order_id = ?`,
  );

  return function orderFacts(orderId: number): OrderFacts & { customerId: number | null; orderStatus: string } {
    const o = order.get(orderId);
    if (!o) throw new OmsError('NOT_FOUND', `Order ${orderId} does not exist.`, { field: 'orderId' });
    const rows = lines.all(orderId) as {
      id: number; title: string; sku: string | null; product_type: string | null; tags: string; quantity: number; price_minor: number;
      discount_minor: number; tax_minor: number; fulfilled_quantity: number; refunded_quantity: number; refund_qty: number; refund_amount: number;
      open_qty: number; open_amount: number; fulfilled_at: string | null; delivered_at: string | null;
    }[];
    const lineFacts: LineFacts[] = rows.map((r) => ({
      id: r.id,
      title: r.title,
      sku: r.sku,
      productType: r.product_type,
      tags: r.tags.split(',').map((t) => t.trim()).filter(Boolean),
      quantity: r.quantity,
      priceMinor: r.price_minor,
      discountMinor: r.discount_minor,
      taxMinor: r.tax_minor,
      fulfilledQuantity: r.fulfilled_quantity,
      returnedQuantity: Math.max(r.refunded_quantity, r.refund_qty) + r.open_qty,
      returnedMinor: r.refund_amount + r.open_amount,
      startedAt: r.delivered_at ?? r.fulfilled_at,
      startedKind: r.delivered_at ? 'delivered' : 'fulfilled',
    }));
    const open = openOnOrder.get(orderId) ?? { s: 0, shipping: 0 };
    const lineTax = rows.reduce((s, r) => s + r.tax_minor, 0);
    return {
      orderId: o.id,
      orderName: o.name,
      currency: o.currency,
      totalMinor: o.total_minor,
      returnedMinor: Math.max(o.refunded_minor, refundedOnOrder.get(orderId)?.s ?? 0) + open.s,
      shippingMinor: o.shipping_minor,
      shippingTaxMinor: Math.max(0, o.tax_minor - lineTax),
      shippingReturnedMinor: open.shipping,
      lines: lineFacts,
      customerId: o.customer_id,
      orderStatus: o.status,
    };
  };
}
export type OrderFactsLoader = ReturnType<typeof createOrderFacts>;
