import { OmsError } from '../../../src-shared/contract';
import type { CoreContext } from '../context';
import { createDemoWorkspaceContent } from '../demo-workspace';
import type { Users } from '../users/users';
import { writeMeta } from './workspace';

/**
 * "Explore the demo shop" on first run: an empty workspace (no users, no
 * orders) becomes a demo workspace. Refused once anyone has an account, so
 * it can never overwrite or mix with real data.
 */
export async function createDemoInEmptyWorkspace(ctx: CoreContext, users: Users, orders: number): Promise<{ orders: number; customers: number }> {
  const hasOrders = (ctx.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM orders) AS x').get() as { x: number }).x === 1;
  if (users.count() > 0 || hasOrders) {
    throw new OmsError('CONFLICT', 'This workspace is already in use; the demo shop can only be created in a new, empty workspace.');
  }
  ctx.meta = { ...ctx.meta, kind: 'demo', name: 'Harbor & Pine (demo)' };
  writeMeta(ctx.paths, ctx.meta);
  const summary = await createDemoWorkspaceContent(ctx, {
    orders,
    seed: 42,
    now: ctx.clock.now(),
    onProgress: (p) => ctx.emit('job.progress', { job: 'demo', ...p }, { kind: 'public' }),
  });
  return { orders: summary.orders, customers: summary.customers };
}
