import { derivedException, queueOf, type FulfillmentStatus, type OrderStatus } from '../../../src-shared/orders';
import { deliveredAt, makeTracking } from './carriers';
import type { CatalogVariant } from './catalog';
import { centsToMinor } from './catalog';
import type { CustomerRecord } from './customers';
import { decideFate } from './fate';
import { FIRST_NAMES, SURNAMES } from './names';
import { COUNTRIES, type City, type Country } from './places';
import { lineRefund, priceOrder, type PricedLine } from './pricing';
import type { AliasTable, Rng } from './random';
import { DAY_MS, type Promotion } from './seasonality';
import type { Inserts } from './statements';
import { LOCATIONS } from './stock';
import { isoTime as iso } from './time';

/**
 * The hot loop: one order at a time, in created_at order, with its lines,
 * tags, timeline events, fulfilments and refunds, straight into prepared
 * statements. Everything an order needs is decided here; nothing is read back.
 */

export interface OrderContext {
  ins: Inserts;
  rng: Rng;
  nowMs: number;
  fromMs: number;
  currency: string;
  minorDigits: number;
  /** Checkout time of every order, ascending. */
  times: Float64Array;
  /** Index into `records` of the customer placing each order. */
  customerOf: Int32Array;
  records: CustomerRecord[];
  /** Store id of each record. */
  customerIdOf: Int32Array;
  variants: CatalogVariant[];
  variantAlias: AliasTable;
  /** Units on hand per variant id across locations, to flag orders that cannot ship. */
  onHandBySku: Int32Array;
  promoOfDay: (Promotion | null)[];
  counts: OrderCounts;
}

export interface OrderCounts {
  orders: number;
  lines: number;
  tags: number;
  events: number;
  fulfilments: number;
  fulfilmentLines: number;
  refunds: number;
  refundLines: number;
  /** Orders each record has placed so far (for the "first-order" tag). */
  placed: Int32Array;
}

interface Line extends PricedLine {
  id: number;
  variant: CatalogVariant;
  fulfilled: number;
  refunded: number;
}

const CARD_BRANDS = ['Visa', 'Mastercard', 'American Express', 'Discover'];
const CARD_WEIGHTS = [55, 30, 10, 5];
const NOTES = [
  'Please leave with a neighbour if nobody is home.',
  "It's a gift — please don't include the invoice.",
  'Could you gift wrap this?',
  'Buzzer is broken, please call on arrival.',
  'Deliver to the back door please.',
  'Birthday present, needs to arrive by Friday!',
  'Please combine with my other order if possible.',
  'No plastic packaging please.',
];
const COMPANIES = ['Brightside Studio', 'Northgate Dental', 'Fernhill Architects', 'Copperleaf Cafe', 'Quayside Legal', 'Blue Heron Yoga'];
const REFUND_REASONS = ['Wrong size', 'Changed mind', 'Damaged in transit', 'Not as described', 'Arrived too late', 'Duplicate order'];
const CANCEL_LABELS: Record<string, string> = {
  customer: 'customer changed their mind',
  inventory: 'items out of stock',
  fraud: 'suspected fraud',
  declined: 'payment declined',
  other: 'other',
};

/**
 * Demo orders belong to the built-in demo store, as real ones belong to Shopify:
 * what staff do to them (fulfil, hold, refund) is queued in the outbox for it.
 */
export const DEMO_PLATFORM = 'demo';

export function writeOrders(ctx: OrderContext, from: number, to: number): void {
  const { ins, rng, nowMs, currency, counts } = ctx;
  const scale = 10 ** ctx.minorDigits;
  const money = (minor: number) => `${(minor / scale).toFixed(ctx.minorDigits)} ${currency}`;
  const freeShippingOver = centsToMinor(7500, ctx.minorDigits);

  for (let i = from; i < to; i++) {
    const id = i + 1;
    const number = 1000 + id;
    const created = ctx.times[i] as number;
    const createdIso = iso(created);
    const rIdx = ctx.customerOf[i] as number;
    const rec = ctx.records[rIdx] as CustomerRecord;
    const customerName = `${rec.first} ${rec.last}`;
    const promo = ctx.promoOfDay[Math.floor((created - ctx.fromMs) / DAY_MS)] ?? null;
    const country = COUNTRIES[rec.countryIndex] as Country;

    // Lines: most orders one item, some two, fewer three; distinct SKUs.
    const roll = rng.next();
    const lineCount = roll < 0.36 ? 1 : roll < 0.7 ? 2 : 3;
    const lines: Line[] = [];
    let units = 0;
    let short = false;
    for (let k = 0; k < lineCount; k++) {
      let v = ctx.variants[ctx.variantAlias.sample(rng)] as CatalogVariant;
      for (let t = 0; t < 4 && lines.some((l) => l.variant === v); t++) v = ctx.variants[ctx.variantAlias.sample(rng)] as CatalogVariant;
      if (lines.some((l) => l.variant === v)) continue;
      const q = rng.next();
      const quantity = q < 0.82 ? 1 : q < 0.95 ? 2 : 3;
      units += quantity;
      if ((ctx.onHandBySku[v.id] as number) < quantity) short = true;
      lines.push({ id: 0, variant: v, priceMinor: v.priceMinor, quantity, discountMinor: 0, taxMinor: 0, fulfilled: 0, refunded: 0 });
    }

    // Ship-to: the default address, sometimes the second one, sometimes a gift to someone else.
    const addr = rec.extraAddress && rng.chance(0.15) ? rec.extraAddress : rec.address;
    const gift = rng.chance(0.03);
    const shipName = gift ? `${rng.pick(FIRST_NAMES).name} ${rng.pick(SURNAMES)}` : customerName;
    const city = country.cities[addr.cityIndex] as City;

    // Money.
    let subtotal = 0;
    for (const l of lines) subtotal += l.priceMinor * l.quantity;
    let discount = 0;
    if (rng.chance(promo ? 0.7 : 0.16)) {
      const pct = promo ? rng.pick([20, 25, 30]) : rng.pick([10, 10, 15, 20]);
      discount = !promo && subtotal > freeShippingOver && rng.chance(0.3) ? centsToMinor(1000, ctx.minorDigits) : Math.floor((subtotal * pct) / 100);
    }
    const express = rng.chance(0.08);
    const shipping = subtotal - discount >= freeShippingOver && !express ? 0 : centsToMinor(country.shippingCents + (express ? 1000 : 0), ctx.minorDigits);
    const totals = priceOrder(lines, discount, shipping, city.taxMilli, country.shippingTaxed);

    // What happened since checkout.
    const fate = decideFate(rng, created, nowMs, lines.length, units, promo !== null);
    const cancelled = fate.cancelledAt !== null;
    const fulfillment: FulfillmentStatus = fate.fulfilledAt !== null ? 'fulfilled' : fate.partialAt !== null ? 'partial' : 'unfulfilled';
    const settled = fate.financial === 'paid' || fate.financial === 'refunded' || fate.financial === 'partially_refunded';
    const status: OrderStatus = cancelled ? 'cancelled' : fate.fulfilledAt !== null && settled && nowMs - fate.fulfilledAt > 14 * DAY_MS ? 'closed' : 'open';

    let shipAddress1: string | null = addr.address1;
    let shipCity: string | null = addr.city;
    if (fate.addressProblem) {
      if (rng.chance(0.5)) shipAddress1 = '';
      else shipCity = null;
    }
    const derived = derivedException(fate.financial, { address1: shipAddress1, city: shipCity, postcode: addr.postcode, country: addr.country });
    const exception = derived ?? (short && !cancelled && fulfillment !== 'fulfilled' ? 'stock_short' : null);
    const onHold = fate.holdAt !== null;
    const queue = queueOf({ status, financialStatus: fate.financial, fulfillmentStatus: fulfillment, onHold, readyToPack: fate.readyToPack, exceptionReason: exception });

    // Fulfilled and refunded quantities, decided before the rows are written.
    if (fate.fulfilledAt !== null) for (const l of lines) l.fulfilled = l.quantity;
    else if (fate.partialAt !== null) (lines[0] as Line).fulfilled = (lines[0] as Line).quantity;
    let refundAmount = 0;
    let refundParts: { line: Line; quantity: number; amount: number }[] = [];
    if (fate.refund === 'full') {
      refundParts = lines.map((l) => ({ line: l, quantity: l.quantity, amount: lineRefund(l, l.quantity) }));
      refundAmount = totals.totalMinor;
    } else if (fate.refund === 'partial') {
      const line = lines[rng.int(lines.length)] as Line;
      const quantity = lines.length === 1 ? rng.range(1, line.quantity - 1) : rng.range(1, line.quantity);
      const amount = lineRefund(line, quantity);
      refundParts = [{ line, quantity, amount }];
      refundAmount = amount;
    }
    for (const p of refundParts) p.line.refunded = p.quantity;

    // Tags.
    const tags: string[] = [];
    if (promo && discount > 0) tags.push(promo);
    if (gift) tags.push('gift');
    if (express) tags.push('priority');
    if ((counts.placed[rIdx] as number) === 0) tags.push('first-order');
    counts.placed[rIdx] = (counts.placed[rIdx] as number) + 1;
    if (rec.weight > 5 && rec.kind !== 'duplicate') tags.push('vip');
    if (rng.chance(0.005)) tags.push('wholesale');
    if (rng.chance(0.02)) tags.push('fragile');
    if (rng.chance(0.03)) tags.push('subscription');
    tags.sort();

    const card = fate.gateway === 'shopify_payments';
    const updatedMs = Math.max(created, fate.holdAt ?? 0, fate.partialAt ?? 0, fate.fulfilledAt ?? 0, fate.cancelledAt ?? 0, fate.refundAt ?? 0);
    ins.order.add(
      id,
      number,
      `#${number}`,
      ctx.customerIdOf[rIdx],
      customerName,
      rec.email,
      rec.phone,
      currency,
      totals.subtotalMinor,
      totals.discountMinor,
      totals.shippingMinor,
      totals.taxMinor,
      totals.totalMinor,
      refundAmount,
      fate.financial,
      fulfillment,
      status,
      onHold ? 1 : 0,
      fate.holdReason,
      fate.readyToPack ? 1 : 0,
      exception,
      queue,
      tags.join(','),
      rng.chance(0.05) ? rng.pick(NOTES) : null,
      units,
      shipName,
      rng.chance(0.03) ? rng.pick(COMPANIES) : null,
      shipAddress1,
      addr.address2,
      shipCity,
      addr.postcode,
      addr.region,
      addr.country,
      rec.phone,
      fate.gateway,
      card ? CARD_BRANDS[rng.weighted(CARD_WEIGHTS)] : null,
      card ? String(rng.int(10000)).padStart(4, '0') : null,
      createdIso,
      iso(updatedMs),
      cancelled ? iso(fate.cancelledAt as number) : null,
      fate.cancelReason,
      DEMO_PLATFORM,
      `gid://demo/Order/${number}`,
    );
    counts.orders++;

    for (const l of lines) {
      l.id = ++counts.lines;
      const v = l.variant;
      ins.line.add(l.id, id, v.id, v.sku, v.productTitle, v.title, v.productType, l.quantity, l.fulfilled, l.refunded, l.priceMinor, l.discountMinor, l.taxMinor, 1);
    }
    for (const t of tags) ins.tag.add(t, id);
    counts.tags += tags.length;

    ins.event.add(++counts.events, id, createdIso, 'created', rec.guest ? `Order placed by ${customerName} (guest checkout)` : `Order placed by ${customerName}`);
    if (fate.holdAt !== null) {
      ins.event.add(++counts.events, id, iso(fate.holdAt), 'held', `Put on hold: ${fate.holdReason}`);
    }
    const shipAt = fate.fulfilledAt ?? fate.partialAt;
    if (shipAt !== null) {
      const shipped = fate.fulfilledAt !== null ? lines : lines.slice(0, 1);
      const r = rng.next();
      const loc = LOCATIONS[r < 0.7 ? 0 : r < 0.85 ? 1 : 2] as (typeof LOCATIONS)[number];
      const tracking = makeTracking(addr.country, rng);
      const fid = ++counts.fulfilments;
      const at = iso(shipAt);
      const delivered = deliveredAt(tracking.company, shipAt, nowMs, fid);
      ins.fulfilment.add(fid, id, loc.id, 'success', tracking.company, tracking.number, tracking.url, at, delivered === null ? null : iso(delivered));
      let n = 0;
      for (const l of shipped) {
        ins.fulfilmentLine.add(fid, l.id, l.quantity);
        n += l.quantity;
      }
      counts.fulfilmentLines += shipped.length;
      const what = fate.fulfilledAt !== null ? 'Fulfilled' : 'Partially fulfilled';
      ins.event.add(++counts.events, id, at, 'fulfilled', `${what}: ${n} item${n === 1 ? '' : 's'} from ${loc.name} · ${tracking.company} ${tracking.number}`);
    }
    if (cancelled) {
      ins.event.add(++counts.events, id, iso(fate.cancelledAt as number), 'cancelled', `Cancelled: ${CANCEL_LABELS[fate.cancelReason ?? 'other']}`);
    }
    if (fate.refundAt !== null && refundAmount > 0) {
      const rid = ++counts.refunds;
      const at = iso(fate.refundAt);
      const reason = cancelled ? 'Order cancelled' : rng.pick(REFUND_REASONS);
      ins.refund.add(rid, id, refundAmount, currency, reason, null, at);
      for (const p of refundParts) ins.refundLine.add(rid, p.line.id, p.quantity, p.amount, !cancelled && rng.chance(0.7) ? 1 : 0);
      counts.refundLines += refundParts.length;
      ins.event.add(++counts.events, id, at, 'refunded', `Refunded ${money(refundAmount)} (${reason})`);
    }
  }
  ins.flushAll();
}
