import { resolve } from 'node:path';
import type { EventMap } from '../../../src-shared/contract';
import { syncServiceFor } from '../../core/sync/runtime';
import { intFlag, parseFlags, requireFlag } from '../args';
import { openExistingWorkspace } from '../open-core';

export const SYNC_USAGE = 'oms sync --workspace DIR [--once] [--interval 60]   (runs the sync engine headless; progress on stderr)';

/** Runs the sync engine: once, or every --interval seconds until interrupted. Exit 1 if the (last) run failed. */
export async function syncCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { workspace: { type: 'string' }, once: { type: 'boolean' }, interval: { type: 'string' } });
  const dir = resolve(requireFlag(values.workspace, 'workspace'));
  const interval = intFlag(values.interval, 'interval', 60, 5, 86_400);
  const core = openExistingWorkspace(dir);
  const tty = process.stderr.isTTY === true;
  let lastLine = 0;
  const off = core.onEvent((event, payload) => {
    if (event !== 'sync.progress') return;
    const p = payload as EventMap['sync.progress'];
    const now = Date.now();
    // Counts are sampled; a line naming a step of the closing work (the engine's message) always shows.
    if (p.phase === 'pull' && !p.message && now - lastLine < (tty ? 100 : 2000)) return;
    lastLine = now;
    const text =
      p.phase === 'pull' ? `sync ${p.resource.padEnd(10)} ${p.records} records, ${p.pages} pages${p.quarantined ? `, ${p.quarantined} quarantined` : ''}${p.message ? ` — ${p.message}` : ''}`
      : p.phase === 'push' ? `sync outbox     ${p.records} change(s) sent${p.message ? ` — ${p.message}` : ''}`
      : p.phase === 'failed' ? `sync failed: ${p.message ?? ''}`
      : `sync done: ${p.records} records new or changed${p.quarantined ? `, ${p.quarantined} quarantined` : ''}`;
    process.stderr.write(tty && p.phase === 'pull' ? `\r\x1b[2K${text}` : `${tty ? '\r\x1b[2K' : ''}${text}\n`);
  });
  const sync = syncServiceFor(core.ctx);
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    for (;;) {
      const started = Date.now();
      const run = await sync.run(undefined, controller.signal, 'cli');
      const secs = (Date.now() - started) / 1000;
      const totals = Object.entries(run.resources).map(([r, x]) => `${r} +${x.inserted} ~${x.updated}${x.quarantined ? ` !${x.quarantined}` : ''}`).join(', ');
      const orders = run.resources.orders;
      const rate = orders && secs > 0 ? ` (${Math.round((orders.inserted + orders.updated + orders.unchanged) / secs)} orders/s)` : '';
      process.stderr.write(`${run.ok ? 'sync ok' : `sync stopped: ${run.error}`} in ${secs.toFixed(1)} s${rate}: ${totals}; outbox sent ${run.outbox.sent}, failed ${run.outbox.failed}\n`);
      if (values.once || controller.signal.aborted) return run.ok ? 0 : 1;
      await new Promise<void>((r) => {
        const t = setTimeout(r, interval * 1000);
        controller.signal.addEventListener('abort', () => {
          clearTimeout(t);
          r();
        }, { once: true });
      });
      if (controller.signal.aborted) return 0;
    }
  } finally {
    off();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    core.close();
  }
}
