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
const str = (o: Obj, field: string, path = field): string => {
  const v = o[field];
  if (typeof v !== 'string' || v === '') throw new RecordError(`${path} is missing`);
  return v;
};
const optStr = (o: Obj, field: string): string | null => (typeof o[field] === 'string' && o[field] !== '' ? (o[field] as string) : null);
const time = (o: Obj, field: string, path = field): string => {
  const v = str(o, field, path);
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new RecordError(`${path} "${v}" is not a date`);
  return new Date(ms).toISOString();
};
const optTime = (o: Obj, field: string): string | null => (o[field] == null ? null : time(o, field));
/** Delivery time of a fulfilment: deliveredAt; a DELIVERED status without a time (older carriers) falls back to updatedAt. */
const deliveredAt = (f: Obj, i: number): string | null =>
  f.deliveredAt != null ? time(f, 'deliveredAt', `fulfillments[${i}].deliveredAt`) : f.displayStatus === 'DELIVERED' && f.updatedAt != null ? time(f, 'updatedAt', `fulfillments[${i}].updatedAt`) : null;
const int = (o: Obj, field: string, path: string, min = 0): number => {
  const v = o[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new RecordError(`${path} must be a whole number of at least ${min}, got ${JSON.stringify(v)}`);
  return v;
};
const list = (v: unknown, field: string): Obj[] => {
  if (v == null) return [];
  if (!Array.isArray(v)) throw new RecordError(`${field} is not a list`);
  return v as Obj[];
};
const nodes = (conn: unknown, field: string): Obj[] => list(obj(conn, field).nodes, `${field}.nodes`);
const hasMore = (conn: unknown): boolean => Boolean((obj(conn, 'connection').pageInfo as Obj | undefined)?.hasNextPage);

function money(bag: unknown, field: string, currency: string): number {
  if (bag == null) return 0;
  const shop = obj(obj(bag, field).shopMoney, `${field}.shopMoney`);
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
  return { name: optStr(a, 'name'), company: optStr(a, 'company'), address1: optStr(a, 'address1'), address2: optStr(a, 'address2'), city: optStr(a, 'city'), postcode: optStr(a, 'zip'), region: optStr(a, 'province'), country: optStr(a, 'countryCodeV2') ?? optStr(a, 'country'), phone: optStr(a, 'phone') };
}

export function mapLocation(n: Obj): PulledLocation {
  return { externalId: str(n, 'id'), name: str(n, 'name'), active: n.isActive !== false, updatedAt: time(n, 'updatedAt') };
}

export function mapProduct(n: Obj, currency: string): PulledProduct {
  return {
    externalId: str(n, 'id'), title: str(n, 'title'), productType: optStr(n, 'productType'), vendor: optStr(n, 'vendor'),
    tags: list(n.tags, 'tags').map(String), status: String(n.status ?? 'ACTIVE').toLowerCase(), createdAt: time(n, 'createdAt'), updatedAt: time(n, 'updatedAt'),
    variants: nodes(n.variants, 'variants').map((v, i) => {
      const price = v.price;
      let priceMinor: number;
      try {
        priceMinor = parseDecimalToMinor(String(price), currency);
      } catch {
        throw new RecordError(`variants[${i}].price "${String(price)}" is not a decimal amount`);
      }
      return { externalId: str(v, 'id', `variants[${i}].id`), inventoryItemId: (v.inventoryItem as Obj | null)?.id as string | null ?? null, sku: optStr(v, 'sku'), barcode: optStr(v, 'barcode'), title: optStr(v, 'title'), priceMinor, currency };
    }),
  };
}
export const productHasMoreVariants = (n: Obj): boolean => hasMore(n.variants);

export function mapInventoryItem(n: Obj, currency: string): PulledInventoryItem {
  if (hasMore(n.inventoryLevels)) throw new RecordError('inventoryLevels has more than 10 locations; only 10 are read');
  const weight = (n.measurement as Obj | null)?.weight as Obj | null | undefined;
  const grams = weight && typeof weight.value === 'number' ? Math.round(weight.value * ({ GRAMS: 1, KILOGRAMS: 1000, OUNCES: 28.3495, POUNDS: 453.592 }[String(weight.unit)] ?? 1)) : null;
  return {
    inventoryItemId: str(n, 'id'),
    variantExternalId: ((n.variant as Obj | null)?.id as string | undefined) ?? null,
    unitCostMinor: n.unitCost ? money({ shopMoney: n.unitCost }, 'unitCost', currency) : null,
    weightGrams: grams,
    updatedAt: time(n, 'updatedAt'),
    levels: nodes(n.inventoryLevels, 'inventoryLevels').map((l, i) => {
      const q = list(l.quantities, `inventoryLevels[${i}].quantities`).find((x) => x.name === 'on_hand');
      return { locationExternalId: str(obj(l.location, `inventoryLevels[${i}].location`), 'id', `inventoryLevels[${i}].location.id`), onHand: q ? int(q, 'quantity', `inventoryLevels[${i}].on_hand`, Number.MIN_SAFE_INTEGER) : 0 };
    }),
  };
}

export function mapCustomer(n: Obj): PulledCustomer {
  const email = n.defaultEmailAddress as Obj | null;
  return {
    externalId: str(n, 'id'), firstName: optStr(n, 'firstName'), lastName: optStr(n, 'lastName'),
    email: email ? optStr(email, 'emailAddress') : null, phone: n.defaultPhoneNumber ? optStr(n.defaultPhoneNumber as Obj, 'phoneNumber') : null,
    note: optStr(n, 'note'), acceptsMarketing: email?.marketingState === 'SUBSCRIBED', createdAt: time(n, 'createdAt'), updatedAt: time(n, 'updatedAt'),
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

export function mapOrder(n: Obj): PulledOrder {
  const currency = str(n, 'currencyCode');
  const name = str(n, 'name');
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
  const cancelledAt = optTime(n, 'cancelledAt');
  const lines = nodes(n.lineItems, 'lineItems').map((l, i) => {
    const quantity = int(l, 'quantity', `lineItems[${i}].quantity`, 1);
    const unit = money(l.originalUnitPriceSet, `lineItems[${i}].originalUnitPriceSet`, currency);
    return {
      externalId: str(l, 'id', `lineItems[${i}].id`), variantExternalId: ((l.variant as Obj | null)?.id as string | undefined) ?? null, sku: optStr(l, 'sku'),
      title: str(l, 'title', `lineItems[${i}].title`), variantTitle: optStr(l, 'variantTitle'), quantity, priceMinor: unit,
      discountMinor: money(l.totalDiscountSet, `lineItems[${i}].totalDiscountSet`, currency),
      taxMinor: list(l.taxLines, `lineItems[${i}].taxLines`).reduce((s, t, j) => s + money(t.priceSet, `lineItems[${i}].taxLines[${j}].priceSet`, currency), 0),
      requiresShipping: l.requiresShipping !== false,
    };
  });
  const lineIds = new Set(lines.map((l) => l.externalId));
  const lineRef = (v: unknown, path: string) => {
    const id = str(obj(v, path), 'id', `${path}.id`);
    if (!lineIds.has(id)) throw new RecordError(`${path} refers to ${id}, which is not a line of this order`);
    return id;
  };
  return {
    externalId: str(n, 'id'), number, name, currency,
    customer: c ? { externalId: str(c, 'id', 'customer.id'), firstName: optStr(c, 'firstName'), lastName: optStr(c, 'lastName'), email: c.defaultEmailAddress ? optStr(c.defaultEmailAddress as Obj, 'emailAddress') : null, phone: c.defaultPhoneNumber ? optStr(c.defaultPhoneNumber as Obj, 'phoneNumber') : null } : null,
    email: optStr(n, 'email'), phone: optStr(n, 'phone'),
    subtotalMinor: money(n.subtotalPriceSet, 'subtotalPriceSet', currency), discountMinor: money(n.totalDiscountsSet, 'totalDiscountsSet', currency),
    shippingMinor: money(n.totalShippingPriceSet, 'totalShippingPriceSet', currency), taxMinor: money(n.totalTaxSet, 'totalTaxSet', currency),
    totalMinor: money(n.totalPriceSet, 'totalPriceSet', currency), refundedMinor: money(n.totalRefundedSet, 'totalRefundedSet', currency),
    financialStatus: financial, fulfillmentStatus: fulfilment, status: cancelledAt ? 'cancelled' : n.closed ? 'closed' : 'open', cancelledAt,
    cancelReason: optStr(n, 'cancelReason')?.toLowerCase() ?? null,
    tags: list(n.tags, 'tags').map(String), note: optStr(n, 'note'), ship: address(n.shippingAddress),
    gateway: (tx && optStr(tx, 'gateway')) ?? (list(n.paymentGatewayNames, 'paymentGatewayNames')[0] as unknown as string | undefined) ?? null,
    cardBrand: card ? optStr(card, 'company') : null, cardLast4: last4,
    createdAt: time(n, 'createdAt'), updatedAt: time(n, 'updatedAt'), lines,
    fulfilments: list(n.fulfillments, 'fulfillments').map((f, i) => {
      const t = list(f.trackingInfo, `fulfillments[${i}].trackingInfo`)[0];
      return {
        externalId: str(f, 'id', `fulfillments[${i}].id`), status: String(f.status ?? 'SUCCESS').toLowerCase(), createdAt: time(f, 'createdAt', `fulfillments[${i}].createdAt`),
        deliveredAt: deliveredAt(f, i),
        locationExternalId: ((f.location as Obj | null)?.id as string | undefined) ?? null,
        trackingCompany: t ? optStr(t, 'company') : null, trackingNumber: t ? optStr(t, 'number') : null, trackingUrl: t ? optStr(t, 'url') : null,
        lines: nodes(f.fulfillmentLineItems, `fulfillments[${i}].fulfillmentLineItems`).map((x, j) => ({ lineExternalId: lineRef(x.lineItem, `fulfillments[${i}].fulfillmentLineItems[${j}].lineItem`), quantity: int(x, 'quantity', `fulfillments[${i}].fulfillmentLineItems[${j}].quantity`, 1) })),
      };
    }),
    refunds: list(n.refunds, 'refunds').map((r, i) => ({
      externalId: str(r, 'id', `refunds[${i}].id`), createdAt: time(r, 'createdAt', `refunds[${i}].createdAt`), note: optStr(r, 'note'),
      amountMinor: money(r.totalRefundedSet, `refunds[${i}].totalRefundedSet`, currency),
      lines: nodes(r.refundLineItems, `refunds[${i}].refundLineItems`).map((x, j) => ({
        lineExternalId: lineRef(x.lineItem, `refunds[${i}].refundLineItems[${j}].lineItem`), quantity: int(x, 'quantity', `refunds[${i}].refundLineItems[${j}].quantity`, 1),
        amountMinor: money(x.subtotalSet, `refunds[${i}].refundLineItems[${j}].subtotalSet`, currency), restock: x.restockType === 'RETURN' || x.restockType === 'CANCEL' || x.restockType === 'LEGACY_RESTOCK',
      })),
    })),
  };
}
