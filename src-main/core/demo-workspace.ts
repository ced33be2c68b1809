import type { CoreContext } from './context';
import { generateDemoShop, type DemoSummary } from './demo/generate';
import { seedDemoUsers } from './users/users';
import { createOrderQueries } from './orders/list-orders';

export interface DemoOptions {
  orders: number;
  seed: number;
  now: Date;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

/** Fills an empty demo workspace: the four demo users, then the generated shop. */
export async function createDemoWorkspaceContent(ctx: CoreContext, opts: DemoOptions): Promise<DemoSummary> {
  await seedDemoUsers(ctx);
  const summary = generateDemoShop(ctx.sqlite, { orders: opts.orders, seed: opts.seed, now: opts.now, currency: ctx.meta.currency, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  ctx.emit('orders.changed', { counts: countsNow(ctx) });
  return summary;
}

/** The same counts orders.counts gives (with the Unfulfilled sum), from the one place that defines them. */
function countsNow(ctx: CoreContext) {
  return createOrderQueries(ctx.sqlite).counts();
}
