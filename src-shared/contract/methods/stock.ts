import { z } from 'zod';
import { id, method } from './common';

/**
 * Stock: the levels per SKU and location, staff adjustments (count corrections,
 * damage, finds, receipts) and one SKU's ledger. An adjustment is a ledger
 * entry, a push of the delta to the shop platform through the outbox (same
 * transaction) and an allocation run, so orders waiting for the SKU leave or
 * enter Exceptions at once.
 */
export const ADJUST_REASONS = ['count_correction', 'damaged', 'found', 'received', 'other'] as const;
export type AdjustReason = (typeof ADJUST_REASONS)[number];
export const ADJUST_REASON_LABELS: Record<AdjustReason, string> = {
  count_correction: 'Count correction',
  damaged: 'Damaged',
  found: 'Found',
  received: 'Received',
  other: 'Other',
};
/** One adjustment may move at most this many units either way: a typo guard, not a business rule. */
export const MAX_ADJUST_DELTA = 100_000;

export interface StockLocation {
  id: number;
  name: string;
  code: string;
}

export interface StockLocationLevel {
  locationId: number;
  onHand: number;
  bin: string | null;
}

export interface StockItem {
  variantId: number;
  sku: string | null;
  barcode: string | null;
  /** Product title, with the variant title when there is one ("Linen shirt · M"). */
  title: string;
  /** On hand across active locations (a negative level counts as it is: someone must count it). */
  onHand: number;
  /** Units covered orders hold (allocation is per SKU across active locations, not per location). */
  reserved: number;
  /** On hand (negatives as zero) minus reserved. */
  available: number;
  /** Units open orders want that stock cannot cover (they are in Exceptions: "Not enough stock"). */
  waiting: number;
  /** Reserved exceeds on hand, or orders wait for this SKU. */
  short: boolean;
  levels: StockLocationLevel[];
}

export interface StockLevelsPage {
  /** Active locations, in the order the table shows them. */
  locations: StockLocation[];
  items: StockItem[];
  /** Pass back as `after` for the next page; null when this was the last. */
  nextCursor: number | null;
}

export interface StockMovementView {
  id: number;
  at: string;
  locationId: number;
  locationName: string;
  delta: number;
  /** In words: 'fulfilment', 'Count correction: shelf recount', 'sync'… */
  reason: string;
  refType: string | null;
  refId: string | null;
  userName: string | null;
  /** A staff adjustment that can still be undone (not undone yet). */
  undoable: boolean;
}

export interface StockHistory {
  item: StockItem;
  locations: StockLocation[];
  movements: StockMovementView[];
  nextCursor: number | null;
}

export interface StockAdjustResult {
  movementId: number;
  /** The units moved (for an undo: the reverse of the adjustment). */
  delta: number;
  item: StockItem;
  /** Whether the delta was queued for the shop platform (false: a local-only SKU or location). */
  pushQueued: boolean;
  /** Orders that left or entered Exceptions ("Not enough stock") because of this change. */
  movedOrderIds: number[];
}

const search = z.string({ message: 'must be text' }).trim().max(100, 'must be at most 100 characters').optional();

export const AdjustInput = z
  .object({
    variantId: id,
    locationId: id,
    delta: z
      .number({ message: 'must be a number' })
      .int('must be a whole number of units')
      .refine((n) => n !== 0, 'must not be 0: add or remove at least one unit')
      .refine((n) => Math.abs(n) <= MAX_ADJUST_DELTA, `must be at most ${MAX_ADJUST_DELTA.toLocaleString('en')} units either way`),
    reason: z.enum(ADJUST_REASONS, { message: `must be one of: ${ADJUST_REASONS.join(', ')}` }),
    note: z.string({ message: 'must be text' }).trim().max(300, 'must be at most 300 characters').optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'say why when the reason is "other"' });
    if (v.reason === 'damaged' && v.delta > 0) ctx.addIssue({ code: 'custom', path: ['delta'], message: 'damaged stock is removed: use a negative delta' });
    if ((v.reason === 'found' || v.reason === 'received') && v.delta < 0) ctx.addIssue({ code: 'custom', path: ['delta'], message: `${v.reason} stock is added: use a positive delta` });
  });

export const stockMethods = {
  'stock.levels': method<StockLevelsPage>()({
    input: z
      .object({
        search,
        filter: z.enum(['all', 'short'], { message: 'must be "all" or "short"' }).default('all'),
        after: id.optional(),
        limit: z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
      })
      .strict()
      .default({ filter: 'all', limit: 50 }),
    permission: 'inventory.read',
    summary: 'Stock per SKU (search by SKU, title or barcode; keyset pages by SKU): per-location on hand, reserved, available; filter "short".',
  }),
  'stock.history': method<StockHistory>()({
    input: z.object({ variantId: id, before: id.optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    permission: 'inventory.read',
    summary: "One SKU's levels and its ledger, newest first, with who and why.",
  }),
  'stock.adjust': method<StockAdjustResult>()({
    input: AdjustInput,
    permission: 'inventory.write',
    summary: 'Adds or removes units at a location with a reason: ledger entry, push to the platform, allocation re-run; audited. Refuses to leave on hand below 0.',
  }),
  'stock.undoAdjustment': method<StockAdjustResult>()({
    input: z.object({ movementId: id }).strict(),
    permission: 'inventory.write',
    summary: 'Reverses a staff adjustment with an opposite ledger entry (pushed and audited like any adjustment); once per adjustment.',
  }),
};
