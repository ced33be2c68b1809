import { OmsError } from '../../../src-shared/contract/errors';
import type { Handlers } from '../rpc/dispatch';
import type { Caller, CoreContext } from '../context';
import { createCreateReturn } from './create-return';
import { createEvaluateReturn } from './evaluate';
import { createInspectReturn } from './inspect-return';
import { createOrderQueries } from '../orders/list-orders';
import { eventOrderIds, takeAllocationMoves } from '../orders/changed-ids';
import { createOrderFacts } from './order-facts';
import { createReturnPolicies } from './policy-store';
import { createResolveReturn, type ResolveFaults } from './resolve-return';
import { createExchangeOptions } from './exchange-options';
import { createReturnsReport } from './report';
import { ensureReturnRollups } from './rollups';
import { createReturnSlip } from './return-slip';
import { createReturnQueries } from './rma-store';
import { createStepRecorder } from './steps';
import { createReturnTransitions } from './transitions';

type ReturnMethods =
  | 'returns.policy.get'
  | 'returns.policy.save'
  | 'returns.evaluate'
  | 'returns.create'
  | 'returns.approve'
  | 'returns.markInTransit'
  | 'returns.receive'
  | 'returns.inspect'
  | 'returns.resolve'
  | 'returns.reject'
  | 'returns.get'
  | 'returns.list'
  | 'returns.report'
  | 'returns.slip'
  | 'returns.exchangeOptions';

const signedIn = (caller: Caller | null): Caller => {
  if (!caller) throw new OmsError('UNAUTHENTICATED', 'Please sign in.');
  return caller;
};

/** The returns capability: its services, built once, and the contract methods they answer. */
export function createReturnServices(ctx: CoreContext, opts: { faults?: ResolveFaults } = {}) {
  const policies = createReturnPolicies(ctx);
  policies.ensureDefault();
  // The report's rollups: built once per workspace (or after a bulk load), then kept by triggers;
  // a first import's unfinished closing work builds them in pieces instead (core.ts).
  if (!ctx.closingWork) ensureReturnRollups(ctx.sqlite);
  const orderFacts = createOrderFacts(ctx.sqlite);
  const evaluate = createEvaluateReturn(ctx, policies, orderFacts);
  const step = createStepRecorder(ctx);
  const queries = createReturnQueries(ctx, policies);
  return {
    policies,
    orderFacts,
    evaluate,
    queries,
    slip: createReturnSlip(ctx, queries),
    exchangeOptions: createExchangeOptions(ctx, queries),
    create: createCreateReturn(ctx, evaluate, step),
    transitions: createReturnTransitions(ctx, step),
    inspect: createInspectReturn(ctx, policies, step),
    resolve: createResolveReturn(ctx, policies, step, opts.faults),
    report: createReturnsReport(ctx, policies),
  };
}
export type ReturnServices = ReturnType<typeof createReturnServices>;

export function createReturnHandlers(ctx: CoreContext, s: ReturnServices = createReturnServices(ctx)): Pick<Handlers, ReturnMethods> {
  const orderCounts = createOrderQueries(ctx.sqlite);
  /** Other windows showing returns refresh after a step (the event carries ids only). */
  const changed = (id: number) => {
    ctx.emit('returns.changed', { ids: [id] });
    return s.queries.get(id);
  };
  return {
    'returns.policy.get': (input) => {
      const at = input.at ?? ctx.clock.now().toISOString();
      return { current: s.policies.at(new Date(at).toISOString()), versions: s.policies.versions() };
    },
    'returns.policy.save': (input, caller) => s.policies.save(input, signedIn(caller)),
    'returns.evaluate': (input) => {
      const { customerId: _customerId, ...evaluation } = s.evaluate(input);
      return evaluation;
    },
    'returns.create': (input, caller) => changed(s.create(input, signedIn(caller))),
    'returns.approve': (input, caller) => {
      s.transitions.approve(input.id, signedIn(caller));
      return changed(input.id);
    },
    'returns.markInTransit': (input, caller) => {
      s.transitions.markInTransit(input.id, input.trackingNumber, signedIn(caller));
      return changed(input.id);
    },
    'returns.receive': (input, caller) => {
      const id = s.queries.idForNumber(input.rma);
      s.transitions.receive(id, signedIn(caller));
      return changed(id);
    },
    'returns.inspect': (input, caller) => {
      s.inspect(input, signedIn(caller));
      // A restock can cover orders that were short of stock: their queue moved.
      const moved = takeAllocationMoves(ctx.sqlite);
      if (moved.length) ctx.emit('orders.changed', { counts: orderCounts.counts(), orderIds: eventOrderIds(moved) });
      return changed(input.id);
    },
    'returns.resolve': (input, caller) => {
      const done = s.resolve(input.id, input.resolution, signedIn(caller), input.exchange);
      const replaced = [done.replacementOrderId].filter((x): x is number => x !== null);
      if (done.refundId !== null || replaced.length) ctx.emit('orders.changed', { counts: orderCounts.counts(), orderIds: eventOrderIds([s.queries.get(input.id).orderId, ...replaced], takeAllocationMoves(ctx.sqlite)) });
      return changed(input.id);
    },
    'returns.reject': (input, caller) => {
      s.transitions.reject(input.id, input.reason, signedIn(caller));
      return changed(input.id);
    },
    'returns.get': (input) => s.queries.get(input.id),
    'returns.list': (input) => s.queries.list(input),
    'returns.report': (input) => s.report(input),
    'returns.slip': (input) => s.slip(input.id),
    'returns.exchangeOptions': (input) => s.exchangeOptions(input.id),
  };
}
