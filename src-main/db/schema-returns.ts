/**
 * Returns: the policy versions, RMAs with their lines, and store credit.
 * Money in integer minor units beside the currency; time as UTC ISO-8601 text.
 */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { customers, locations, orderLines, orders, refunds, users } from './schema';

/** Every saved version of the return policy; the one in force at a time is the latest with effective_from <= that time. */
export const returnPolicies = sqliteTable(
  'return_policies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    effectiveFrom: text('effective_from').notNull(),
    /** The ReturnPolicy JSON (src-shared/returns/policy.ts), validated before it is written. */
    policy: text('policy').notNull(),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('return_policies_effective').on(t.effectiveFrom, t.id)],
);

export const returns = sqliteTable(
  'returns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** RMA number printed on the slip and scanned at receiving, e.g. RMA-001234. */
    number: text('number').notNull().unique(),
    orderId: integer('order_id').notNull().references(() => orders.id),
    customerId: integer('customer_id').references(() => customers.id),
    status: text('status', { enum: ['requested', 'approved', 'in_transit', 'received', 'inspected', 'resolved', 'rejected'] }).notNull(),
    resolution: text('resolution', { enum: ['refund', 'store_credit', 'exchange'] }).notNull(),
    currency: text('currency').notNull(),
    policyId: integer('policy_id').notNull().references(() => returnPolicies.id),
    /** The whole evaluation (ReturnEvaluation JSON) the return was created with. */
    verdict: text('verdict').notNull(),
    needsApproval: integer('needs_approval', { mode: 'boolean' }).notNull().default(false),
    shippingRefundMinor: integer('shipping_refund_minor').notNull().default(0),
    labelMinor: integer('label_minor').notNull().default(0),
    totalMinor: integer('total_minor').notNull(),
    /** What was actually paid back at resolution (refund or credit); null until then. */
    resolvedMinor: integer('resolved_minor'),
    refundId: integer('refund_id').references(() => refunds.id),
    replacementOrderId: integer('replacement_order_id').references(() => orders.id),
    /**
     * Exchange for an item at another price: + the customer owes this (the
     * replacement order awaits payment), − it was refunded (refundId); 0 even.
     */
    exchangeDifferenceMinor: integer('exchange_difference_minor'),
    note: text('note'),
    trackingNumber: text('tracking_number'),
    rejectReason: text('reject_reason'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    approvedBy: integer('approved_by').references(() => users.id),
    approvedAt: text('approved_at'),
    inTransitAt: text('in_transit_at'),
    receivedAt: text('received_at'),
    inspectedAt: text('inspected_at'),
    resolvedAt: text('resolved_at'),
    rejectedAt: text('rejected_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('returns_status').on(t.status, t.createdAt),
    index('returns_order').on(t.orderId),
    index('returns_customer').on(t.customerId),
    uniqueIndex('returns_refund').on(t.refundId),
  ],
);

export const returnLines = sqliteTable(
  'return_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    returnId: integer('return_id').notNull().references(() => returns.id),
    orderLineId: integer('order_line_id').notNull().references(() => orderLines.id),
    quantity: integer('quantity').notNull(),
    reason: text('reason').notNull(),
    condition: text('condition').notNull(),
    verdict: text('verdict', { enum: ['eligible', 'eligible_with_fee', 'not_eligible'] }).notNull(),
    overrideReason: text('override_reason'),
    overriddenBy: integer('overridden_by').references(() => users.id),
    itemMinor: integer('item_minor').notNull(),
    taxMinor: integer('tax_minor').notNull(),
    feeMinor: integer('fee_minor').notNull(),
    shippingMinor: integer('shipping_minor').notNull().default(0),
    labelMinor: integer('label_minor').notNull().default(0),
    refundMinor: integer('refund_minor').notNull(),
    /** Inspection: restock into a location (through the stock ledger) or write off with a reason. */
    outcome: text('outcome', { enum: ['restock', 'write_off'] }),
    inspectedCondition: text('inspected_condition'),
    /** The verdict for the condition found (may differ from the declared one); the refund follows it. */
    inspectedVerdict: text('inspected_verdict', { enum: ['eligible', 'eligible_with_fee', 'not_eligible'] }),
    inspectionNotes: text('inspection_notes'),
    /** The refund as first judged on the declared condition, when inspection re-priced the line; null: unchanged. */
    declaredRefundMinor: integer('declared_refund_minor'),
    locationId: integer('location_id').references(() => locations.id),
    writeOffReason: text('write_off_reason'),
    inspectedBy: integer('inspected_by').references(() => users.id),
    inspectedAt: text('inspected_at'),
  },
  (t) => [index('return_lines_return').on(t.returnId), index('return_lines_order_line').on(t.orderLineId)],
);

/** Store credit per customer: an append-only ledger; the balance is the sum. One credit per return at most. */
export const storeCredits = sqliteTable(
  'store_credits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id').notNull().references(() => customers.id),
    deltaMinor: integer('delta_minor').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    returnId: integer('return_id').references(() => returns.id),
    userId: integer('user_id').references(() => users.id),
    at: text('at').notNull(),
  },
  (t) => [index('store_credits_customer').on(t.customerId, t.at), uniqueIndex('store_credits_return').on(t.returnId)],
);

/**
 * returns.report's rollups: units per UTC day of the order × dimension × key
 * (see src-main/core/returns/rollups.ts for the dimensions), kept by triggers
 * created on open, so the report never scans orders or lines.
 */
export const returnRollups = sqliteTable(
  'return_rollups',
  {
    dim: text('dim').notNull(),
    day: text('day').notNull(),
    key: text('key').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dim, t.day, t.key] }), index('return_rollups_key').on(t.dim, t.key, t.day)],
);
