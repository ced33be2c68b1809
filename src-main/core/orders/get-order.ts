import { OmsError } from '../../../src-shared/contract';
import type { OrderDetail } from '../../../src-shared/orders';
import type { Sqlite } from '../../db/open';
import { toSummary } from './summary-row';

/** One order with everything the detail screen shows, in a handful of indexed reads. */
export function createGetOrder(sqlite: Sqlite) {
  const order = sqlite.prepare('SELECT * FROM orders WHERE id = ?');
  const lines = sqlite.prepare(
    `SELECT l.id, l.sku, l.title, l.variant_title, l.quantity, l.fulfilled_quantity, l.refunded_quantity,
            l.price_minor, l.discount_minor, l.tax_minor, v.barcode
       FROM order_lines l LEFT JOIN variants v ON v.id = l.variant_id WHERE l.order_id = ? ORDER BY l.id`,
  );
  const customer = sqlite.prepare(
    `SELECT c.id, c.first_name, c.last_name, c.email, c.phone,
            (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS order_count
       FROM customers c WHERE c.id = ?`,
  );
  const fulfilments = sqlite.prepare(
    `SELECT f.id, f.created_at, f.status, f.tracking_company, f.tracking_number, loc.name AS location_name
       FROM fulfilments f LEFT JOIN locations loc ON loc.id = f.location_id WHERE f.order_id = ? ORDER BY f.created_at`,
  );
  const fulfilmentLines = sqlite.prepare(
    'SELECT fl.fulfilment_id, fl.order_line_id, fl.quantity FROM fulfilment_lines fl JOIN fulfilments f ON f.id = fl.fulfilment_id WHERE f.order_id = ?',
  );
  const refunds = sqlite.prepare('SELECT id, created_at, amount_minor, currency, reason FROM refunds WHERE order_id = ? ORDER BY created_at');
  const events = sqlite.prepare(
    `SELECT e.at, e.kind, e.message, u.display_name AS user FROM order_events e LEFT JOIN users u ON u.id = e.user_id
      WHERE e.order_id = ? ORDER BY e.at DESC, e.id DESC`,
  );

  return function getOrder(id: number): OrderDetail {
    const o = order.get(id) as Record<string, unknown> | undefined;
    if (!o) throw new OmsError('NOT_FOUND', `Order ${id} does not exist.`);
    const s = (k: string) => (o[k] as string | null) ?? null;
    const n = (k: string) => o[k] as number;

    const c = o.customer_id
      ? (customer.get(o.customer_id) as { id: number; first_name: string | null; last_name: string | null; email: string | null; phone: string | null; order_count: number } | undefined)
      : undefined;
    const fLines = fulfilmentLines.all(id) as { fulfilment_id: number; order_line_id: number; quantity: number }[];

    return {
      ...toSummary(o as never),
      status: o.status as OrderDetail['status'],
      phone: s('phone'),
      note: s('note'),
      onHold: n('on_hold') === 1,
      holdReason: s('hold_reason'),
      subtotalMinor: n('subtotal_minor'),
      discountMinor: n('discount_minor'),
      shippingMinor: n('shipping_minor'),
      taxMinor: n('tax_minor'),
      refundedMinor: n('refunded_minor'),
      payment: { gateway: s('gateway'), cardBrand: s('card_brand'), cardLast4: s('card_last4') },
      customer: c
        ? { id: c.id, name: [c.first_name, c.last_name].filter(Boolean).join(' '), email: c.email, phone: c.phone, orderCount: c.order_count }
        : null,
      shippingAddress:
        s('ship_address1') || s('ship_name') || s('ship_city')
          ? {
              name: s('ship_name'),
              company: s('ship_company'),
              address1: s('ship_address1'),
              address2: s('ship_address2'),
              city: s('ship_city'),
              postcode: s('ship_postcode'),
              region: s('ship_region'),
              country: s('ship_country'),
              phone: s('ship_phone'),
            }
          : null,
      lines: (lines.all(id) as Record<string, unknown>[]).map((l) => ({
        id: l.id as number,
        sku: l.sku as string | null,
        title: l.title as string,
        variantTitle: l.variant_title as string | null,
        quantity: l.quantity as number,
        fulfilledQuantity: l.fulfilled_quantity as number,
        refundedQuantity: l.refunded_quantity as number,
        priceMinor: l.price_minor as number,
        discountMinor: l.discount_minor as number,
        taxMinor: l.tax_minor as number,
        barcode: l.barcode as string | null,
      })),
      fulfilments: (fulfilments.all(id) as Record<string, unknown>[]).map((f) => ({
        id: f.id as number,
        createdAt: f.created_at as string,
        status: f.status as string,
        locationName: f.location_name as string | null,
        trackingCompany: f.tracking_company as string | null,
        trackingNumber: f.tracking_number as string | null,
        lines: fLines.filter((fl) => fl.fulfilment_id === f.id).map((fl) => ({ lineId: fl.order_line_id, quantity: fl.quantity })),
      })),
      refunds: (refunds.all(id) as Record<string, unknown>[]).map((r) => ({
        id: r.id as number,
        createdAt: r.created_at as string,
        amountMinor: r.amount_minor as number,
        currency: r.currency as string,
        reason: r.reason as string | null,
      })),
      timeline: (events.all(id) as { at: string; kind: string; message: string; user: string | null }[]).map((e) => ({ ...e })),
      cancelledAt: s('cancelled_at'),
      updatedAt: s('updated_at') ?? s('created_at') ?? '',
      platform: s('platform'),
      externalId: s('external_id'),
    };
  };
}
