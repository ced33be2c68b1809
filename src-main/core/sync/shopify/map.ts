import { parseDecimalToMinor } from '../../../../src-shared/money';
import type { PulledAddress, PulledCustomer, PulledInventoryItem, PulledLocation, PulledOrder, PulledProduct } from '../connector';

/**
 * Wire records → platform-neutral records. Each mapper checks what it reads and
 * throws a RecordError naming the field when the platform sent something that
 * does not make sense; the connector turns that into a quarantine item.
 */
export class RecordError extends Error {}

type Obj = Record<string, unknown>;
const obj = (v: unknown, field: string): Obj => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new RecordError(`${field} is missing`);
  return v as Obj;
};
// The helpers take the value, read at the call site by its literal name (`l.sku`), not the object and a
// key (`l['sku']` inside the helper): a load whose name varies goes through V8's megamorphic path, and
// these run a few dozen times per order — they were a quarter of mapOrder's time.
const str = (v: unknown, path: string): string => {
  if (typeof v !== 'string' || v === '') throw new RecordError(`${path} is missing`);
  return v;
};
const optStr = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const time = (value: unknown, path: string): string => {
  const v = str(value, path);
  const quick = plainUtcTime(v);
  if (quick !== null) return quick;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new RecordError(`${path} "${v}" is not a date`);
  return new Date(ms).toISOString();
};
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Two ASCII digits at i as a number, or -1. */
const two = (v: string, i: number): number => {
  const a = v.charCodeAt(i) - 48;
  const b = v.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};
/**
 * A timestamp already in the form time() stores — `YYYY-MM-DDTHH:MM:SS.sssZ` — or the same
 * without milliseconds (Shopify's own form): what Date.parse + toISOString would give, without
 * the two Date round trips (an order carries four to eight times). Only for fields that are
 * certainly valid (a real day of that month, hour 00–23: V8's Date.parse rolls 02-30 over to
 * March, 24:00 to the next day); null for anything else, which takes the slow path.
 */
export function plainUtcTime(v: string): string | null {
  const n = v.length;
  if (n !== 24 && n !== 20) return null;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 /* T */ || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58 || v.charCodeAt(n - 1) !== 90 /* Z */) return null;
  const century = two(v, 0);
  const yy = two(v, 2);
  const month = two(v, 5);
  const day = two(v, 8);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1) return null;
  const year = century * 100 + yy;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return null;
  const hour = two(v, 11);
  const minute = two(v, 14);
  const second = two(v, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  if (n === 20) return `${v.slice(0, 19)}.000Z`;
  const ms = v.charCodeAt(22) - 48;
  return v.charCodeAt(19) === 46 /* . */ && two(v, 20) >= 0 && ms >= 0 && ms <= 9 ? v : null;
}
const optTime = (v: unknown, path: string): string | null => (v == null ? null : time(v, path));
/** Delivery time of a fulfilment: deliveredAt; a DELIVERED status without a time (older carriers) falls back to updatedAt. */
const deliveredAt = (f: Obj): string | null =>
  f.deliveredAt != null ? time(f.deliveredAt, 'deliveredAt') : f.displayStatus === 'DELIVERED' && f.updatedAt != null ? time(f.updatedAt, 'updatedAt') : null;
const int = (v: unknown, path: string, min = 0): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new RecordError(`${path} must be a whole number of at least ${min}, got ${JSON.stringify(v)}`);
  return v;
};
const list = (v: unknown, field: string): Obj[] => {
  if (v == null) return [];
  if (!Array.isArray(v)) throw new RecordError(`${field} is not a list`);
  return v as Obj[];
};
/**
 * A RecordError from inside element `at` of a list ("lineItems[2]"), its path put in front.
 * Mappers of list elements name fields from the element and catch at the element: the full
 * path is built only when something failed, not for every field of every line of every
 * order (an import maps hundreds of thousands).
 */
const under = (err: unknown, at: string): unknown => (err instanceof RecordError ? new RecordError(`${at}.${err.message}`) : err);
const nodes = (conn: unknown, field: string): Obj[] => list(obj(conn, field).nodes, `${field}.nodes`);
const hasMore = (conn: unknown): boolean => Boolean((obj(conn, 'connection').pageInfo as Obj | undefined)?.hasNextPage);

function money(bag: unknown, field: string, currency: string): number {
  if (bag == null) return 0;
  const set = obj(bag, field).shopMoney;
  // Checked here rather than by obj(): its field name would be built for every amount of every order.
  if (!set || typeof set !== 'object' || Array.isArray(set)) throw new RecordError(`${field}.shopMoney is missing`);
  const shop = set as Obj;
  const amount = shop.amount;
  const code = shop.currencyCode;
  if (typeof code === 'string' && code !== currency) throw new RecordError(`${field}.shopMoney is in ${code}, the order is in ${currency}`);
  if (typeof amount !== 'string') throw new RecordError(`${field}.shopMoney.amount is missing`);
  try {
    return parseDecimalToMinor(amount, currency);
  } catch {
    throw new RecordError(`${field}.shopMoney.amount "${amount}" is not a decimal amount`);
  }
}

function address(v: unknown): PulledAddress | null {
  if (!v || typeof v !== 'object') return null;
  const a = v as Obj;
  return { name: optStr(a.name), company: optStr(a.company), address1: optStr(a.address1), address2: optStr(a.address2), city: optStr(a.city), postcode: optStr(a.zip), region: optStr(a.province), country: optStr(a.countryCodeV2) ?? optStr(a.country), phone: optStr(a.phone) };
}

export function mapLocation(n: Obj): PulledLocation {
  return { externalId: str(n.id, 'id'), name: str(n.name, 'name'), active: n.isActive !== false, updatedAt: time(n.updatedAt, 'updatedAt') };
}

export function mapProduct(n: Obj, currency: string): PulledProduct {
  return {
    externalId: str(n.id, 'id'), title: str(n.title, 'title'), productType: optStr(n.productType), vendor: optStr(n.vendor),
    tags: list(n.tags, 'tags').map(String), status: String(n.status ?? 'ACTIVE').toLowerCase(), createdAt: time(n.createdAt, 'createdAt'), updatedAt: time(n.updatedAt, 'updatedAt'),
    variants: nodes(n.variants, 'variants').map((v, i) => {
      const price = v.price;
      let priceMinor: number;
      try {
        priceMinor = parseDecimalToMinor(String(price), currency);
      } catch {
        throw new RecordError(`variants[${i}].price "${String(price)}" is not a decimal amount`);
      }
      return { externalId: str(v.id, `variants[${i}].id`), inventoryItemId: (v.inventoryItem as Obj | null)?.id as string | null ?? null, sku: optStr(v.sku), barcode: optStr(v.barcode), title: optStr(v.title), priceMinor, currency };
    }),
  };
}
export const productHasMoreVariants = (n: Obj): boolean => hasMore(n.variants);

export function mapInventoryItem(n: Obj, currency: string): PulledInventoryItem {
  if (hasMore(n.inventoryLevels)) throw new RecordError('inventoryLevels has more than 10 locations; only 10 are read');
  const weight = (n.measurement as Obj | null)?.weight as Obj | null | undefined;
  const grams = weight && typeof weight.value === 'number' ? Math.round(weight.value * ({ GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.3495, POUNDS: 453.592 }[String(weight.unit)] ?? 1)) : null;
  return {
    inventoryItemId: str(n.id, 'id'),
    variantExternalId: ((n.variant as Obj | null)?.id as string | undefined) ?? null,
    unitCostMinor: n.unitCost ? money({ shopMoney: n.unitCost }, 'unitCost', currency) : null,
    weightGrams: grams,
    updatedAt: time(n.updatedAt, 'updatedAt'),
    levels: nodes(n.inventoryLevels, 'inventoryLevels').map((l, i) => {
      const q = list(l.quantities, `inventoryLevels[${i}].quantities`).find((x) => x.name === 'on_hand');
      return { locationExternalId: str(obj(l.location, `inventoryLevels[${i}].location`).id, `inventoryLevels[${i}].location.id`), onHand: q ? int(q.quantity, `inventoryLevels[${i}].on_hand`, Number.MIN_SAFE_INTEGER) : 0 };
    }),
  };
}

export function mapCustomer(n: Obj): PulledCustomer {
  const email = n.defaultEmailAddress as Obj | null;
  return {
    externalId: str(n.id, 'id'), firstName: optStr(n.firstName), lastName: optStr(n.lastName),
    email: email ? optStr(email.emailAddress) : null, phone: n.defaultPhoneNumber ? optStr((n.defaultPhoneNumber as Obj).phoneNumber) : null,
    note: optStr(n.note), acceptsMarketing: email?.marketingState === 'SUBSCRIBED', createdAt: time(n.createdAt, 'createdAt'), updatedAt: time(n.updatedAt, 'updatedAt'),
    addresses: list(n.addresses, 'addresses').map(address).filter((a): a is PulledAddress => a !== null),
  };
}

const FINANCIAL: Record<string, PulledOrder['financialStatus']> = {
  PENDING: 'pending', AUTHORIZED: 'authorized', PARTIALLY_PAID: 'partially_paid', PAID: 'paid', PARTIALLY_REFUNDED: 'partially_refunded', REFUNDED: 'refunded', VOIDED: 'voided', EXPIRED: 'failed',
};
const FULFILMENT: Record<string, PulledOrder['fulfillmentStatus']> = {
  FULFILLED: 'fulfilled', PARTIALLY_FULFILLED: 'partial', UNFULFILLED: 'unfulfilled', RESTOCKED: 'unfulfilled', PENDING_FULFILLMENT: 'unfulfilled', OPEN: 'unfulfilled', IN_PROGRESS: 'unfulfilled', ON_HOLD: 'unfulfilled', SCHEDULED: 'unfulfilled', REQUEST_DECLINED: 'unfulfilled',
};

/** True when a nested list of the page query was cut off and the order must be read on its own. */
export function orderOverflows(n: Obj, limits: { fulfilments: number; refunds: number }): boolean {
  if (hasMore(n.lineItems)) return true;
  const fs = list(n.fulfillments, 'fulfillments');
  const rs = list(n.refunds, 'refunds');
  return fs.length >= limits.fulfilments || rs.length >= limits.refunds || fs.some((f) => hasMore(f.fulfillmentLineItems)) || rs.some((r) => hasMore(r.refundLineItems));
}

/** The tax of a line: the sum of its tax lines. */
function taxOf(taxLines: Obj[], currency: string): number {
  let sum = 0;
  for (let j = 0; j < taxLines.length; j++) {
    try {
      sum += money(taxLines[j]!.priceSet, 'priceSet', currency);
    } catch (err) {
      throw under(err, `taxLines[${j}]`);
    }
  }
  return sum;
}

export function mapOrder(n: Obj): PulledOrder {
  const currency = str(n.currencyCode, 'currencyCode');
  const name = str(n.name, 'name');
  const number = Number(/(\d+)\s*$/.exec(name)?.[1]);
  if (!Number.isInteger(number)) throw new RecordError(`name "${name}" carries no order number`);
  const financial = FINANCIAL[String(n.displayFinancialStatus ?? 'PENDING')];
  if (!financial) throw new RecordError(`displayFinancialStatus "${String(n.displayFinancialStatus)}" is unknown`);
  const fulfilment = FULFILMENT[String(n.displayFulfillmentStatus)];
  if (!fulfilment) throw new RecordError(`displayFulfillmentStatus "${String(n.displayFulfillmentStatus)}" is unknown`);
  const c = n.customer as Obj | null;
  const tx = list(n.transactions, 'transactions')[0];
  const card = tx?.paymentDetails as Obj | null | undefined;
  const last4 = card && typeof card.number === 'string' ? (/(\d{4})\D*$/.exec(card.number)?.[1] ?? null) : null;
  const cancelledAt = optTime(n.cancelledAt, 'cancelledAt');
  const lines = nodes(n.lineItems, 'lineItems').map((l, i) => {
    try {
      // Read in this order so a line with several faults is named by the same one as always.
      const quantity = int(l.quantity, 'quantity', 1);
      const unit = money(l.originalUnitPriceSet, 'originalUnitPriceSet', currency);
      return {
        externalId: str(l.id, 'id'), variantExternalId: ((l.variant as Obj | null)?.id as string | undefined) ?? null, sku: optStr(l.sku),
        title: str(l.title, 'title'), variantTitle: optStr(l.variantTitle), quantity, priceMinor: unit,
        discountMinor: money(l.totalDiscountSet, 'totalDiscountSet', currency),
        taxMinor: taxOf(list(l.taxLines, 'taxLines'), currency),
        requiresShipping: l.requiresShipping !== false,
      };
    } catch (err) {
      throw under(err, `lineItems[${i}]`);
    }
  });
  const lineIds = new Set(lines.map((l) => l.externalId));
  const lineRef = (v: unknown) => {
    const id = str(obj(v, 'lineItem').id, 'lineItem.id');
    if (!lineIds.has(id)) throw new RecordError(`lineItem refers to ${id}, which is not a line of this order`);
    return id;
  };
  return {
    externalId: str(n.id, 'id'), number, name, currency,
    customer: c ? { externalId: str(c.id, 'customer.id'), firstName: optStr(c.firstName), lastName: optStr(c.lastName), email: c.defaultEmailAddress ? optStr((c.defaultEmailAddress as Obj).emailAddress) : null, phone: c.defaultPhoneNumber ? optStr((c.defaultPhoneNumber as Obj).phoneNumber) : null } : null,
    email: optStr(n.email), phone: optStr(n.phone),
    subtotalMinor: money(n.subtotalPriceSet, 'subtotalPriceSet', currency), discountMinor: money(n.totalDiscountsSet, 'totalDiscountsSet', currency),
    shippingMinor: money(n.totalShippingPriceSet, 'totalShippingPriceSet', currency), taxMinor: money(n.totalTaxSet, 'totalTaxSet', currency),
    totalMinor: money(n.totalPriceSet, 'totalPriceSet', currency), refundedMinor: money(n.totalRefundedSet, 'totalRefundedSet', currency),
    financialStatus: financial, fulfillmentStatus: fulfilment, status: cancelledAt ? 'cancelled' : n.closed ? 'closed' : 'open', cancelledAt,
    cancelReason: optStr(n.cancelReason)?.toLowerCase() ?? null,
    tags: list(n.tags, 'tags').map(String), note: optStr(n.note), ship: address(n.shippingAddress),
    gateway: (tx && optStr(tx.gateway)) ?? (list(n.paymentGatewayNames, 'paymentGatewayNames')[0] as unknown as string | undefined) ?? null,
    cardBrand: card ? optStr(card.company) : null, cardLast4: last4,
    createdAt: time(n.createdAt, 'createdAt'), updatedAt: time(n.updatedAt, 'updatedAt'), lines,
    fulfilments: list(n.fulfillments, 'fulfillments').map((f, i) => {
      try {
        const t = list(f.trackingInfo, 'trackingInfo')[0];
        return {
          externalId: str(f.id, 'id'), status: String(f.status ?? 'SUCCESS').toLowerCase(), createdAt: time(f.createdAt, 'createdAt'),
          deliveredAt: deliveredAt(f),
          locationExternalId: ((f.location as Obj | null)?.id as string | undefined) ?? null,
          trackingCompany: t ? optStr(t.company) : null, trackingNumber: t ? optStr(t.number) : null, trackingUrl: t ? optStr(t.url) : null,
          lines: nodes(f.fulfillmentLineItems, 'fulfillmentLineItems').map((x, j) => {
            try {
              return { lineExternalId: lineRef(x.lineItem), quantity: int(x.quantity, 'quantity', 1) };
            } catch (err) {
              throw under(err, `fulfillmentLineItems[${j}]`);
            }
          }),
        };
      } catch (err) {
        throw under(err, `fulfillments[${i}]`);
      }
    }),
    refunds: list(n.refunds, 'refunds').map((r, i) => {
      try {
        return {
          externalId: str(r.id, 'id'), createdAt: time(r.createdAt, 'createdAt'), note: optStr(r.note),
          amountMinor: money(r.totalRefundedSet, 'totalRefundedSet', currency),
          lines: nodes(r.refundLineItems, 'refundLineItems').map((x, j) => {
            try {
              return {
                lineExternalId: lineRef(x.lineItem), quantity: int(x.quantity, 'quantity', 1),
                amountMinor: money(x.subtotalSet, 'subtotalSet', currency), restock: x.restockType === 'RETURN' || x.restockType === 'CANCEL' || x.restockType === 'LEGACY_RESTOCK',
              };
            } catch (err) {
              throw under(err, `refundLineItems[${j}]`);
            }
          }),
        };
      } catch (err) {
        throw under(err, `refunds[${i}]`);
      }
    }),
  };
}
