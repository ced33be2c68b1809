import type { EmuOrder, ShopData } from './shop-data';
import { gid, parseGid, type PageArgs } from './views';

/**
 * orderCreate as the platform does it, for the parts Orderhouse sends (an
 * exchange's replacement order): variant line items at a given price, one
 * fixed discount code, a financial status, customer, shipping address, tags,
 * and the sourceName/sourceIdentifier pair. Like Shopify, orderCreate takes no
 * idempotency key: a caller finds an order it made before by searching
 * `source_identifier:` (ordersBySource below), which the emulator honours.
 */

/** SDL for the emulator's schema (names and shapes as in the 2026-04 Admin API). */
export const ORDER_CREATE_SDL = `
enum OrderCreateFinancialStatus { AUTHORIZED EXPIRED PAID PARTIALLY_PAID PARTIALLY_REFUNDED PENDING REFUNDED VOIDED }
enum OrderCreateInputsInventoryBehavior { BYPASS DECREMENT_IGNORING_POLICY DECREMENT_OBEYING_POLICY }
input MoneyInput { amount: Decimal! currencyCode: CurrencyCode! }
input MoneyBagInput { shopMoney: MoneyInput! presentmentMoney: MoneyInput }
input OrderCreateLineItemInput { variantId: ID quantity: Int! priceSet: MoneyBagInput title: String sku: String requiresShipping: Boolean }
input OrderCreateAssociateCustomerAttributesInput { id: ID email: String }
input OrderCreateCustomerInput { toAssociate: OrderCreateAssociateCustomerAttributesInput }
input OrderCreateFixedDiscountCodeAttributesInput { code: String! amountSet: MoneyBagInput }
input OrderCreateDiscountCodeInput { itemFixedDiscountCode: OrderCreateFixedDiscountCodeAttributesInput }
input MailingAddressInput { address1: String address2: String city: String company: String countryCode: String firstName: String lastName: String phone: String province: String zip: String }
input OrderCreateOrderInput {
  currency: CurrencyCode email: String note: String tags: [String!] financialStatus: OrderCreateFinancialStatus
  lineItems: [OrderCreateLineItemInput!] customer: OrderCreateCustomerInput discountCode: OrderCreateDiscountCodeInput
  shippingAddress: MailingAddressInput sourceName: String sourceIdentifier: String
}
input OrderCreateOptionsInput { inventoryBehaviour: OrderCreateInputsInventoryBehavior sendReceipt: Boolean sendFulfillmentReceipt: Boolean }
type OrderCreateUserError { field: [String!] message: String! }
type OrderCreatePayload { order: Order userErrors: [OrderCreateUserError!]! }
extend type Mutation { orderCreate(order: OrderCreateOrderInput!, options: OrderCreateOptionsInput): OrderCreatePayload }
`;

interface Money {
  shopMoney: { amount: string; currencyCode: string };
}
export interface OrderCreateArgs {
  order: {
    currency?: string | null;
    email?: string | null;
    note?: string | null;
    tags?: string[] | null;
    financialStatus?: string | null;
    lineItems?: { variantId?: string | null; quantity: number; priceSet?: Money | null; title?: string | null; sku?: string | null; requiresShipping?: boolean | null }[] | null;
    customer?: { toAssociate?: { id?: string | null } | null } | null;
    discountCode?: { itemFixedDiscountCode?: { code: string; amountSet?: Money | null } | null } | null;
    shippingAddress?: { address1?: string | null; address2?: string | null; city?: string | null; company?: string | null; countryCode?: string | null; firstName?: string | null; lastName?: string | null; phone?: string | null; province?: string | null; zip?: string | null } | null;
    sourceName?: string | null;
    sourceIdentifier?: string | null;
  };
}

const toMinor = (m: Money | null | undefined): number => {
  if (!m) return 0;
  const [whole, frac = ''] = m.shopMoney.amount.split('.');
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2)) * (whole?.startsWith('-') ? -1 : 1);
};

/** Orders the emulator created through orderCreate, by their sourceIdentifier. */
export function createOrderCreate(shop: ShopData, stamp: () => string, indexOrder: (o: EmuOrder) => void) {
  const bySource = new Map<string, EmuOrder>();
  return {
    /** A `source_identifier:'…'` term narrows an orders query to that one order (other terms are left to the page filter). */
    ordersBySource(orders: readonly EmuOrder[], args: PageArgs): readonly EmuOrder[] {
      const m = /source_identifier:['"]?([^'"\s]+)['"]?/.exec(args.query ?? '');
      if (!m) return orders;
      const o = bySource.get(m[1] as string);
      return o ? [o] : [];
    },
    orderCreate(args: OrderCreateArgs): { order: EmuOrder | null; userErrors: { field: string[]; message: string }[] } {
      const input = args.order;
      const items = input.lineItems ?? [];
      if (items.length === 0) return { order: null, userErrors: [{ field: ['order', 'lineItems'], message: 'Line items must have at least one item.' }] };
      const currency = input.currency ?? shop.currency;
      const lines: EmuOrder['lines'] = [];
      for (const [i, li] of items.entries()) {
        const variantId = li.variantId ? parseGid('ProductVariant', li.variantId) : null;
        const variant = variantId != null ? shop.variants.get(variantId) : undefined;
        if (li.variantId && !variant) return { order: null, userErrors: [{ field: ['order', 'lineItems', String(i), 'variantId'], message: 'Variant does not exist.' }] };
        if (li.quantity < 1) return { order: null, userErrors: [{ field: ['order', 'lineItems', String(i), 'quantity'], message: 'Quantity must be greater than 0.' }] };
        const product = variant ? shop.products.find((p) => p.id === variant.productId) : undefined;
        lines.push({
          id: shop.nextId.line++,
          variantId: variant?.id ?? null,
          sku: li.sku ?? variant?.sku ?? null,
          title: li.title ?? product?.title ?? 'Custom item',
          variantTitle: variant?.title ?? null,
          quantity: li.quantity,
          priceMinor: li.priceSet ? toMinor(li.priceSet) : (variant?.priceMinor ?? 0),
          discountMinor: 0,
          taxMinor: 0,
          requiresShipping: li.requiresShipping ?? true,
        });
      }
      const subtotal = lines.reduce((s, l) => s + l.priceMinor * l.quantity, 0);
      const discount = Math.min(subtotal, toMinor(input.discountCode?.itemFixedDiscountCode?.amountSet));
      // The discount is spread over the lines by value (the remainder on the last), as the platform allocates a fixed code.
      let left = discount;
      lines.forEach((l, k) => {
        const share = k === lines.length - 1 ? left : Math.floor((discount * l.priceMinor * l.quantity) / Math.max(1, subtotal));
        l.discountMinor = share;
        left -= share;
      });
      const customerId = input.customer?.toAssociate?.id ? parseGid('Customer', input.customer.toAssociate.id) : null;
      const at = stamp();
      const id = shop.nextId.order++;
      const a = input.shippingAddress;
      const order: EmuOrder = {
        id,
        number: shop.orders.reduce((m, x) => Math.max(m, x.number), 1000) + 1,
        customerId: customerId != null && shop.customerById.has(customerId) ? customerId : null,
        email: input.email ?? null,
        phone: null,
        currency,
        subtotalMinor: subtotal,
        discountMinor: discount,
        shippingMinor: 0,
        taxMinor: 0,
        totalMinor: subtotal - discount,
        financialStatus: (input.financialStatus ?? 'PAID').toLowerCase(),
        fulfillmentStatus: 'unfulfilled',
        closed: false,
        cancelledAt: null,
        cancelReason: null,
        tags: input.tags ?? [],
        note: input.note ?? null,
        customAttributes: [],
        ship: a
          ? { id: 0, name: [a.firstName, a.lastName].filter(Boolean).join(' ') || null, company: a.company ?? null, address1: a.address1 ?? null, address2: a.address2 ?? null, city: a.city ?? null, zip: a.zip ?? null, province: a.province ?? null, country: a.countryCode ?? null, phone: a.phone ?? null }
          : null,
        gateway: null,
        cardBrand: null,
        cardLast4: null,
        createdAt: at,
        updatedAt: at,
        lines,
        fulfillments: [],
        refunds: [],
      };
      shop.orders.push(order);
      shop.orderById.set(id, order);
      indexOrder(order);
      if (input.sourceIdentifier) bySource.set(input.sourceIdentifier, order);
      return { order, userErrors: [] };
    },
    /** For tests: the order a source identifier made, if any. */
    bySource: (sourceIdentifier: string) => bySource.get(sourceIdentifier) ?? null,
    gidOf: (o: EmuOrder) => gid('Order', o.id),
  };
}
