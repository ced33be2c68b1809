import { z } from 'zod';
import type { FulfillmentStatus, Queue } from '../../orders';
import { id, isoDate, method } from './common';

/**
 * Working the orders: holds, tags, notes, address, assignment, ready to pack,
 * fulfil, cancel, bulk actions, stock allocation and the pack-station lookup.
 * Every write is permission-checked, audited and one transaction. Pass
 * `expectedUpdatedAt` (the order's updatedAt when you loaded it) to be told
 * with CONFLICT when someone — or a sync — changed the order meanwhile.
 */
const expectedUpdatedAt = isoDate.optional();
const reason = z.string({ message: 'must be text' }).trim().min(1, 'give a reason').max(500, 'must be at most 500 characters');
export const tag = z
  .string({ message: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[^,]+$/, 'may not contain a comma');
const tags = z.array(tag).min(1, 'give at least one tag').max(20, 'at most 20 tags');
const optText = (max: number) => z.string({ message: 'must be text' }).max(max, `must be at most ${max} characters`).nullish();

export const ShippingAddressSchema = z
  .object({
    name: z.string({ message: 'must be text' }).max(200, 'must be at most 200 characters'),
    company: optText(200),
    address1: z.string({ message: 'must be text' }).max(200, 'must be at most 200 characters'),
    address2: optText(200),
    city: z.string({ message: 'must be text' }).max(100, 'must be at most 100 characters'),
    postcode: optText(32),
    region: optText(100),
    country: z.string({ message: 'must be text' }).max(56, 'must be at most 56 characters'),
    phone: optText(40),
  })
  .strict();

export const FulfilInput = z
  .object({
    orderId: id,
    lines: z
      .array(
        z
          .object({
            lineId: id,
            quantity: z.number({ message: 'must be a number' }).int('must be a whole number').positive('must be at least 1').max(100_000, 'is too large'),
          })
          .strict(),
      )
      .min(1, 'choose at least one line to fulfil')
      .max(500, 'at most 500 lines'),
    locationId: id.optional(),
    tracking: z
      .object({
        company: z.string({ message: 'must be text' }).trim().min(1, 'name the carrier').max(100, 'must be at most 100 characters'),
        number: z.string({ message: 'must be text' }).trim().min(3, 'must be at least 3 characters').max(100, 'must be at most 100 characters'),
      })
      .strict()
      .optional(),
    /**
     * Units the packer confirmed by hand (items without a barcode, counted at the
     * pack station): recorded on the timeline and in the audit, so a shipment
     * that was not fully scanned is never mistaken for one that was.
     */
    handVerified: z
      .array(
        z
          .object({
            lineId: id,
            quantity: z.number({ message: 'must be a number' }).int('must be a whole number').positive('must be at least 1').max(100_000, 'is too large'),
          })
          .strict(),
      )
      .max(500, 'at most 500 lines')
      .optional(),
    expectedUpdatedAt,
  })
  .strict();

/** The platform's cancel reasons (Shopify's OrderCancelReason, lower-case); the free-text reason goes along as a staff note. */
export const CANCEL_REASONS = ['customer', 'declined', 'fraud', 'inventory', 'staff', 'other'] as const;

export const BULK_ACTIONS = ['tag', 'untag', 'hold', 'release', 'readyToPack'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_MAX = 10_000;

export const BulkInput = z
  .object({
    action: z.enum(BULK_ACTIONS, { message: `must be one of ${BULK_ACTIONS.join(', ')}` }),
    orderIds: z.array(id).min(1, 'select at least one order').max(BULK_MAX, `at most ${BULK_MAX.toLocaleString('en-US')} orders at once`),
    tags: tags.optional(),
    reason: reason.optional(),
    /** Names the job in job.progress events, so a window can follow its own bulk run. */
    jobId: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.action === 'tag' || v.action === 'untag') && !v.tags) ctx.addIssue({ code: 'custom', path: ['tags'], message: `give the tags to ${v.action === 'tag' ? 'add' : 'remove'}` });
    if ((v.action === 'hold' || v.action === 'release') && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: `give a reason to ${v.action}` });
  });

/** What every single-order action returns: enough for the screen to refresh and keep its stale-write token. */
export interface OrderActionResult {
  orderId: number;
  /** False when the order was already in the asked-for state (e.g. tag already present). */
  changed: boolean;
  queue: Queue;
  updatedAt: string;
}

export interface FulfilResult extends OrderActionResult {
  fulfilmentId: number;
  fulfillmentStatus: FulfillmentStatus;
  locationId: number | null;
  /** Stock ledger rows written. */
  movements: number;
  /** True when a push to the shop platform was queued (orders with no platform are local only). */
  pushQueued: boolean;
  /** e.g. stock at the location went below zero: worth a count. */
  warnings: string[];
}

export interface BulkItemResult {
  orderId: number;
  ok: boolean;
  changed: boolean;
  /** Order name (#1234) when the order exists. */
  name: string | null;
  error?: { code: string; message: string };
}

export interface BulkResult {
  jobId: string;
  action: BulkAction;
  total: number;
  changed: number;
  unchanged: number;
  failed: number;
  results: BulkItemResult[];
}

export interface AllocationRunResult {
  openOrders: number;
  short: number;
  /** Orders that moved into or out of "Not enough stock". */
  changedOrderIds: number[];
}

export interface PackLine {
  lineId: number;
  sku: string | null;
  barcode: string | null;
  title: string;
  variantTitle: string | null;
  bin: string | null;
  quantity: number;
  /** Still to ship: quantity − fulfilled − refunded. */
  remaining: number;
}

export interface PackOrder {
  orderId: number;
  number: number;
  name: string;
  customerName: string;
  shipTo: string;
  queue: Queue;
  status: string;
  onHold: boolean;
  holdReason: string | null;
  updatedAt: string;
  locationId: number | null;
  locationName: string | null;
  lines: PackLine[];
  /** Why this order cannot be packed now, in words; null when it can. */
  blocked: string | null;
}

/** A generated document: PDF bytes as base64 (the transport is JSON). */
export interface PdfFile {
  fileName: string;
  pdfBase64: string;
  pages: number;
}

export const orderActionMethods = {
  'orders.hold': method<OrderActionResult>()({
    input: z.object({ orderId: id, reason, expectedUpdatedAt }).strict(),
    permission: 'orders.write',
    summary: 'Put an order on hold with a reason; it leaves the work queues until released.',
  }),
  'orders.release': method<OrderActionResult>()({
    input: z.object({ orderId: id, reason, expectedUpdatedAt }).strict(),
    permission: 'orders.write',
    summary: 'Release a held order back into its queue, with a reason.',
  }),
  'orders.addTags': method<OrderActionResult>()({
    input: z.object({ orderId: id, tags, expectedUpdatedAt }).strict(),
    permission: 'orders.write',
    summary: 'Add tags to an order.',
  }),
  'orders.removeTags': method<OrderActionResult>()({
    input: z.object({ orderId: id, tags, expectedUpdatedAt }).strict(),
    permission: 'orders.write',
    summary: 'Remove tags from an order.',
  }),
  'orders.addNote': method<OrderActionResult>()({
    input: z.object({ orderId: id, text: z.string({ message: 'must be text' }).trim().min(1, 'write the note').max(4000, 'must be at most 4,000 characters') }).strict(),
    permission: 'orders.write',
    summary: 'Add an internal note to the order timeline (never sent to the customer or the platform).',
  }),
  'orders.updateShippingAddress': method<OrderActionResult>()({
    input: z.object({ orderId: id, address: ShippingAddressSchema, expectedUpdatedAt }).strict(),
    permission: 'orders.write',
    summary: 'Correct the shipping address; validated per country, clears an address exception.',
  }),
  'orders.assign': method<OrderActionResult>()({
    input: z.object({ orderId: id, userId: id.nullable(), expectedUpdatedAt }).strict(),
    permission: 'orders.write',
    summary: 'Assign the order to a user (null: unassign).',
  }),
  'orders.markReadyToPack': method<OrderActionResult>()({
    input: z.object({ orderId: id, ready: z.boolean().default(true), expectedUpdatedAt }).strict(),
    permission: 'orders.write',
    summary: 'Send an order to (or take it back from) the Ready to pack queue.',
  }),
  'orders.fulfil': method<FulfilResult>()({
    input: FulfilInput,
    permission: 'orders.fulfil',
    summary: 'Record a (partial) fulfilment: stock out through the ledger, push queued for the platform, order moved to its queue.',
  }),
  'orders.cancel': method<OrderActionResult>()({
    input: z
      .object({ orderId: id, reason, reasonCode: z.enum(CANCEL_REASONS, { message: `must be one of ${CANCEL_REASONS.join(', ')}` }).default('other'), restock: z.boolean({ message: 'must be true or false' }), expectedUpdatedAt })
      .strict(),
    permission: 'orders.write',
    summary: 'Cancel an order; restock: put already-shipped units of a partly fulfilled order back on the shelf through the ledger.',
  }),
  'orders.bulk': method<BulkResult>()({
    input: BulkInput,
    permission: 'orders.write',
    summary: 'Tag, untag, hold, release or mark ready to pack many orders; one bad order never stops the rest; progress as job.progress events.',
  }),
  'orders.allocateStock': method<AllocationRunResult>()({
    input: z.object({}).strict().default({}),
    permission: 'orders.write',
    summary: 'Re-run stock allocation over all open orders (oldest first); uncovered orders go to Exceptions as "Not enough stock".',
  }),
  'orders.packingSlips': method<PdfFile>()({
    input: z.object({ orderIds: z.array(id).min(1, 'choose at least one order').max(200, 'at most 200 slips at once') }).strict(),
    permission: 'orders.fulfil',
    summary: 'Packing slips as one PDF, a page per order: shop name, ship-to, lines with bin and quantities, a Code 128 barcode of the order number.',
  }),
  'orders.pickList': method<PdfFile>()({
    input: z.object({ orderIds: z.array(id).min(1, 'choose at least one order').max(1000, 'at most 1,000 orders per pick list') }).strict(),
    permission: 'orders.fulfil',
    summary: 'A batch pick list (PDF) for the orders: units still to ship, grouped by location and bin, then SKU, with the orders each goes to.',
  }),
  'orders.findForPacking': method<PackOrder>()({
    input: z.object({ number: z.string({ message: 'must be text' }).trim().min(1, 'scan or type an order number').max(40, 'must be at most 40 characters') }).strict(),
    permission: 'orders.fulfil',
    summary: 'Pack station: find an order by its number (as typed or scanned) with lines, barcodes and bins.',
  }),
} as const;
