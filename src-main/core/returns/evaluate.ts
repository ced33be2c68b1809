import { OmsError } from '../../../src-shared/contract/errors';
import type { ReturnEvaluation } from '../../../src-shared/returns/types';
import type { CoreContext } from '../context';
import { judgeReturn, type RequestedLine } from './judge';
import type { OrderFactsLoader } from './order-facts';
import type { ReturnPolicies } from './policy-store';

/**
 * Evaluates a return in the core: loads the order's facts, picks the policy in
 * force when the order was delivered (or first fulfilled) and judges each line.
 */
export function createEvaluateReturn(ctx: CoreContext, policies: ReturnPolicies, orderFacts: OrderFactsLoader) {
  return function evaluate(input: { orderId: number; lines: RequestedLine[]; at?: string | undefined }): ReturnEvaluation & { customerId: number | null } {
    const facts = orderFacts(input.orderId);
    if (facts.orderStatus === 'cancelled') throw new OmsError('VALIDATION', `orderId: order ${facts.orderName} was cancelled; there is nothing to return`, { field: 'orderId' });
    const at = input.at ? new Date(input.at).toISOString() : ctx.clock.now().toISOString();
    const started = facts.lines.map((l) => l.startedAt).filter((s): s is string => s !== null).sort()[0];
    const stored = policies.forJudging(policies.at(started ?? at));
    return { ...judgeReturn(stored.policy, stored.id, facts, input.lines, at), customerId: facts.customerId };
  };
}
export type EvaluateReturn = ReturnType<typeof createEvaluateReturn>;
