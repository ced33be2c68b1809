import { existsSync, statSync } from 'node:fs';
import { createCore } from '../core/core';
import { generateDemoShop } from '../core/demo/generate';
import { seedDemoUsers } from '../core/users/users';
import { workspacePaths } from '../core/workspace/workspace';
import { progress } from './report';

/**
 * The large-shop fixture: a demo workspace (orderhouse.db + workspace.json,
 * kind "demo", users owner/manager/backoffice/packer with password "demo"),
 * so the measures go through the real core and its login.
 */

export interface Fixture {
  dir: string;
  orders: number;
  /** Set when this run generated the fixture. */
  generated: { ms: number; dbBytes: number; summary: ReturnType<typeof generateDemoShop> } | null;
}

export async function ensureFixture(dir: string, orders: number, seed: number): Promise<Fixture> {
  const paths = workspacePaths(dir);
  const reuse = existsSync(paths.db);
  const core = createCore({ workspaceDir: dir, newWorkspace: { kind: 'demo', name: 'Bench shop (demo)', currency: 'USD' } });
  try {
    if (core.ctx.meta.kind !== 'demo') throw new Error(`${dir} is not a demo workspace; the bench needs one (it logs in as owner/demo)`);
    let generated: Fixture['generated'] = null;
    if (reuse) {
      const n = (core.store.sqlite.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
      progress(`reusing the fixture in ${dir} (${n.toLocaleString('en-US')} orders)`);
      orders = n;
    } else {
      progress(`generating ${orders.toLocaleString('en-US')} orders into ${dir}`);
      let lastPhase = '';
      let lastLog = 0;
      const started = performance.now();
      const summary = generateDemoShop(core.store.sqlite, {
        orders,
        seed,
        onProgress: (p) => {
          const now = performance.now();
          if (p.phase !== lastPhase || now - lastLog > 5_000 || p.done === p.total) {
            progress(`  ${p.phase}: ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} (${((now - started) / 1000).toFixed(1)} s)`);
            lastPhase = p.phase;
            lastLog = now;
          }
        },
      });
      const ms = performance.now() - started;
      generated = { ms, dbBytes: statSync(paths.db).size, summary };
    }
    // Users are seeded after the data (scrypt is slow but there are only four); a reused fixture may lack them.
    await seedDemoUsers(core.ctx);
    return { dir, orders, generated };
  } finally {
    core.close();
  }
}
