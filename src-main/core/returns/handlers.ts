import { OmsError } from '../../../src-shared/contract/errors';
import type { Handlers } from '../rpc/dispatch';
import type { Caller, CoreContext } from '../context';
import { createEvaluateReturn } from './evaluate';
import { createOrderFacts } from './order-facts';
import { createReturnPolicies } from './policy-store';

type ReturnMethods = 'returns.policy.get' | 'returns.policy.save' | 'returns.evaluate';

const signedIn = (caller: Caller | null): Caller => {
  if (!caller) throw new OmsError('UNAUTHENTICATED', 'Please sign in.');
  return caller;
};

/** The returns capability: its services, built once, and the contract methods they answer. */
export function createReturnServices(ctx: CoreContext) {
  const policies = createReturnPolicies(ctx);
  policies.ensureDefault();
  const orderFacts = createOrderFacts(ctx.sqlite);
  const evaluate = createEvaluateReturn(ctx, policies, orderFacts);
  return { policies, orderFacts, evaluate };
}
export type ReturnServices = ReturnType<typeof createReturnServices>;

export function createReturnHandlers(ctx: CoreContext, s: ReturnServices = createReturnServices(ctx)): Pick<Handlers, ReturnMethods> {
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
  };
}
