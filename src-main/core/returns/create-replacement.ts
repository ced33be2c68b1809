import { derivedException, queueOf } from '../../../src-shared/orders';
import { OmsError } from '../../../src-shared/contract/errors';
import type { CoreContext } from '../context';
import { createAllocation } from '../order-actions/allocation';
import { allocate } from '../../../src-shared/returns/allocate';
import { createOutbox } from '../outbox/outbox';
import { createSearchIndexer } from '../orders/search-index';

/** Replacement orders live in their own number range so they never collide with the shop platform's order numbers. */
export const REPLACEMENT_NUMBER_BASE = 900_000_000;

export interface ReplacementLine {
  /** The returned order line being replaced. */
  orderLineId: number;
  quantity: number;
  /** Another variant (e.g. the next size); default: the same one. */
  variantId?: number | undefined;
}

export interface Replacement {
  id: number;
  name: string;
  /** New items' prices minus the returned items' (list prices, before tax): + the customer owes it, − it is due back. */
  differenceMinor: number;
}

/** Outbox key of a return's replacement order: one order on the platform per return, however often it is sent. */
export const replacementKey = (returnId: number) => `order:exchange:${returnId}`;

/**
 * An exchange's replacement order, for the same customer and address, in its
 * own number range. The returned items are a credit worth their list price
 * (the discount the customer had on them carries over), spread over the new
 * lines as a discount: an even exchange costs nothing; a dearer item leaves the
 * difference to pay (the order waits in "payment pending" until it is paid); a
 * cheaper one leaves a difference the caller refunds. On a shop platform the
 * order is queued for it (kind order.create, keyed per return, so it is created
 * there once even when sent again after a crash). Runs inside the caller's
 * transaction.
 */
export function createReplacementOrders(ctx: CoreContext) {
  const { sqlite } = ctx;
  const indexer = createSearchIndexer(sqlite);
  // The replacement wants stock like any new order: not enough of it → Exceptions, "Not enough stock".
  const allocation = createAllocation(ctx);
  const original = sqlite.prepare('SELECT * FROM orders WHERE id = ?');
  const line = sqlite.prepare<[number], { id: number; variant_id: number | null; sku: string | null; title: string; variant_title: string | null; product_type: string | null; price_minor: number; requires_shipping: number }>(
    'SELECT id, variant_id, sku, title, variant_title, product_type, price_minor, requires_shipping FROM order_lines WHERE id = ?',
  );
  const variant = sqlite.prepare<[number], { id: number; sku: string | null; title: string | null; product_title: string; product_type: string | null; price_minor: number; currency: string }>(
    'SELECT v.id, v.sku, v.title, p.title AS product_title, p.product_type, v.price_minor, v.currency FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?',
  );
  const nextNumber = sqlite.prepare<[number, number], { n: number }>('SELECT coalesce(max(number), ?) + 1 AS n FROM orders WHERE number > ?');
  const insertOrder = sqlite.prepare(
    `INSERT INTO orders (platform, external_id, number, name, customer_id, customer_name, email, phone, currency, subtotal_minor, discount_minor, shipping_minor, tax_minor, total_minor,
        refunded_minor, financial_status, fulfillment_status, status, on_hold, ready_to_pack, exception_reason, queue, tags, note, item_count,
        ship_name, ship_company, ship_address1, ship_address2, ship_city, ship_postcode, ship_region, ship_country, ship_phone, created_at, updated_at)
     VALUES (@platform, NULL, @number, @name, @customer_id, @customer_name, @email, @phone, @currency, @subtotal, @discount, 0, 0, @total,
        0, @financial, 'unfulfilled', 'open', 0, 0, @exception, @queue, 'exchange', @note, @items,
        @ship_name, @ship_company, @ship_address1, @ship_address2, @ship_city, @ship_postcode, @ship_region, @ship_country, @ship_phone, @at, @at)`,
  );
  const insertLine = sqlite.prepare(
    `INSERT INTO order_lines (order_id, variant_id, sku, title, variant_title, product_type, quantity, price_minor, discount_minor, tax_minor, requires_shipping)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  const insertTag = sqlite.prepare("INSERT INTO order_tags (tag, order_id) VALUES ('exchange', ?)");
  const insertEvent = sqlite.prepare("INSERT INTO order_events (order_id, at, kind, message, user_id) VALUES (?, ?, 'created', ?, ?)");
  const customerExt = sqlite.prepare<[number], { external_id: string | null }>('SELECT external_id FROM customers WHERE id = ?');
  const outbox = createOutbox(sqlite);

  return function createReplacement(orderId: number, returnId: number, rmaNumber: string, lines: ReplacementLine[], userId: number, at: string): Replacement {
    const o = original.get(orderId) as Record<string, string | number | null> | undefined;
    if (!o) throw new OmsError('NOT_FOUND', `Order ${orderId} does not exist.`);
    const items = lines.map((l, i) => {
      const src = line.get(l.orderLineId);
      if (!src) throw new OmsError('VALIDATION', `exchange.${i}: line ${l.orderLineId} is not on the order`, { field: `exchange.${i}` });
      if (l.variantId === undefined || l.variantId === src.variant_id) return { ...src, quantity: l.quantity, credit_minor: src.price_minor };
      const v = variant.get(l.variantId);
      if (!v) throw new OmsError('VALIDATION', `exchange.${i}.variantId: variant ${l.variantId} does not exist`, { field: `exchange.${i}.variantId` });
      if (v.currency !== o.currency) throw new OmsError('VALIDATION', `exchange.${i}.variantId: that item is priced in ${v.currency}, the order in ${String(o.currency)}`, { field: `exchange.${i}.variantId` });
      return { variant_id: v.id, sku: v.sku, title: v.product_title, variant_title: v.title, product_type: v.product_type, price_minor: v.price_minor, requires_shipping: 1, quantity: l.quantity, credit_minor: src.price_minor };
    });
    const subtotal = items.reduce((s, l) => s + l.price_minor * l.quantity, 0);
    const credit = items.reduce((s, l) => s + l.credit_minor * l.quantity, 0);
    const discounts = allocate(Math.min(credit, subtotal), items.map((l) => l.price_minor * l.quantity));
    const total = Math.max(0, subtotal - credit);
    const financial = total > 0 ? 'pending' : 'paid';
    const platform = (o.platform as string | null) ?? null;
    const number = nextNumber.get(REPLACEMENT_NUMBER_BASE, REPLACEMENT_NUMBER_BASE)?.n ?? REPLACEMENT_NUMBER_BASE + 1;
    const name = `#R${number - REPLACEMENT_NUMBER_BASE}`;
    const ship = { address1: o.ship_address1 as string | null, city: o.ship_city as string | null, postcode: o.ship_postcode as string | null, country: o.ship_country as string | null };
    const exception = derivedException(financial, ship, true);
    const queue = queueOf({ status: 'open', financialStatus: financial, fulfillmentStatus: 'unfulfilled', onHold: false, readyToPack: false, exceptionReason: exception });
    const id = Number(
      insertOrder.run({
        platform,
        number,
        name,
        discount: Math.min(credit, subtotal),
        total,
        financial,
        customer_id: o.customer_id,
        customer_name: o.customer_name,
        email: o.email,
        phone: o.phone,
        currency: o.currency,
        subtotal,
        exception,
        queue,
        note: `Replacement for ${rmaNumber} (order ${String(o.name)}).`,
        items: items.reduce((s, l) => s + l.quantity, 0),
        ship_name: o.ship_name,
        ship_company: o.ship_company,
        ship_address1: o.ship_address1,
        ship_address2: o.ship_address2,
        ship_city: o.ship_city,
        ship_postcode: o.ship_postcode,
        ship_region: o.ship_region,
        ship_country: o.ship_country,
        ship_phone: o.ship_phone,
        at,
      }).lastInsertRowid,
    );
    items.forEach((l, k) => insertLine.run(id, l.variant_id, l.sku, l.title, l.variant_title, l.product_type, l.quantity, l.price_minor, discounts[k] ?? 0, l.requires_shipping));
    insertTag.run(id);
    insertEvent.run(id, at, `Replacement order for ${rmaNumber} (exchange on ${String(o.name)})${total > 0 ? `; awaiting payment of the price difference` : ''}.`, userId);
    indexer.reindexOrders([id]);
    if (platform) {
      outbox.enqueue({
        platform,
        kind: 'order.create',
        entityType: 'order',
        entityId: id,
        idempotencyKey: replacementKey(returnId),
        at,
        payload: {
          orderId: id,
          name,
          currency: o.currency,
          email: o.email,
          customerExternalId: o.customer_id != null ? (customerExt.get(Number(o.customer_id))?.external_id ?? null) : null,
          note: `Replacement for ${rmaNumber} (order ${String(o.name)}).`,
          tags: ['exchange', rmaNumber],
          financialStatus: total > 0 ? 'PENDING' : 'PAID',
          // Not "lines": those are existing order lines to the drain; these are new items by variant.
          items: items.map((l, k) => ({ variantId: l.variant_id, quantity: l.quantity, priceMinor: l.price_minor, discountMinor: discounts[k] ?? 0, title: l.title, sku: l.sku })),
          discountMinor: Math.min(credit, subtotal),
          shippingAddress: { name: o.ship_name, company: o.ship_company, address1: o.ship_address1, address2: o.ship_address2, city: o.ship_city, zip: o.ship_postcode, province: o.ship_region, countryCode: o.ship_country, phone: o.ship_phone },
        },
      });
    }
    allocation.runFor({ orderIds: [id] }, userId);
    return { id, name, differenceMinor: subtotal - credit };
  };
}
