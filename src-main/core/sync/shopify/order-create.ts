import { ConnectorError, type PushResult } from '../connector';
import { formatDecimal } from '../outbox-drain';

/**
 * Creating an order on Shopify (an exchange's replacement) exactly once.
 * orderCreate does not take the @idempotent directive (Shopify documents it
 * only for refundCreate, the inventory mutations and a few others), so the
 * outbox's key travels as the order's sourceIdentifier instead: before
 * creating, the connector looks the key up (`source_identifier:` search) and,
 * when an earlier attempt did create the order but its answer was lost, adopts
 * that order rather than making a second one.
 */

export const ORDER_BY_SOURCE_QUERY = `query OrderBySource($q: String!) {
  orders(first: 1, query: $q) { nodes { id lineItems(first: 100) { nodes { id } } } }
}`;

export const ORDER_CREATE = `mutation OrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) { order { id lineItems(first: 100) { nodes { id } } } userErrors { field message } }
}`;

interface CreatedOrder {
  id: string;
  lineItems: { nodes: { id: string }[] };
}

type Request = <T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal) => Promise<T>;

export interface OrderCreatePayload {
  currency: string;
  email?: string | null;
  customerExternalId?: string | null;
  note?: string | null;
  tags?: string[];
  financialStatus: 'PAID' | 'PENDING';
  items: { variantExternalId: string; quantity: number; priceMinor: number; title: string; sku: string | null }[];
  discountMinor: number;
  shippingAddress?: Record<string, string | null> | null;
}

const result = (o: CreatedOrder): PushResult => ({ externalId: o.id, lineExternalIds: o.lineItems.nodes.map((l) => l.id) });

export async function createOrderOnce(request: Request, key: string, p: OrderCreatePayload, signal?: AbortSignal): Promise<PushResult> {
  const found = await request<{ orders: { nodes: CreatedOrder[] } }>(ORDER_BY_SOURCE_QUERY, { q: `source_identifier:'${key.replace(/'/g, '')}'` }, signal);
  const existing = found.orders.nodes[0];
  if (existing) return result(existing);

  const money = (minor: number) => ({ shopMoney: { amount: formatDecimal(minor, p.currency), currencyCode: p.currency } });
  const a = p.shippingAddress ?? null;
  const [firstName, ...rest] = String(a?.name ?? '').split(' ');
  const order: Record<string, unknown> = {
    currency: p.currency,
    sourceName: 'orderhouse',
    sourceIdentifier: key,
    financialStatus: p.financialStatus,
    note: p.note ?? null,
    tags: p.tags ?? [],
    lineItems: p.items.map((i) => ({ variantId: i.variantExternalId, quantity: i.quantity, priceSet: money(i.priceMinor) })),
    ...(p.email ? { email: p.email } : {}),
    ...(p.customerExternalId ? { customer: { toAssociate: { id: p.customerExternalId } } } : {}),
    // The returned items' value, as one fixed discount over the new items.
    ...(p.discountMinor > 0 ? { discountCode: { itemFixedDiscountCode: { code: 'EXCHANGE', amountSet: money(p.discountMinor) } } } : {}),
    ...(a
      ? {
          shippingAddress: {
            firstName: firstName || null,
            lastName: rest.join(' ') || null,
            company: a.company ?? null,
            address1: a.address1 ?? null,
            address2: a.address2 ?? null,
            city: a.city ?? null,
            zip: a.zip ?? null,
            province: a.province ?? null,
            countryCode: a.countryCode ?? null,
            phone: a.phone ?? null,
          },
        }
      : {}),
  };
  const res = await request<{ orderCreate: { order: CreatedOrder | null; userErrors: { field?: string[] | null; message: string }[] } }>(
    ORDER_CREATE,
    { order, options: { inventoryBehaviour: 'DECREMENT_OBEYING_POLICY', sendReceipt: false } },
    signal,
  );
  const errors = res.orderCreate.userErrors;
  if (errors.length) throw new ConnectorError('rejected', `The shop refused the replacement order: ${errors.map((e) => (e.field?.length ? `${e.field.join('.')}: ` : '') + e.message).join('; ')}`, false);
  if (!res.orderCreate.order) throw new ConnectorError('rejected', 'The shop created no order and gave no reason.', false);
  return result(res.orderCreate.order);
}
