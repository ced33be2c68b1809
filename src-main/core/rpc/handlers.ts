import { OmsError } from '../../../src-shared/contract';
import type { Auth } from '../auth/auth';
import type { Caller, CoreContext } from '../context';
import type { OrderQueries } from '../orders/list-orders';
import type { Users } from '../users/users';
import type { Handlers } from './dispatch';
import type { createGetOrder } from '../orders/get-order';
import { createDemoInEmptyWorkspace } from '../workspace/create-demo';
import { createOrderActionHandlers } from '../order-actions/handlers';
import { createOrderViewHandlers } from '../orders/view-handlers';
import { createReturnHandlers } from '../returns/handlers';
import { createCustomerHandlers } from '../customers/handlers';
import { orderDetailFor, orderListFor } from '../customers/contact-policy';
import { createCaseHandlers } from '../cases/handlers';
import { createSyncHandlers } from '../sync/handlers';
import { createStockHandlers } from '../stock/handlers';

export interface Services {
  auth: Auth;
  users: Users;
  orders: OrderQueries;
  getOrder: ReturnType<typeof createGetOrder>;
}

const signedIn = (caller: Caller | null): Caller => {
  if (!caller) throw new OmsError('UNAUTHENTICATED', 'Please sign in.');
  return caller;
};

/**
 * Contract method → service call. Thin on purpose: rules live in the services.
 * Each capability contributes its own handlers (core/<capability>/handlers.ts)
 * and is spread in here; TypeScript checks that every contract method has one.
 */
export function createHandlers(ctx: CoreContext, s: Services): Handlers {
  return {
    ...foundationHandlers(ctx, s),
    ...createOrderActionHandlers(ctx),
    ...createOrderViewHandlers(ctx),
    ...createReturnHandlers(ctx),
    ...createCustomerHandlers(ctx),
    ...createCaseHandlers(ctx),
    ...createSyncHandlers(ctx),
    ...createStockHandlers(ctx),
  };
}

type FoundationMethods = 'app.info' | 'workspace.createDemo' | 'auth.setupOwner' | 'auth.login' | 'auth.logout' | 'auth.whoami' | 'users.list' | 'users.create' | 'orders.list' | 'orders.count' | 'orders.counts' | 'orders.get';

function foundationHandlers(ctx: CoreContext, s: Services): Pick<Handlers, FoundationMethods> {
  return {
    'app.info': () => ({
      workspaceName: ctx.meta.name,
      demo: ctx.meta.kind === 'demo',
      needsOwner: s.users.count() === 0,
      version: ctx.version,
      currency: ctx.meta.currency,
    }),
    'workspace.createDemo': (input) => createDemoInEmptyWorkspace(ctx, s.users, input.orders),
    'auth.setupOwner': (input, _caller, req) => s.auth.setupOwner(input, req.client),
    'auth.login': (input, _caller, req) => s.auth.login(input.username, input.password, req.client),
    'auth.logout': (_input, caller) => {
      s.auth.logout(signedIn(caller));
      return { ok: true as const };
    },
    'auth.whoami': (_input, caller) => {
      const row = s.users.byId(signedIn(caller).userId);
      if (!row) throw new OmsError('UNAUTHENTICATED', 'Your account no longer exists.');
      return { user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role, active: row.active === 1, lastLoginAt: row.last_login_at }, idleTimeoutMs: s.auth.idleTimeoutMs };
    },
    'users.list': () => s.users.list(),
    'users.create': (input, caller) => s.users.create(input, signedIn(caller).userId),
    'orders.list': (input, caller) => orderListFor(s.orders.list(input), signedIn(caller).role),
    'orders.count': (input) => s.orders.count(input),
    'orders.counts': () => s.orders.counts(),
    'orders.get': (input, caller) => orderDetailFor(s.getOrder(input.id), signedIn(caller).role),
  };
}
