import { OmsError, type PackOrder } from '../../../src-shared/contract';
import type { Queue } from '../../../src-shared/orders';
import type { Sqlite } from '../../db/open';
import { remainingOf } from './fulfil';
import { createLocationPicker } from './pick-location';

interface Row {
  id: number;
  number: number;
  name: string;
  customer_name: string;
  ship_name: string | null;
  ship_city: string | null;
  ship_country: string | null;
  queue: Queue;
  status: string;
  on_hold: number;
  hold_reason: string | null;
  exception_reason: string | null;
  fulfillment_status: string;
  updated_at: string;
}

/** Order numbers as typed or scanned: "1234", "#1234", " 1234\n", "ORDER-1234" (a slip barcode). */
export function parseOrderNumber(raw: string): { number: number } | { name: string } {
  const t = raw.trim();
  const m = /^(?:#|ORDER-|ORD-)?0*(\d{1,12})$/i.exec(t);
  if (m) return { number: Number(m[1]) };
  return { name: t };
}

/** The pack station's order: lines with barcode, SKU and the bin at the location it will ship from. */
export function createPackLookup(sqlite: Sqlite) {
  const cols = 'id, number, name, customer_name, ship_name, ship_city, ship_country, queue, status, on_hold, hold_reason, exception_reason, fulfillment_status, updated_at';
  const byNumber = sqlite.prepare<[number], Row>(`SELECT ${cols} FROM orders WHERE number = ?`);
  const byName = sqlite.prepare<[string], Row>(`SELECT ${cols} FROM orders WHERE name = ? LIMIT 1`);
  const lines = sqlite.prepare<[number], { id: number; variant_id: number | null; sku: string | null; barcode: string | null; title: string; variant_title: string | null; quantity: number; fulfilled_quantity: number; refunded_quantity: number }>(
    `SELECT l.id, l.variant_id, coalesce(l.sku, v.sku) AS sku, v.barcode, l.title, l.variant_title, l.quantity, l.fulfilled_quantity, l.refunded_quantity
       FROM order_lines l LEFT JOIN variants v ON v.id = l.variant_id WHERE l.order_id = ? ORDER BY l.id`,
  );
  const bin = sqlite.prepare<[number, number], { bin: string | null }>('SELECT bin FROM stock_levels WHERE variant_id = ? AND location_id = ?');
  const pickLocation = createLocationPicker(sqlite);

  return function findForPacking(raw: string): PackOrder {
    const key = parseOrderNumber(raw);
    const o = 'number' in key ? byNumber.get(key.number) : byName.get(key.name);
    if (!o) throw new OmsError('NOT_FOUND', `No order ${raw.trim()} — check the number on the slip.`, { field: 'number' });
    const all = lines.all(o.id);
    const open = all.map((l) => ({ l, remaining: remainingOf(l) }));
    const location = pickLocation(open.filter((x) => x.remaining > 0).map((x) => ({ variantId: x.l.variant_id, quantity: x.remaining })));
    let blocked: string | null = null;
    if (o.status === 'cancelled') blocked = 'This order was cancelled. Do not ship it.';
    else if (o.fulfillment_status === 'fulfilled') blocked = 'This order has already shipped in full.';
    else if (o.on_hold === 1) blocked = `This order is on hold: ${o.hold_reason ?? 'no reason given'}. Do not ship it.`;
    else if (o.exception_reason === 'payment_failed') blocked = 'The payment for this order failed. Do not ship it.';
    return {
      orderId: o.id,
      number: o.number,
      name: o.name,
      customerName: o.customer_name,
      shipTo: [o.ship_name && o.ship_name !== o.customer_name ? `to ${o.ship_name}` : null, o.ship_city, o.ship_country].filter(Boolean).join(', '),
      queue: o.queue,
      status: o.status,
      onHold: o.on_hold === 1,
      holdReason: o.hold_reason,
      updatedAt: o.updated_at,
      locationId: location?.id ?? null,
      locationName: location?.name ?? null,
      lines: open.map(({ l, remaining }) => ({
        lineId: l.id,
        sku: l.sku,
        barcode: l.barcode,
        title: l.title,
        variantTitle: l.variant_title,
        bin: l.variant_id !== null && location ? (bin.get(l.variant_id, location.id)?.bin ?? null) : null,
        quantity: l.quantity,
        remaining,
      })),
      blocked,
    };
  };
}
