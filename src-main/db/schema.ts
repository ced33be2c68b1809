/**
 * The store. Money: integer minor units beside an ISO currency code.
 * Time: UTC ISO-8601 text. IDs: our own integer keys; platform IDs in their
 * own columns, unique per platform. Stock and audit are append-only ledgers.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const createdAt = () => text('created_at').notNull().default(now);
const updatedAt = () => text('updated_at').notNull().default(now);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// ── people who use Orderhouse ─────────────────────────────────────────────
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['owner', 'manager', 'backoffice', 'packer'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: text('locked_until'),
  lastLoginAt: text('last_login_at'),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    client: text('client').notNull(),
    createdAt: createdAt(),
    lastSeenAt: text('last_seen_at').notNull(),
    endedAt: text('ended_at'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Tamper-evident: each row's hash covers the previous row's hash. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    detail: text('detail').notNull().default('{}'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity').on(t.entityType, t.entityId)],
);

// ── catalogue and stock ───────────────────────────────────────────────────
export const locations = sqliteTable(
  'locations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform'),
    externalId: text('external_id'),
    name: text('name').notNull(),
    code: text('code').notNull().unique(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('locations_platform_ext').on(t.platform, t.externalId)],
);

export const products = sqliteTable(
  'products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform'),
    externalId: text('external_id'),
    title: text('title').notNull(),
    productType: text('product_type'),
    vendor: text('vendor'),
    tags: text('tags').notNull().default(''),
    status: text('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('products_platform_ext').on(t.platform, t.externalId)],
);

export const variants = sqliteTable(
  'variants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productId: integer('product_id').notNull().references(() => products.id),
    platform: text('platform'),
    externalId: text('external_id'),
    inventoryItemId: text('inventory_item_id'),
    sku: text('sku'),
    barcode: text('barcode'),
    title: text('title'),
    priceMinor: integer('price_minor').notNull(),
    unitCostMinor: integer('unit_cost_minor'),
    currency: text('currency').notNull(),
    weightGrams: integer('weight_grams'),
    requiresShipping: integer('requires_shipping', { mode: 'boolean' }).notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('variants_platform_ext').on(t.platform, t.externalId),
    index('variants_sku').on(t.sku),
    index('variants_barcode').on(t.barcode),
    index('variants_product').on(t.productId),
  ],
);

/** Current level per SKU and location; kept in step with stock_movements in the same transaction. */
export const stockLevels = sqliteTable(
  'stock_levels',
  {
    variantId: integer('variant_id').notNull().references(() => variants.id),
    locationId: integer('location_id').notNull().references(() => locations.id),
    onHand: integer('on_hand').notNull().default(0),
    bin: text('bin'),
    reorderPoint: integer('reorder_point'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.variantId, t.locationId] }), index('stock_levels_location').on(t.locationId)],
);

/** Append-only: triggers refuse UPDATE and DELETE. */
export const stockMovements = sqliteTable(
  'stock_movements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    variantId: integer('variant_id').notNull().references(() => variants.id),
    locationId: integer('location_id').notNull().references(() => locations.id),
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    refType: text('ref_type'),
    refId: text('ref_id'),
    userId: integer('user_id').references(() => users.id),
  },
  (t) => [index('stock_movements_variant').on(t.variantId, t.locationId, t.at), index('stock_movements_ref').on(t.refType, t.refId)],
);

// ── customers ─────────────────────────────────────────────────────────────
export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform'),
    externalId: text('external_id'),
    ref: text('ref'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    email: text('email'),
    phone: text('phone'),
    birthDate: text('birth_date'),
    acceptsMarketing: integer('accepts_marketing', { mode: 'boolean' }).notNull().default(false),
    note: text('note'),
    mergedIntoId: integer('merged_into_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('customers_platform_ext').on(t.platform, t.externalId),
    index('customers_email').on(t.email),
    index('customers_ref').on(t.ref),
  ],
);

export const customerAddresses = sqliteTable(
  'customer_addresses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id').notNull().references(() => customers.id),
    name: text('name'),
    company: text('company'),
    address1: text('address1'),
    address2: text('address2'),
    city: text('city'),
    postcode: text('postcode'),
    region: text('region'),
    country: text('country'),
    phone: text('phone'),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('customer_addresses_customer').on(t.customerId)],
);

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
    // Keyset paging: one index per (queue, sort) and one per sort for "all".
    index('orders_q_created').on(t.queue, t.createdAt, t.id),
    index('orders_q_total').on(t.queue, t.totalMinor, t.id),
    index('orders_q_number').on(t.queue, t.number),
    index('orders_q_customer').on(t.queue, t.customerName, t.id),
    index('orders_created').on(t.createdAt, t.id),
    index('orders_total').on(t.totalMinor, t.id),
    index('orders_customer_name').on(t.customerName, t.id),
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

// ── sync ──────────────────────────────────────────────────────────────────
export const syncState = sqliteTable(
  'sync_state',
  {
    platform: text('platform').notNull(),
    resource: text('resource').notNull(),
    cursor: text('cursor'),
    lastSuccessAt: text('last_success_at'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.resource] })],
);

/** Local changes waiting to reach the platform; written in the same transaction as the change. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    kind: text('kind').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    payload: text('payload').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    status: text('status', { enum: ['pending', 'sending', 'done', 'failed', 'cancelled'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('outbox_status').on(t.status, t.nextAttemptAt)],
);

/** Platform records that failed validation: kept (scrubbed of card data) with the reason, never dropped. */
export const quarantine = sqliteTable(
  'quarantine',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    resource: text('resource').notNull(),
    externalId: text('external_id'),
    payload: text('payload').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['open', 'retried', 'discarded'] }).notNull().default('open'),
    createdAt: createdAt(),
  },
  (t) => [index('quarantine_status').on(t.status)],
);
