import { OmsError } from '../../../src-shared/contract/errors';
import { RETURN_STATUS_LABELS, type ReturnStatus } from '../../../src-shared/returns/types';
import type { CoreContext } from '../context';

export interface StepRecord {
  returnId: number;
  number: string;
  orderId: number;
  userId: number;
  at: string;
  /** Audit action, e.g. 'returns.approved'. */
  action: string;
  /** One sentence for the return's history and the order's (and so the customer's) timeline. */
  summary: string;
  detail?: Record<string, unknown>;
}

/**
 * Every step of a return is written twice, inside the step's transaction: to
 * the hash-chained audit log (entity 'return') and to the order's timeline.
 */
export function createStepRecorder(ctx: CoreContext) {
  const event = ctx.sqlite.prepare("INSERT INTO order_events (order_id, at, kind, message, user_id) VALUES (?, ?, 'return', ?, ?)");
  return function record(s: StepRecord): void {
    ctx.audit.record({ at: s.at, userId: s.userId, action: s.action, entityType: 'return', entityId: s.returnId, detail: { summary: s.summary, number: s.number, orderId: s.orderId, ...s.detail } });
    event.run(s.orderId, s.at, `${s.number}: ${s.summary}`, s.userId);
  };
}
export type StepRecorder = ReturnType<typeof createStepRecorder>;

/** Refuses a step that does not follow from the current status, saying what would. */
export function requireStatus(number: string, current: ReturnStatus, allowed: readonly ReturnStatus[], step: string): void {
  if (allowed.includes(current)) return;
  const from = allowed.map((s) => RETURN_STATUS_LABELS[s].toLowerCase()).join(' or ');
  throw new OmsError('CONFLICT', `${number} is ${RETURN_STATUS_LABELS[current].toLowerCase()}; only a return that is ${from} can be ${step}.`);
}
