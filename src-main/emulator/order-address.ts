import type { EmuAddress, EmuOrder } from './shop-data';

/**
 * orderUpdate's `shippingAddress` (OrderInput.shippingAddress: MailingAddressInput
 * in the 2026-04 Admin API) as the platform applies it: the order's shipping
 * address is replaced by the one given. Like Shopify, it is refused with a user
 * error when the order has shipped in full or is cancelled, when the country
 * code is not an ISO 3166 alpha-2 code, or when the street or city is missing.
 * orderUpdate documents no idempotency key, so a caller that may be re-sending
 * reads the order back first (the connector does).
 */
export const ORDER_ADDRESS_SDL = `
extend input OrderInput { shippingAddress: MailingAddressInput }
`;

export interface MailingAddressInput {
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  company?: string | null;
  countryCode?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  province?: string | null;
  zip?: string | null;
}

type UserError = { field: string[]; message: string }[];
const clean = (v: string | null | undefined): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Checks the address against the order; null when it can be applied. */
export function shippingAddressErrors(o: EmuOrder, a: MailingAddressInput | null): UserError | null {
  const field = (f: string) => ['shippingAddress', f];
  if (o.cancelledAt) return [{ field: ['shippingAddress'], message: 'Cannot change the shipping address of a cancelled order.' }];
  if (o.fulfillmentStatus === 'fulfilled') return [{ field: ['shippingAddress'], message: 'Cannot change the shipping address of an order that has been fulfilled.' }];
  if (a === null) return [{ field: ['shippingAddress'], message: 'Shipping address cannot be removed from an order that requires shipping.' }];
  if (!clean(a.countryCode) || !/^[A-Z]{2}$/.test(String(a.countryCode).trim())) return [{ field: field('countryCode'), message: `Country code "${a.countryCode ?? ''}" is not a valid ISO 3166 alpha-2 code.` }];
  if (!clean(a.address1)) return [{ field: field('address1'), message: 'Address1 is required.' }];
  if (!clean(a.city)) return [{ field: field('city'), message: 'City is required.' }];
  return null;
}

/** Replaces the order's shipping address (call after `shippingAddressErrors` said yes). */
export function applyShippingAddress(o: EmuOrder, a: MailingAddressInput): void {
  const name = [clean(a.firstName), clean(a.lastName)].filter(Boolean).join(' ') || null;
  const next: EmuAddress = {
    id: o.ship?.id ?? 0, name, company: clean(a.company), address1: clean(a.address1), address2: clean(a.address2), city: clean(a.city), zip: clean(a.zip),
    province: clean(a.province), country: clean(a.countryCode), phone: clean(a.phone),
  };
  o.ship = next;
}
