import { spawn } from 'node:child_process';
import { createCore } from '../core/core';
import { login } from './measure';

/**
 * Cold start: a fresh process opens the workspace from disk, signs in and
 * shows the first queue page (counts + 50 rows). Measured from outside (spawn
 * to the page being printed) and inside (from the process's own time origin).
 * The OS file cache is not dropped (that needs root and disturbs other work),
 * so "cold" means a cold process and a cold SQLite cache, not a cold disk.
 */

export interface ColdStartInside {
  sinceProcessStartMs: number;
  moduleLoadMs: number;
  openMs: number;
  loginMs: number;
  firstPageMs: number;
}

/** Child side: runs inside the fresh process started by `measureColdStart`. */
export async function coldStartChild(dir: string): Promise<void> {
  const t0 = performance.now();
  const core = createCore({ workspaceDir: dir });
  const opened = performance.now();
  const token = await login(core);
  const signedIn = performance.now();
  const counts = await core.call({ method: 'orders.counts', input: {}, token, client: 'bench' });
  const page = await core.call({ method: 'orders.list', input: { limit: 50 }, token, client: 'bench' });
  const done = performance.now();
  if (!counts.ok || !page.ok) throw new Error('cold start: first page failed');
  const inside: ColdStartInside = { sinceProcessStartMs: done, moduleLoadMs: t0, openMs: opened - t0, loginMs: signedIn - opened, firstPageMs: done - signedIn };
  process.stdout.write(`${JSON.stringify({ coldStart: inside })}\n`);
  core.close();
}

/** Parent side: starts this same bench entry with `--cold-start DIR` and times it. */
export function measureColdStart(entry: string, dir: string): Promise<{ wallMs: number; inside: ColdStartInside }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [entry, '--cold-start', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    let result: { wallMs: number; inside: ColdStartInside } | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const nl = buffer.indexOf('\n');
      if (nl >= 0 && !result) {
        const wallMs = performance.now() - started;
        result = { wallMs, inside: (JSON.parse(buffer.slice(0, nl)) as { coldStart: ColdStartInside }).coldStart };
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`cold-start child exited with ${code}`))));
  });
}
