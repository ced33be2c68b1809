import { z } from 'zod';
import { ReturnPolicy, type StoredReturnPolicy } from '../../returns/policy';
import type { ReturnEvaluation } from '../../returns/types';
import { id, isoDate, method } from './common';

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

export const EvaluateReturnInput = z
  .object({
    orderId: id,
    lines: z.array(ReturnLineRequest).min(1, 'pick at least one line').max(200, 'at most 200 lines'),
    /** Judge as of this instant (default: now). */
    at: isoDate.optional(),
  })
  .strict();
export type EvaluateReturnInput = z.input<typeof EvaluateReturnInput>;

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
} as const;
