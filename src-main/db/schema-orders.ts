/** Orders: lines, tags, events, fulfilments, refunds, and the live queue counts. Part of the foundation's schema (see schema.ts). */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './schema-people';
import { locations, variants } from './schema-catalogue';
import { customers } from './schema-customer-records';

// ── orders ────────────────────────────────────────────────────────────────
export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform'),
    externalId: text('external_id'),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    customerId: integer('customer_id').references(() => customers.id),
    customerName: text('customer_name').notNull().default(''),
    email: text('email'),
    phone: text('phone'),
    currency: text('currency').notNull(),
    subtotalMinor: integer('subtotal_minor').notNull(),
    discountMinor: integer('discount_minor').notNull().default(0),
    shippingMinor: integer('shipping_minor').notNull().default(0),
    taxMinor: integer('tax_minor').notNull().default(0),
    totalMinor: integer('total_minor').notNull(),
    refundedMinor: integer('refunded_minor').notNull().default(0),
    financialStatus: text('financial_status').notNull(),
    fulfillmentStatus: text('fulfillment_status').notNull(),
    status: text('status').notNull().default('open'),
    onHold: integer('on_hold', { mode: 'boolean' }).notNull().default(false),
    holdReason: text('hold_reason'),
    readyToPack: integer('ready_to_pack', { mode: 'boolean' }).notNull().default(false),
    exceptionReason: text('exception_reason'),
    /** Derived by queueOf() on every write; counts in queue_counts follow it by trigger. */
    queue: text('queue').notNull(),
    tags: text('tags').notNull().default(''),
    note: text('note'),
    itemCount: integer('item_count').notNull().default(0),
    shipName: text('ship_name'),
    shipCompany: text('ship_company'),
    shipAddress1: text('ship_address1'),
    shipAddress2: text('ship_address2'),
    shipCity: text('ship_city'),
    shipPostcode: text('ship_postcode'),
    shipRegion: text('ship_region'),
    shipCountry: text('ship_country'),
    shipPhone: text('ship_phone'),
    gateway: text('gateway'),
    cardBrand: text('card_brand'),
    cardLast4: text('card_last4'),
    assignedUserId: integer('assigned_user_id').references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    cancelledAt: text('cancelled_at'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    uniqueIndex('orders_platform_ext').on(t.platform, t.externalId),
    uniqueIndex('orders_number').on(t.number),
    // Keyset paging: one index per (queue, sort). "All" sorted by date or number has its
    // own (orders_created; orders_number above); sorted by total or customer it merges the
    // seven queues' pages (orders/list-orders.ts), so it needs no index of its own — two
    // fewer indexes for every order written, which pays for the wider ones here.
    // created_at trails the sort indexes as payload: a date filter is then checked in
    // the index and only the rows of the page are read from the table (SQLite's deferred
    // seek). Walking the total index for a 120-day range with a tag at 1M orders took
    // 20–105 ms per page reading every row it passed; with created_at in the index, 1–4 ms.
    index('orders_q_created').on(t.queue, t.createdAt, t.id),
    index('orders_q_total').on(t.queue, t.totalMinor, t.id, t.createdAt),
    index('orders_q_number').on(t.queue, t.number, t.createdAt),
    index('orders_q_customer').on(t.queue, t.customerName, t.id, t.createdAt),
    index('orders_created').on(t.createdAt, t.id),
    index('orders_customer').on(t.customerId, t.createdAt),
  ],
);

export const orderLines = sqliteTable(
  'order_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id').notNull().references(() => orders.id),
    externalId: text('external_id'),
    variantId: integer('variant_id').references(() => variants.id),
    sku: text('sku'),
    title: text('title').notNull(),
    variantTitle: text('variant_title'),
    productType: text('product_type'),
    quantity: integer('quantity').notNull(),
    fulfilledQuantity: integer('fulfilled_quantity').notNull().default(0),
    refundedQuantity: integer('refunded_quantity').notNull().default(0),
    priceMinor: integer('price_minor').notNull(),
    discountMinor: integer('discount_minor').notNull().default(0),
    taxMinor: integer('tax_minor').notNull().default(0),
    requiresShipping: integer('requires_shipping', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    index('order_lines_order').on(t.orderId),
    index('order_lines_variant').on(t.variantId),
    index('order_lines_ext').on(t.externalId),
    // Search by SKU or its beginning, whatever case is typed (see orders/sku-search.ts).
    index('order_lines_sku_upper').on(sql`upper(${t.sku})`),
  ],
);

export const orderTags = sqliteTable(
  'order_tags',
  {
    tag: text('tag').notNull(),
    orderId: integer('order_id').notNull().references(() => orders.id),
  },
  (t) => [primaryKey({ columns: [t.tag, t.orderId] }), index('order_tags_order').on(t.orderId)],
);

export const orderEvents = sqliteTable(
  'order_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id').notNull().references(() => orders.id),
    at: text('at').notNull(),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    userId: integer('user_id').references(() => users.id),
  },
  (t) => [index('order_events_order').on(t.orderId, t.at)],
);

export const fulfilments = sqliteTable(
  'fulfilments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id').notNull().references(() => orders.id),
    platform: text('platform'),
    externalId: text('external_id'),
    locationId: integer('location_id').references(() => locations.id),
    status: text('status').notNull().default('success'),
    trackingCompany: text('tracking_company'),
    trackingNumber: text('tracking_number'),
    trackingUrl: text('tracking_url'),
    userId: integer('user_id').references(() => users.id),
    createdAt: text('created_at').notNull(),
    /** When the carrier delivered it (null: not yet, or unknown); return windows count from here. */
    deliveredAt: text('delivered_at'),
  },
  (t) => [index('fulfilments_order').on(t.orderId), uniqueIndex('fulfilments_platform_ext').on(t.platform, t.externalId)],
);

export const fulfilmentLines = sqliteTable(
  'fulfilment_lines',
  {
    fulfilmentId: integer('fulfilment_id').notNull().references(() => fulfilments.id),
    orderLineId: integer('order_line_id').notNull().references(() => orderLines.id),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fulfilmentId, t.orderLineId] })],
);

export const refunds = sqliteTable(
  'refunds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id').notNull().references(() => orders.id),
    platform: text('platform'),
    externalId: text('external_id'),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason'),
    note: text('note'),
    userId: integer('user_id').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('refunds_order').on(t.orderId), uniqueIndex('refunds_platform_ext').on(t.platform, t.externalId)],
);

export const refundLines = sqliteTable(
  'refund_lines',
  {
    refundId: integer('refund_id').notNull().references(() => refunds.id),
    orderLineId: integer('order_line_id').notNull().references(() => orderLines.id),
    quantity: integer('quantity').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    restock: integer('restock', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.refundId, t.orderLineId] })],
);

/** Exact live counts per queue, maintained by triggers on orders. */
export const queueCounts = sqliteTable('queue_counts', {
  queue: text('queue').primaryKey(),
  count: integer('count').notNull().default(0),
});
