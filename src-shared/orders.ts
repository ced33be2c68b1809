/**
 * Order queues. Every order sits in exactly one queue, derived from its state by
 * `queueOf`, so counts are exact and a queue page is one indexed range.
 */
export const QUEUES = [
  'new',
  'ready_to_pack',
  'partially_fulfilled',
  'on_hold',
  'exceptions',
  'fulfilled',
  'cancelled',
] as const;
export type Queue = (typeof QUEUES)[number];

/**
 * "Unfulfilled" is a view over several queues, not a queue of its own: every
 * order still waiting to ship all its items. An order stays in exactly one
 * physical queue (so queue_counts stays exact); this view's count is the sum
 * of its members' counts and its list reads each member's index range.
 *
 * On hold and Exceptions belong to it: a held order or one short of stock is
 * still owed to the customer (Shopify's "Unfulfilled" tab includes held orders
 * too), and these are exactly the queues whose orders reserve stock
 * (order-actions/allocation.ts). Fulfilled and Cancelled are the only closed ones.
 */
export const UNFULFILLED_QUEUES = ['new', 'ready_to_pack', 'partially_fulfilled', 'on_hold', 'exceptions'] as const satisfies readonly Queue[];

/** What a list, count, tab or saved view may show: one queue, a view over several, or every order. */
export const QUEUE_VIEWS = ['all', 'unfulfilled', ...QUEUES] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** The physical queues a view reads; null for "all" (no queue condition at all). */
export function queuesOf(view: QueueView): readonly Queue[] | null {
  if (view === 'all') return null;
  if (view === 'unfulfilled') return UNFULFILLED_QUEUES;
  return [view];
}

/** Said in the tab's tooltip, so the choice above is visible where it is used. */
export const UNFULFILLED_HINT = 'Every order not yet fully shipped: New, Ready to pack, Partially fulfilled, On hold and Exceptions';

export const QUEUE_LABELS: Record<QueueView, string> = {
  all: 'All orders',
  new: 'New',
  unfulfilled: 'Unfulfilled',
  ready_to_pack: 'Ready to pack',
  partially_fulfilled: 'Partially fulfilled',
  on_hold: 'On hold',
  exceptions: 'Exceptions',
  fulfilled: 'Fulfilled',
  cancelled: 'Cancelled',
};

export const FINANCIAL_STATUSES = [
  'pending',
  'authorized',
  'paid',
  'partially_paid',
  'partially_refunded',
  'refunded',
  'voided',
  'failed',
] as const;
export type FinancialStatus = (typeof FINANCIAL_STATUSES)[number];

export const FULFILLMENT_STATUSES = ['unfulfilled', 'partial', 'fulfilled'] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

export const ORDER_STATUSES = ['open', 'cancelled', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const EXCEPTION_REASONS = ['payment_pending', 'payment_failed', 'address_problem', 'stock_short', 'sync_error'] as const;
export type ExceptionReason = (typeof EXCEPTION_REASONS)[number];

export const EXCEPTION_LABELS: Record<ExceptionReason, string> = {
  payment_pending: 'Payment pending',
  payment_failed: 'Payment failed',
  address_problem: 'Address problem',
  stock_short: 'Not enough stock',
  sync_error: 'Sync error',
};

export interface QueueInputs {
  status: OrderStatus;
  financialStatus: FinancialStatus;
  fulfillmentStatus: FulfillmentStatus;
  onHold: boolean;
  readyToPack: boolean;
  exceptionReason: ExceptionReason | null;
}

/** Precedence: closed states first, then a person's hold, then problems, then the work pipeline. */
export function queueOf(o: QueueInputs): Queue {
  if (o.status === 'cancelled') return 'cancelled';
  if (o.fulfillmentStatus === 'fulfilled') return 'fulfilled';
  if (o.onHold) return 'on_hold';
  if (o.exceptionReason) return 'exceptions';
  if (o.fulfillmentStatus === 'partial') return 'partially_fulfilled';
  if (o.readyToPack) return 'ready_to_pack';
  return 'new';
}

export interface AddressInput {
  address1: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
}

/** Exceptions the store can see on its own; stock shortage and sync errors are set by their owners. */
export function derivedException(financial: FinancialStatus, ship: AddressInput | null, requiresShipping = true): ExceptionReason | null {
  if (financial === 'failed' || financial === 'voided') return 'payment_failed';
  if (financial === 'pending') return 'payment_pending';
  if (requiresShipping && (!ship || !ship.address1?.trim() || !ship.city?.trim() || !ship.country?.trim())) return 'address_problem';
  return null;
}

export const ORDER_SORTS = ['newest', 'oldest', 'total_desc', 'total_asc', 'number_desc', 'number_asc', 'customer_asc'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

export const ORDER_SORT_LABELS: Record<OrderSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  total_desc: 'Highest total',
  total_asc: 'Lowest total',
  number_desc: 'Order number ↓',
  number_asc: 'Order number ↑',
  customer_asc: 'Customer A–Z',
};

export interface OrderSummary {
  id: number;
  number: number;
  name: string;
  createdAt: string;
  customerName: string;
  email: string | null;
  totalMinor: number;
  currency: string;
  financialStatus: FinancialStatus;
  fulfillmentStatus: FulfillmentStatus;
  queue: Queue;
  exceptionReason: ExceptionReason | null;
  itemCount: number;
  tags: string[];
  shipCountry: string | null;
}

export interface OrderLine {
  id: number;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  fulfilledQuantity: number;
  refundedQuantity: number;
  priceMinor: number;
  discountMinor: number;
  taxMinor: number;
  barcode: string | null;
}

export interface Address {
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  postcode: string | null;
  region: string | null;
  country: string | null;
  phone: string | null;
}

export interface Fulfilment {
  id: number;
  createdAt: string;
  status: string;
  locationName: string | null;
  trackingCompany: string | null;
  trackingNumber: string | null;
  lines: { lineId: number; quantity: number }[];
}

export interface Refund {
  id: number;
  createdAt: string;
  amountMinor: number;
  currency: string;
  reason: string | null;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  message: string;
  user: string | null;
}

export interface OrderDetail extends OrderSummary {
  status: OrderStatus;
  phone: string | null;
  note: string | null;
  onHold: boolean;
  holdReason: string | null;
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  taxMinor: number;
  refundedMinor: number;
  payment: { gateway: string | null; cardBrand: string | null; cardLast4: string | null };
  customer: { id: number; name: string; email: string | null; phone: string | null; orderCount: number } | null;
  shippingAddress: Address | null;
  lines: OrderLine[];
  fulfilments: Fulfilment[];
  refunds: Refund[];
  timeline: TimelineEntry[];
  cancelledAt: string | null;
  updatedAt: string;
  platform: string | null;
  externalId: string | null;
}
