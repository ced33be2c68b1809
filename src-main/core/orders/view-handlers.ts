import { OmsError } from '../../../src-shared/contract';
import type { Caller, CoreContext } from '../context';
import type { Handlers } from '../rpc/dispatch';
import { createOrderQueries } from './list-orders';
import { createSavedViews } from './saved-views';

type OrderViewMethods = 'orders.views.list' | 'orders.views.save' | 'orders.views.delete' | 'orders.exceptionCounts';

const signedIn = (caller: Caller | null): Caller => {
  if (!caller) throw new OmsError('UNAUTHENTICATED', 'Please sign in.');
  return caller;
};

/** Saved queue views (per user) and the Exceptions breakdown. */
export function createOrderViewHandlers(ctx: CoreContext): Pick<Handlers, OrderViewMethods> {
  const views = createSavedViews(ctx);
  const queries = createOrderQueries(ctx.sqlite);
  return {
    'orders.views.list': (_i, c) => views.list(signedIn(c)),
    'orders.views.save': (i, c) => views.save(i, signedIn(c)),
    'orders.views.delete': (i, c) => views.delete(i.id, signedIn(c)),
    'orders.exceptionCounts': () => queries.exceptionCounts(),
  };
}
