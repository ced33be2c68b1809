import type { CoreContext } from './context';
import { generateDemoShop, type DemoSummary } from './demo/generate';
import { seedDemoUsers } from './users/users';

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

function countsNow(ctx: CoreContext) {
  const rows = ctx.sqlite.prepare('SELECT queue, count FROM queue_counts').all() as { queue: string; count: number }[];
  const counts: Record<string, number> = { all: 0 };
  for (const r of rows) {
    counts[r.queue] = r.count;
    counts.all = (counts.all ?? 0) + r.count;
  }
  return counts as never;
}
