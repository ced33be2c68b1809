import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCore } from '../../core/core';
import { createDemoWorkspaceContent } from '../../core/demo-workspace';
import { createProgress } from '../progress';
import { intFlag, parseFlags, requireFlag, UsageError } from '../args';

export const DEMO_USAGE = 'oms demo --workspace DIR [--orders 20000] [--seed 42] [--now ISO-DATE]';

/** A demo workspace: a realistic shop and the users owner/manager/backoffice/packer, password "demo". */
export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { workspace: { type: 'string' }, orders: { type: 'string' }, seed: { type: 'string' }, now: { type: 'string' } });
  const dir = resolve(requireFlag(values.workspace, 'workspace'));
  const orders = intFlag(values.orders, 'orders', 20_000, 1_000, 1_000_000);
  const seed = intFlag(values.seed, 'seed', 42, 0, 2 ** 31 - 1);
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO date, got "${values.now}"`);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${dir} is not empty; choose a new folder for the demo workspace`);

  const core = createCore({ workspaceDir: dir, newWorkspace: { kind: 'demo', name: 'Harbor & Pine (demo)', currency: 'USD' } });
  const progress = createProgress('demo');
  try {
    const started = Date.now();
    const summary = await createDemoWorkspaceContent(core.ctx, { orders, seed, now, onProgress: (p) => progress.update(p.phase, p.done, p.total) });
    progress.done(
      `Demo workspace ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dir}\n` +
        `  ${summary.orders} orders, ${summary.customers} customers, ${summary.variants} SKUs, ${summary.locations} locations\n` +
        `  Users: owner, manager, backoffice, packer — password "demo"\n` +
        `  Next: oms serve --workspace ${dir}`,
    );
    return 0;
  } finally {
    core.close();
  }
}
