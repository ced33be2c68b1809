import type { Address } from '../../../../src-shared/orders';
import { ConnectorError, type PushResult } from '../connector';

/**
 * A shipping address corrected in Orderhouse, sent to Shopify exactly once in
 * effect. orderUpdate documents no @idempotent support in 2026-04, so no key is
 * sent: the order's address is read back first and the update is sent only
 * when the shop does not have it already. A process killed after Shopify
 * applied the change but before the outbox row was marked done therefore finds
 * the address in place on its next run and sends nothing.
 */
export const ORDER_ADDRESS_QUERY = `query OrderAddress($id: ID!) {
  order(id: $id) { id cancelledAt displayFulfillmentStatus shippingAddress { name company address1 address2 city zip province countryCodeV2 phone } }
}`;
export const ORDER_ADDRESS_UPDATE = `mutation OrderAddressUpdate($input: OrderInput!) {
  orderUpdate(input: $input) { order { id updatedAt } userErrors { field message } }
}`;

type Request = <T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal, opts?: { atMostOnce?: boolean }) => Promise<T>;
interface ShopAddress { name: string | null; company: string | null; address1: string | null; address2: string | null; city: string | null; zip: string | null; province: string | null; countryCodeV2: string | null; phone: string | null }

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/** True when the shop's address already is the one Orderhouse wants (the fields Orderhouse keeps). */
export function addressMatches(shop: ShopAddress | null, want: Address): boolean {
  if (!shop) return false;
  return same(shop.name, want.name) && same(shop.company, want.company) && same(shop.address1, want.address1) && same(shop.address2, want.address2) && same(shop.city, want.city)
    && same(shop.zip, want.postcode) && same(shop.province, want.region) && same(shop.countryCodeV2, want.country) && same(shop.phone, want.phone);
}

/** Orderhouse keeps one name; Shopify wants first and last: the last word is the last name. */
export function toMailingAddressInput(a: Address): Record<string, string | null> {
  const words = (a.name ?? '').trim().split(/\s+/).filter(Boolean);
  const lastName = words.length ? (words.pop() as string) : null;
  return {
    firstName: words.length ? words.join(' ') : null, lastName, company: a.company, address1: a.address1, address2: a.address2, city: a.city,
    zip: a.postcode, province: a.region, countryCode: a.country, phone: a.phone,
  };
}

export async function pushShippingAddress(request: Request, orderId: string, address: Address, signal?: AbortSignal): Promise<PushResult> {
  const read = await request<{ order: { id: string; cancelledAt: string | null; displayFulfillmentStatus: string; shippingAddress: ShopAddress | null } | null }>(ORDER_ADDRESS_QUERY, { id: orderId }, signal);
  if (!read.order) throw new ConnectorError('rejected', `The order ${orderId} no longer exists in the shop.`, false);
  if (addressMatches(read.order.shippingAddress, address)) return {};
  const res = await request<{ orderUpdate: { userErrors: { field: string[] | null; message: string }[] } }>(ORDER_ADDRESS_UPDATE, { input: { id: orderId, shippingAddress: toMailingAddressInput(address) } }, signal, { atMostOnce: true });
  const errors = res.orderUpdate.userErrors;
  if (errors.length) throw new ConnectorError('rejected', `The shop refused the address change: ${errors.map((e) => (e.field?.length ? `${e.field.join('.')}: ` : '') + e.message).join('; ')}`, false);
  return {};
}
