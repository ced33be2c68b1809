import type { CustomerSummary, ListOrdersResult, Role } from '../../../src-shared/contract';
import type { OrderDetail } from '../../../src-shared/orders';
import { maskEmail, maskPhone } from './mask';

/**
 * Who sees a customer's contact data in full. Applied in the core, to every
 * response that carries it, so no screen, CLI call or browser client can show
 * more than the role may see.
 *
 * - Owner, manager and back office answer customers (reply, call back, fix an
 *   address): they see everything.
 * - The packer needs only what goes on the parcel — the name and the shipping
 *   address (street, city, postcode, country). Email and phone numbers are
 *   masked to enough to recognise an order ("j•••@gmail.com", "•••• 0123"),
 *   birth dates are withheld. There is no reveal: nothing in packing needs them.
 */
export type FieldView = 'full' | 'masked' | 'hidden';
export interface ContactPolicy {
  email: FieldView;
  phone: FieldView;
  /** Street, city, postcode of the shipping address. */
  shippingAddress: FieldView;
  birthDate: FieldView;
}

const FULL: ContactPolicy = { email: 'full', phone: 'full', shippingAddress: 'full', birthDate: 'full' };
export const CONTACT_POLICY: Record<Role, ContactPolicy> = {
  owner: FULL,
  manager: FULL,
  backoffice: FULL,
  packer: { email: 'masked', phone: 'masked', shippingAddress: 'full', birthDate: 'hidden' },
};

const view = <T extends string | null>(value: T, how: FieldView, mask: (v: T) => T): T | null => (how === 'full' ? value : how === 'masked' ? mask(value) : null);

export function showEmail(email: string | null, role: Role): string | null {
  return view(email, CONTACT_POLICY[role].email, maskEmail);
}
export function showPhone(phone: string | null, role: Role): string | null {
  return view(phone, CONTACT_POLICY[role].phone, maskPhone);
}
export function showBirthDate(date: string | null, role: Role): string | null {
  return view(date, CONTACT_POLICY[role].birthDate, (d) => (d ? `${d.slice(0, 4)}-••-••` : d));
}
export const seesAllContact = (role: Role): boolean => Object.values(CONTACT_POLICY[role]).every((v) => v === 'full');

/** orders.list as the role may see it. */
export function orderListFor(result: ListOrdersResult, role: Role): ListOrdersResult {
  if (seesAllContact(role)) return result;
  return { ...result, items: result.items.map((o) => ({ ...o, email: showEmail(o.email, role) })) };
}

/** orders.get as the role may see it. */
export function orderDetailFor(o: OrderDetail, role: Role): OrderDetail {
  if (seesAllContact(role)) return o;
  return {
    ...o,
    email: showEmail(o.email, role),
    phone: showPhone(o.phone, role),
    customer: o.customer ? { ...o.customer, email: showEmail(o.customer.email, role), phone: showPhone(o.customer.phone, role) } : null,
    shippingAddress: o.shippingAddress && CONTACT_POLICY[role].shippingAddress === 'full' ? { ...o.shippingAddress, phone: showPhone(o.shippingAddress.phone, role) } : null,
  };
}

/** customers.list as the role may see it. */
export function customerListFor(result: { items: CustomerSummary[]; total: number }, role: Role): { items: CustomerSummary[]; total: number } {
  if (seesAllContact(role)) return result;
  return { ...result, items: result.items.map((c) => ({ ...c, email: showEmail(c.email, role), phone: showPhone(c.phone, role) })) };
}
