import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { EventAudience } from '../../src-main/core/api';
import type { StartupFailure } from '../../src-main/app/error-page';
import { fakeUtilityProcess, spawned } from './fake-utility-process';

// CoreHost only needs utilityProcess from Electron; the real package would try to download the binary.
vi.mock('electron', () => ({ utilityProcess: fakeUtilityProcess }));
const { CoreHost, CORE_RESTARTED_MESSAGE } = await import('../../src-main/app/core-host');

/**
 * Main's side of the core process: relaying, one automatic restart, the
 * error screen on a second crash or an unopenable workspace, clean stop.
 */
const root = resolve(__dirname, '../..');
const bundle = join(process.env.OMS_OUT_DIR ? resolve(process.env.OMS_OUT_DIR) : join(root, 'out'), 'main', 'core-process.js');
const scratch = mkdtempSync(join(tmpdir(), 'oms-core-host-'));
let count = 0;

afterEach(() => {
  for (const p of spawned.splice(0)) p.kill();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function newHost(workspaceDir = join(scratch, `ws-${++count}`)) {
  expect(existsSync(bundle), `${bundle} missing: run \`npm run build\` first`).toBe(true);
  const events: { name: string; payload: unknown; audience: EventAudience }[] = [];
  const restarts: string[] = [];
  const failures: StartupFailure[] = [];
  const host = new CoreHost({
    modulePath: bundle,
    workspaceDir,
    env: { ...(process.env as Record<string, string>) },
    onEvent: (name, payload, audience) => events.push({ name, payload, audience }),
    onRestarted: (message) => restarts.push(message),
    onFailed: (failure) => failures.push(failure),
  });
  host.start();
  return { host, events, restarts, failures };
}

const exitOf = (i: number) => new Promise<void>((done) => spawned[i]!.child.once('exit', () => done()));

describe('CoreHost (main side of the core process)', () => {
  it('relays calls and forwards events with their audience', async () => {
    const { host, events } = newHost();
    expect(await host.call('app.info', {}, null)).toMatchObject({ ok: true, result: { needsOwner: true } });
    const setup = await host.call('auth.setupOwner', { username: 'owner', displayName: 'Owner', password: 'Core-host-test-passphrase-1!' }, null);
    const token = (setup as { ok: true; result: { token: string } }).result.token;
    expect(await host.call('auth.logout', {}, token)).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(events.map((e) => e.name)).toContain('session.ended'));
    await host.stop();
  });

  // SIGSTOP freezes the core so the call is surely in flight when it dies (POSIX only).
  it.skipIf(process.platform === 'win32')('answers calls in flight when the core dies, restarts it once, and keeps working', async () => {
    const { host, restarts, failures } = newHost();
    expect(await host.call('app.info', {}, null)).toMatchObject({ ok: true });

    const died = exitOf(0);
    spawned[0]!.child.kill('SIGSTOP');
    const inFlight = host.call('app.info', {}, null);
    spawned[0]!.child.kill('SIGKILL');
    await died;
    expect(await inFlight).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: CORE_RESTARTED_MESSAGE } });
    expect(restarts).toEqual([CORE_RESTARTED_MESSAGE]);
    expect(spawned).toHaveLength(2);
    expect(await host.call('app.info', {}, null)).toMatchObject({ ok: true });

    // A second crash soon after is a crash loop: show the error screen instead of spinning.
    const diedAgain = exitOf(1);
    spawned[1]!.child.kill('SIGKILL');
    await diedAgain;
    await vi.waitFor(() => expect(failures).toHaveLength(1));
    expect(failures[0]!.kind).toBe('crashed');
    expect(spawned).toHaveLength(2);
    expect(await host.call('app.info', {}, null)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('shows the error screen, without restarting, when the workspace cannot be opened', async () => {
    const dir = join(scratch, 'too-new');
    mkdirSync(dir, { recursive: true });
    const db = new Database(join(dir, 'orderhouse.db'));
    db.pragma('user_version = 999');
    db.close();

    const { host, failures, restarts } = newHost(dir);
    const reply = await host.call('app.info', {}, null);
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ kind: 'too_new' });
    await exitOf(0).catch(() => undefined);
    expect(restarts).toEqual([]);
    expect(spawned).toHaveLength(1);
  });

  it('stops the core cleanly', async () => {
    const { host } = newHost();
    expect(await host.call('app.info', {}, null)).toMatchObject({ ok: true });
    const exited = new Promise<number | null>((done) => spawned[0]!.child.once('exit', (code) => done(code)));
    await host.stop();
    expect(await exited).toBe(0);
    expect(await host.call('app.info', {}, null)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
