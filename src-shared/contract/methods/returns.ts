import { z } from 'zod';
import { RESOLUTIONS, ReturnPolicy, type StoredReturnPolicy } from '../../returns/policy';
import { RETURN_STATUSES, type ExchangeOptions, type ReturnDetail, type ReturnEvaluation, type ReturnListResult, type ReturnsReport } from '../../returns/types';
import { id, isoDate, method } from './common';
import type { PdfFile } from './order-actions';

const quantity = z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(10_000, 'must be at most 10000');
const codeRef = z.string({ message: 'is required' }).trim().min(1, 'is required').max(40, 'must be at most 40 characters');

export const ReturnLineRequest = z
  .object({
    lineId: id,
    quantity,
    reason: codeRef,
    condition: codeRef,
  })
  .strict();

const writtenReason = z.string({ message: 'is required' }).trim().min(5, 'must say why in a few words (5+ characters)').max(500, 'must be at most 500 characters');
const lineWithOverride = ReturnLineRequest.extend({ override: z.object({ reason: writtenReason }).strict().optional() }).strict();

export const EvaluateReturnInput = z
  .object({
    orderId: id,
    /** `override`: what-if a manager accepts a not-eligible line (the amounts it would refund); only returns.create acts on it. */
    lines: z.array(lineWithOverride).min(1, 'pick at least one line').max(200, 'at most 200 lines'),
    /** Judge as of this instant (default: now). */
    at: isoDate.optional(),
  })
  .strict();
export type EvaluateReturnInput = z.input<typeof EvaluateReturnInput>;

const byId = z.object({ id }).strict();

export const CreateReturnInput = z
  .object({
    orderId: id,
    lines: z
      .array(lineWithOverride)
      .min(1, 'pick at least one line')
      .max(200, 'at most 200 lines'),
    resolution: z.enum(RESOLUTIONS, { message: `must be one of ${RESOLUTIONS.join(', ')}` }),
    note: z.string().trim().max(1000, 'must be at most 1000 characters').optional(),
  })
  .strict();
export type CreateReturnInput = z.input<typeof CreateReturnInput>;

export const InspectReturnInput = z
  .object({
    id,
    lines: z
      .array(
        z
          .object({
            returnLineId: id,
            outcome: z.enum(['restock', 'write_off'], { message: 'must be restock or write_off' }),
            /** Where restocked units go (required for restock). */
            locationId: id.optional(),
            /** The condition found; when it differs from the declared one the line is re-priced. */
            condition: z.string().trim().min(1).max(40).optional(),
            notes: z.string().trim().max(500, 'must be at most 500 characters').optional(),
            writeOffReason: z.string().trim().min(3, 'must say why (3+ characters)').max(500).optional(),
          })
          .strict(),
      )
      .min(1, 'inspect at least one line')
      .max(200),
  })
  .strict();
export type InspectReturnInput = z.input<typeof InspectReturnInput>;

export interface ReturnPolicyView {
  /** The version in force now (or at `at`). */
  current: StoredReturnPolicy;
  /** Versions, newest effective first (up to 50), including any scheduled for later. */
  versions: StoredReturnPolicy[];
}

/** Returns: the policy and the evaluation of a return against it. */
export const returnMethods = {
  'returns.policy.get': method<ReturnPolicyView>()({
    input: z.object({ at: isoDate.optional() }).strict().default({}),
    permission: 'returns.read',
    summary: 'The return policy in force (now or at a time) and its saved versions.',
  }),
  'returns.policy.save': method<StoredReturnPolicy>()({
    input: z
      .object({
        policy: ReturnPolicy,
        effectiveFrom: isoDate.optional(),
        note: z.string().trim().max(500, 'must be at most 500 characters').optional(),
      })
      .strict(),
    permission: 'returns.override',
    summary: 'Saves a new version of the return policy (owner or manager), in force from now or a later time; audited.',
  }),
  'returns.evaluate': method<ReturnEvaluation>()({
    input: EvaluateReturnInput,
    permission: 'returns.read',
    summary: 'Judges a return against the policy in force when the order was delivered: per-line verdict, reasons and amounts.',
  }),
  'returns.create': method<ReturnDetail>()({
    input: CreateReturnInput,
    permission: 'returns.write',
    summary: 'Creates an RMA (requested) with the verdict stored; a not-eligible line needs a manager override with a written reason.',
  }),
  'returns.approve': method<ReturnDetail>()({
    input: byId,
    permission: 'returns.write',
    summary: 'Approves a requested return; returns above the approval amount need returns.override (manager).',
  }),
  'returns.markInTransit': method<ReturnDetail>()({
    input: z.object({ id, trackingNumber: z.string().trim().min(1).max(100).optional() }).strict(),
    permission: 'returns.write',
    summary: 'The customer has sent the parcel back.',
  }),
  'returns.receive': method<ReturnDetail>()({
    input: z.object({ rma: z.string({ message: 'is required' }).trim().min(1, 'scan or type the RMA number').max(40) }).strict(),
    permission: 'returns.write',
    summary: 'Receives a parcel by its RMA number (scanned from the return slip).',
  }),
  'returns.inspect': method<ReturnDetail>()({
    input: InspectReturnInput,
    permission: 'returns.write',
    summary: 'Inspects lines: restock to a location through the stock ledger (exactly once) or write off with a reason.',
  }),
  'returns.resolve': method<ReturnDetail>()({
    input: z
      .object({
        id,
        resolution: z.enum(RESOLUTIONS).optional(),
        /** Exchange only: another variant (e.g. the next size) for a returned line; default the same item. */
        exchange: z.array(z.object({ returnLineId: id, variantId: id }).strict()).max(200).optional(),
      })
      .strict(),
    permission: 'returns.write',
    summary: 'Refund (refund row + outbox, exactly once), store credit, or exchange (creates the replacement order); repeating the call changes nothing.',
  }),
  'returns.reject': method<ReturnDetail>()({
    input: z.object({ id, reason: writtenReason }).strict(),
    permission: 'returns.write',
    summary: 'Rejects an open return with a written reason.',
  }),
  'returns.get': method<ReturnDetail>()({
    input: byId,
    permission: 'returns.read',
    summary: 'One return with its lines, verdict, amounts and history.',
  }),
  'returns.list': method<ReturnListResult>()({
    input: z
      .object({
        status: z.enum([...RETURN_STATUSES, 'open', 'all']).default('open'),
        orderId: id.optional(),
        search: z.string().trim().max(100).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict()
      .default({ status: 'open', limit: 100 }),
    permission: 'returns.read',
    summary: 'Returns by status (open: oldest first, with ageing) and counts per status.',
  }),
  'returns.exchangeOptions': method<ExchangeOptions>()({
    input: byId,
    permission: 'returns.read',
    summary: 'For an exchange: the other variants of each returned product (e.g. the next size) with stock on hand.',
  }),
  'returns.slip': method<PdfFile>()({
    input: byId,
    permission: 'returns.read',
    summary: 'The return slip (PDF) for an approved return: RMA number and its Code 128 barcode, items, what to do.',
  }),
  'returns.report': method<ReturnsReport>()({
    input: z
      .object({ from: isoDate.optional(), to: isoDate.optional(), limit: z.number().int().min(1).max(100).default(15) })
      .strict()
      .default({ limit: 15 }),
    permission: 'reports.read',
    summary: 'Return rate by product, reason and customer for orders placed in a period (default: the last 90 days).',
  }),
} as const;
