import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fakeUtilityProcess, spawned } from './fake-utility-process';

vi.mock('electron', () => ({ utilityProcess: fakeUtilityProcess }));
const { CoreHost } = await import('../../src-main/app/core-host');

/**
 * The built core-process bundle (what the desktop app runs) with the demo
 * store: the emulator starts inside it, the first import runs through the
 * engine, and the schedule started by the core process is on.
 */
const root = resolve(__dirname, '../..');
const bundle = join(process.env.OMS_OUT_DIR ? resolve(process.env.OMS_OUT_DIR) : join(root, 'out'), 'main', 'core-process.js');
const scratch = mkdtempSync(join(tmpdir(), 'oms-demo-core-'));

afterEach(() => {
  for (const p of spawned.splice(0)) p.kill();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('demo store in the desktop core process', () => {
  it('"Try the demo store" imports through the engine inside the utilityProcess, with the schedule on', async () => {
    expect(existsSync(bundle), `${bundle} missing: run \`npm run build\` first`).toBe(true);
    const events: string[] = [];
    const h = new CoreHost({ modulePath: bundle, workspaceDir: join(scratch, 'ws'), env: { ...(process.env as Record<string, string>) }, onEvent: (name, p) => events.push(`${name}:${(p as { phase?: string }).phase ?? ''}`), onRestarted: () => {}, onFailed: () => {} });
    h.start();
    try {
      expect(await h.call('workspace.createDemoStore', {}, null)).toMatchObject({ ok: true, result: { users: 4 } });
      const login = await h.call('auth.login', { username: 'owner', password: 'demo' }, null);
      const token = (login as { ok: true; result: { token: string } }).result.token;
      await vi.waitFor(() => expect(events).toContain('sync.progress:done'), { timeout: 90_000, interval: 250 });
      const status = await h.call('sync.status', {}, token);
      expect(status).toMatchObject({ ok: true, result: { connected: true, demo: true, schedule: { enabled: true, minutes: 1 } } });
      expect((status as { ok: true; result: { nextRunAt: string | null } }).result.nextRunAt).not.toBeNull();
      expect(await h.call('orders.count', { queue: 'all' }, token)).toMatchObject({ ok: true, result: { total: 5000 } });
    } finally {
      await h.stop();
    }
  }, 120_000);
});
