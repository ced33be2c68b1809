import { formatMoney } from '../../../src-shared/money';
import type { FinancialStatus, FulfillmentStatus } from '../../../src-shared/orders';

// Formatters are built once: Intl constructors are slow and the order list formats
// hundreds of cells while scrolling. `undefined` = the user's own locale.
const dateTimeThisYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const dateTimeOtherYear = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const dateOtherYear = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const longDateTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** Store times are UTC ISO strings; people read them in local time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (d.getFullYear() === new Date().getFullYear() ? dateTimeThisYear : dateTimeOtherYear).format(d);
}

/** For list cells: this year's orders with their time, older ones by date only, so the column stays narrow. */
export function formatListDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (d.getFullYear() === new Date().getFullYear() ? dateTimeThisYear : dateOtherYear).format(d);
}

export function formatLongDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : longDateTime.format(d);
}

export function formatCount(n: number): string {
  return integer.format(n);
}

export function money(amountMinor: number, currency: string): string {
  return formatMoney(amountMinor, currency);
}

export type Tone = 'neutral' | 'green' | 'amber' | 'red' | 'blue' | 'purple';

export const FINANCIAL: Record<FinancialStatus, { label: string; tone: Tone }> = {
  pending: { label: 'Payment pending', tone: 'amber' },
  authorized: { label: 'Authorized', tone: 'amber' },
  paid: { label: 'Paid', tone: 'green' },
  partially_paid: { label: 'Partially paid', tone: 'amber' },
  partially_refunded: { label: 'Partly refunded', tone: 'purple' },
  refunded: { label: 'Refunded', tone: 'purple' },
  voided: { label: 'Voided', tone: 'red' },
  failed: { label: 'Payment failed', tone: 'red' },
};

export const FULFILMENT: Record<FulfillmentStatus, { label: string; tone: Tone }> = {
  unfulfilled: { label: 'Unfulfilled', tone: 'amber' },
  partial: { label: 'Partially fulfilled', tone: 'blue' },
  fulfilled: { label: 'Fulfilled', tone: 'neutral' },
};

/** "Visa •••• 4242" — the only card details Orderhouse ever shows (PCI: brand and last four). */
export function cardSummary(brand: string | null, last4: string | null): string | null {
  if (!brand && !last4) return null;
  const safeLast4 = last4 && /^\d{4}$/.test(last4) ? last4 : null;
  return [brand ? capitalise(brand) : 'Card', safeLast4 ? `•••• ${safeLast4}` : null].filter(Boolean).join(' ');
}

export function capitalise(s: string): string {
  return s.length ? s[0]!.toUpperCase() + s.slice(1) : s;
}

const GATEWAYS: Record<string, string> = {
  shopify_payments: 'Shopify Payments',
  paypal: 'PayPal',
  stripe: 'Stripe',
  manual: 'Manual',
  gift_card: 'Gift card',
  cash_on_delivery: 'Cash on delivery',
  bank_transfer: 'Bank transfer',
  klarna: 'Klarna',
  amazon_pay: 'Amazon Pay',
  apple_pay: 'Apple Pay',
  google_pay: 'Google Pay',
};

/** Payment gateway codes as their owners write them ("paypal" → "PayPal"). */
export function gatewayLabel(code: string): string {
  return GATEWAYS[code.toLowerCase()] ?? humanise(code);
}

/** "address_problem" → "Address problem": for codes the UI has no label for yet. */
export function humanise(code: string): string {
  return capitalise(code.replace(/[_.]+/g, ' ').trim());
}

export function pluralise(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
