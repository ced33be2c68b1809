import { minorDigits } from '../../src-shared/money';
import type { EmuAddress, EmuCustomer, EmuFulfillment, EmuInventoryItem, EmuLine, EmuLocation, EmuOrder, EmuProduct, EmuRefund, EmuVariant, ShopData } from './shop-data';
import { levelUpdatedAt } from './inventory-levels';

/**
 * Wire views: plain objects whose properties graphql-js resolves by default;
 * fields with arguments are functions of those arguments. Nothing here changes data.
 */
export const gid = (type: string, id: number | string) => `gid://shopify/${type}/${id}`;
export function parseGid(type: string, value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(value);
  return m ? Number(m[1]) : null;
}

export function decimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 10 ** digits);
  const frac = String(abs % 10 ** digits).padStart(digits, '0');
  return `${sign}${whole}.${frac}`;
}
export function moneyBag(minor: number, currency: string, amountOverride?: string) {
  const m = { amount: amountOverride ?? decimal(minor, currency), currencyCode: currency };
  return { shopMoney: m, presentmentMoney: m };
}

/** Bulk operations read whole connections: no `first`, no page limit. Set only around a synchronous bulk execution. */
let bulkMode = false;
export function withBulkMode<T>(fn: () => T): T {
  bulkMode = true;
  try {
    return fn();
  } finally {
    bulkMode = false;
  }
}

export interface PageArgs { first?: number | null; after?: string | null; query?: string | null; sortKey?: string | null; reverse?: boolean | null }

const encodeCursor = (key: string | number, id: number) => Buffer.from(JSON.stringify([key, id])).toString('base64url');
function decodeCursor(c: string): [string | number, number] {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'number') return v as [string | number, number];
  } catch {
    // fall through
  }
  throw new CursorError(`Invalid cursor "${c}"`);
}
export class CursorError extends Error {}

/** `updated_at:>'2026-01-01T00:00:00Z'` and friends; other terms are ignored, as the platform ignores unknown ones. */
export function parseSearch(query: string | null | undefined): ((updatedAt: string) => boolean) | null {
  if (!query) return null;
  const tests: ((u: string) => boolean)[] = [];
  for (const m of query.matchAll(/updated_at:(>=|<=|>|<)?['"]?([0-9T:.\-+Z]+)['"]?/g)) {
    const op = m[1] ?? '>=';
    const at = Date.parse(m[2] as string);
    if (Number.isNaN(at)) continue;
    tests.push((u) => {
      const t = Date.parse(u);
      return op === '>' ? t > at : op === '>=' ? t >= at : op === '<' ? t < at : t <= at;
    });
  }
  return tests.length ? (u) => tests.every((t) => t(u)) : null;
}

export function page<T extends { id: number; updatedAt?: string }, V>(
  items: readonly T[],
  args: PageArgs,
  view: (t: T) => V,
  opts: { maxFirst?: number; filter?: boolean } = {},
): { nodes: V[]; edges: { node: V; cursor: string }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } } {
  const first = bulkMode && args.first == null ? Number.MAX_SAFE_INTEGER : Math.max(0, Math.min(args.first ?? 50, bulkMode ? Number.MAX_SAFE_INTEGER : (opts.maxFirst ?? 250)));
  const byUpdated = args.sortKey === 'UPDATED_AT';
  const keyOf = (t: T): string | number => (byUpdated ? (t.updatedAt ?? '') : t.id);
  const match = opts.filter === false ? null : parseSearch(args.query);
  let list = match ? items.filter((t) => match(t.updatedAt ?? '')) : [...items];
  const cmp = (a: T, b: T) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
  };
  list.sort(cmp);
  if (args.reverse) list.reverse();
  if (args.after) {
    const [k, id] = decodeCursor(args.after);
    const after = (t: T) => {
      const kt = keyOf(t);
      const c = kt < k ? -1 : kt > k ? 1 : t.id - id;
      return args.reverse ? c < 0 : c > 0;
    };
    list = list.filter(after);
  }
  const slice = list.slice(0, first);
  const last = slice[slice.length - 1];
  const firstItem = slice[0];
  const nodes = slice.map(view);
  return {
    nodes,
    get edges() {
      return nodes.map((node, i) => ({ node, cursor: encodeCursor(keyOf(slice[i] as T), (slice[i] as T).id) }));
    },
    pageInfo: {
      hasNextPage: list.length > first,
      hasPreviousPage: Boolean(args.after),
      startCursor: firstItem ? encodeCursor(keyOf(firstItem), firstItem.id) : null,
      endCursor: last ? encodeCursor(keyOf(last), last.id) : null,
    },
  };
}

const pageAll = <T, V>(items: readonly T[], view: (t: T) => V, args: PageArgs) => {
  const withId = items.map((t, i) => ({ id: i + 1, t }));
  return page(withId, args, (x) => view(x.t), { filter: false });
};

export function createViews(shop: ShopData) {
  const locById = () => new Map(shop.locations.map((l) => [l.id, l]));
  let locMap = locById();
  const productById = new Map<number, EmuProduct>();
  const refreshProducts = () => {
    productById.clear();
    for (const p of shop.products) productById.set(p.id, p);
    locMap = locById();
  };
  refreshProducts();
  const lineById = new Map<number, { line: EmuLine; order: EmuOrder }>();
  const indexOrder = (o: EmuOrder) => {
    for (const l of o.lines) lineById.set(l.id, { line: l, order: o });
  };
  for (const o of shop.orders) indexOrder(o);

  const location = (l: EmuLocation): Record<string, unknown> => ({
    id: gid('Location', l.id), legacyResourceId: String(l.id), name: l.name, isActive: l.active, updatedAt: l.updatedAt,
    address: { address1: null, city: null, zip: null, countryCode: null },
    // The location's levels, one per item stocked there, filtered by the level's own updatedAt.
    inventoryLevels: (args: PageArgs) => {
      const levels = shop.inventoryItems.filter((it) => it.levels.has(l.id)).map((it) => ({ id: it.id, item: it, updatedAt: levelUpdatedAt(it, l.id) }));
      return page(levels, { ...args, sortKey: null }, (x) => inventoryLevel(x.item, l.id, x.item.levels.get(l.id) ?? 0));
    },
  });
  const inventoryLevel = (item: EmuInventoryItem, locationId: number, onHand: number) => ({
    id: gid('InventoryLevel', `${item.id}?inventory_item_id=${item.id}`).replace(`${item.id}?`, `${locationId}?`),
    location: () => location(locMap.get(locationId) as EmuLocation),
    item: () => inventoryItem(item),
    quantities: ({ names }: { names: string[] }) => names.map((name) => ({ name, quantity: name === 'on_hand' || name === 'available' ? onHand : 0 })),
    updatedAt: levelUpdatedAt(item, locationId),
  });
  const inventoryItem = (item: EmuInventoryItem): Record<string, unknown> => {
    const v = shop.variants.get(item.variantId) as EmuVariant;
    return {
      id: gid('InventoryItem', item.id), sku: v.sku, tracked: true, requiresShipping: true, updatedAt: item.updatedAt,
      unitCost: v.costMinor == null ? null : { amount: decimal(v.costMinor, shop.currency), currencyCode: shop.currency },
      measurement: { weight: v.grams == null ? null : { unit: 'GRAMS', value: v.grams } },
      variant: () => variant(v),
      inventoryLevels: (args: PageArgs) => {
        const levels = [...item.levels.entries()].map(([locationId, onHand]) => ({ id: locationId, locationId, onHand, updatedAt: levelUpdatedAt(item, locationId) }));
        return page(levels, { ...args, sortKey: null }, (l) => inventoryLevel(item, l.locationId, l.onHand));
      },
    };
  };
  const variant = (v: EmuVariant): Record<string, unknown> => ({
    id: gid('ProductVariant', v.id), title: v.title, sku: v.sku, barcode: v.barcode, price: decimal(v.priceMinor, shop.currency), updatedAt: v.updatedAt,
    product: () => product(productById.get(v.productId) as EmuProduct),
    inventoryItem: () => inventoryItem(shop.inventoryById.get(v.inventoryItemId) as EmuInventoryItem),
  });
  const product = (p: EmuProduct) => ({
    id: gid('Product', p.id), title: p.title, productType: p.productType ?? '', vendor: p.vendor ?? '', tags: p.tags, status: p.status, createdAt: p.createdAt, updatedAt: p.updatedAt,
    variants: (args: PageArgs) => page(p.variants, args, variant, { filter: false }),
  });
  const address = (a: EmuAddress | null, fallbackId: number) =>
    a && {
      id: gid('MailingAddress', a.id || fallbackId), name: a.name, company: a.company, address1: a.address1, address2: a.address2, city: a.city, zip: a.zip,
      province: a.province, country: a.country, countryCodeV2: a.country, phone: a.phone,
    };
  const customer = (c: EmuCustomer) => ({
    id: gid('Customer', c.id), firstName: c.firstName, lastName: c.lastName, displayName: [c.firstName, c.lastName].filter(Boolean).join(' ') || (c.email ?? ''),
    note: c.note, tags: [], createdAt: c.createdAt, updatedAt: c.updatedAt,
    defaultEmailAddress: c.email ? { emailAddress: c.email, marketingState: c.acceptsMarketing ? 'SUBSCRIBED' : 'NOT_SUBSCRIBED' } : null,
    defaultPhoneNumber: c.phone ? { phoneNumber: c.phone } : null,
    defaultAddress: address(c.addresses[0] ?? null, c.id),
    addresses: ({ first }: { first?: number | null }) => c.addresses.slice(0, first ?? 250).map((a) => address(a, c.id)),
  });
  const lineItem = (l: EmuLine, o: EmuOrder) => {
    const refunded = o.refunds.reduce((s, r) => s + r.lines.filter((x) => x.lineId === l.id).reduce((a, x) => a + x.quantity, 0), 0);
    return {
      id: gid('LineItem', l.id), title: l.title, variantTitle: l.variantTitle, sku: l.sku, quantity: o.malformed === 'quantity' && l === o.lines[0] ? -1 : l.quantity,
      currentQuantity: Math.max(0, l.quantity - refunded), requiresShipping: l.requiresShipping,
      originalUnitPriceSet: moneyBag(l.priceMinor, o.currency), totalDiscountSet: moneyBag(l.discountMinor, o.currency),
      taxLines: () => (l.taxMinor ? [{ title: 'Tax', rate: null, priceSet: moneyBag(l.taxMinor, o.currency) }] : []),
      variant: () => (l.variantId != null && shop.variants.has(l.variantId) ? variant(shop.variants.get(l.variantId) as EmuVariant) : null),
    };
  };
  const fulfillment = (f: EmuFulfillment, o: EmuOrder) => ({
    id: gid('Fulfillment', f.id), status: f.status, createdAt: f.createdAt, updatedAt: f.deliveredAt ?? f.createdAt,
    deliveredAt: f.deliveredAt ?? null, displayStatus: f.status !== 'SUCCESS' ? null : f.deliveredAt ? 'DELIVERED' : f.number ? 'IN_TRANSIT' : 'FULFILLED',
    location: f.locationId != null && locMap.has(f.locationId) ? location(locMap.get(f.locationId) as EmuLocation) : null,
    trackingInfo: () => (f.number || f.company ? [{ company: f.company, number: f.number, url: f.url }] : []),
    fulfillmentLineItems: (args: PageArgs) =>
      pageAll(f.lines, (x) => ({ id: gid('FulfillmentLineItem', `${f.id}${x.lineId % 100000}`), quantity: x.quantity, lineItem: lineItem(lineById.get(x.lineId)?.line as EmuLine, o) }), args),
  });
  const refund = (r: EmuRefund, o: EmuOrder) => ({
    id: gid('Refund', r.id), createdAt: r.createdAt, note: r.note, totalRefundedSet: moneyBag(r.amountMinor, o.currency),
    refundLineItems: (args: PageArgs) =>
      pageAll(r.lines, (x) => ({
        id: gid('RefundLineItem', `${r.id}${x.lineId % 100000}`), quantity: x.quantity, restockType: x.restock ? 'RETURN' : 'NO_RESTOCK', restocked: x.restock,
        subtotalSet: moneyBag(x.amountMinor, o.currency), lineItem: lineItem(lineById.get(x.lineId)?.line as EmuLine, o),
      }), args),
  });
  const fulfilledOf = (o: EmuOrder, lineId: number) => o.fulfillments.filter((f) => f.status === 'SUCCESS').reduce((s, f) => s + f.lines.filter((x) => x.lineId === lineId).reduce((a, x) => a + x.quantity, 0), 0);
  const refundedOf = (o: EmuOrder, lineId: number) => o.refunds.reduce((s, r) => s + r.lines.filter((x) => x.lineId === lineId).reduce((a, x) => a + x.quantity, 0), 0);
  const remainingOf = (o: EmuOrder, l: EmuLine) => Math.max(0, l.quantity - fulfilledOf(o, l.id) - refundedOf(o, l.id));
  const order = (o: EmuOrder) => {
    const refundedMinor = o.refunds.reduce((s, r) => s + r.amountMinor, 0);
    return {
      id: gid('Order', o.id), name: `#${o.number}`, createdAt: o.createdAt, updatedAt: o.updatedAt, processedAt: o.createdAt, cancelledAt: o.cancelledAt,
      cancelReason: o.cancelReason ? o.cancelReason.toUpperCase() : null, closed: o.closed, email: o.email, phone: o.phone, note: o.note, tags: o.tags,
      currencyCode: o.currency,
      displayFinancialStatus: o.financialStatus === 'failed' ? 'EXPIRED' : o.financialStatus.toUpperCase(),
      displayFulfillmentStatus: o.fulfillmentStatus === 'partial' ? 'PARTIALLY_FULFILLED' : o.fulfillmentStatus.toUpperCase(),
      subtotalPriceSet: moneyBag(o.subtotalMinor, o.currency),
      totalDiscountsSet: moneyBag(o.discountMinor, o.currency),
      totalShippingPriceSet: moneyBag(o.shippingMinor, o.currency),
      totalTaxSet: moneyBag(o.taxMinor, o.currency),
      totalPriceSet: moneyBag(o.totalMinor, o.currency, o.malformed === 'amount' ? `${decimal(o.totalMinor, o.currency).replace('.', ',')} ${o.currency}` : undefined),
      totalRefundedSet: moneyBag(refundedMinor, o.currency),
      customer: () => (o.customerId != null && shop.customerById.has(o.customerId) ? customer(shop.customerById.get(o.customerId) as EmuCustomer) : null),
      shippingAddress: address(o.ship, o.id),
      paymentGatewayNames: o.gateway ? [o.gateway] : [],
      customAttributes: o.customAttributes,
      transactions: () =>
        o.gateway
          ? [{
              id: gid('OrderTransaction', o.id), kind: 'SALE', status: o.financialStatus === 'pending' ? 'PENDING' : o.financialStatus === 'failed' ? 'FAILURE' : 'SUCCESS',
              gateway: o.gateway, amountSet: moneyBag(o.totalMinor, o.currency), createdAt: o.createdAt,
              paymentDetails: o.cardLast4 ? { __typename: 'CardPaymentDetails', company: o.cardBrand, number: `•••• •••• •••• ${o.cardLast4}` } : null,
            }]
          : [],
      lineItems: (args: PageArgs) => page(o.lines, args, (l) => lineItem(l, o), { filter: false }),
      fulfillments: ({ first }: { first?: number | null }) => o.fulfillments.slice(0, first ?? 250).map((f) => fulfillment(f, o)),
      refunds: ({ first }: { first?: number | null }) => o.refunds.slice(0, first ?? 250).map((r) => refund(r, o)),
      fulfillmentOrders: (args: PageArgs) =>
        pageAll(o.cancelledAt ? [] : [o], () => ({
          id: gid('FulfillmentOrder', o.id), status: o.lines.some((l) => remainingOf(o, l) > 0) ? 'OPEN' : 'CLOSED',
          lineItems: (a: PageArgs) => page(o.lines, a, (l) => ({ id: gid('FulfillmentOrderLineItem', l.id), totalQuantity: l.quantity, remainingQuantity: remainingOf(o, l), lineItem: lineItem(l, o) }), { filter: false }),
        }), args),
    };
  };
  return { location, product, variant, inventoryItem, customer, order, fulfillment, refund, lineById, indexOrder, refreshProducts, remainingOf, fulfilledOf };
}
export type Views = ReturnType<typeof createViews>;
