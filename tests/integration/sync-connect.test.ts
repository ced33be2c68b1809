import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/core';
import { connectionFile } from '../../src-main/core/sync/connection';
import { syncServiceFor } from '../../src-main/core/sync/runtime';
import type { SecretStore } from '../../src-main/core/sync/secret-store';
import { seedDemoUsers } from '../../src-main/core/users/users';
import { createEmulator, type Emulator } from '../../src-main/emulator';

/**
 * Connecting a shop from the app (owner), where the token goes (never the
 * database, never the logs), disconnecting, the schedule setting and the run history.
 */
const TOKEN = 'shpat_connect_test_token_0123456789';

/** Stands in for Electron's safeStorage: reversible, but nothing like the clear text. */
const fakeKeychain = (): SecretStore & { sealed: number; unsealed: number } => {
  const k = {
    kind: 'os-keychain' as const,
    sealed: 0,
    unsealed: 0,
    seal: (plain: string) => {
      k.sealed++;
      return Promise.resolve(Buffer.from(plain.split('').reverse().join(''), 'utf8').toString('base64'));
    },
    unseal: (sealed: string) => {
      k.unsealed++;
      return Promise.resolve(Buffer.from(sealed, 'base64').toString('utf8').split('').reverse().join(''));
    },
  };
  return k;
};

/** Every byte Orderhouse wrote to the workspace's database and logs. */
function storedBytes(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.startsWith('orderhouse.db')).map((f) => join(dir, f));
  const logs = existsSync(join(dir, 'logs')) ? readdirSync(join(dir, 'logs')).map((f) => join(dir, 'logs', f)) : [];
  return [...files, ...logs].map((f) => readFileSync(f).toString('latin1')).join('\n');
}

async function workspace(secrets?: SecretStore) {
  const dir = mkdtempSync(join(tmpdir(), 'oms-connect-'));
  const core = createCore({ workspaceDir: dir, newWorkspace: { kind: 'demo', name: 'Connect test', currency: 'USD' }, ...(secrets ? { secrets } : {}) });
  await seedDemoUsers(core.ctx);
  // A demo-kind workspace gets the demo users; it must look like a real one to accept a real shop.
  core.ctx.meta = { ...core.ctx.meta, kind: 'real' };
  const as = async (username: string) => {
    const r = await core.call({ method: 'auth.login', input: { username, password: 'demo' }, token: null, client: 'test' });
    if (!r.ok) throw new Error(r.error.message);
    const token = (r.result as { token: string }).token;
    return (method: string, input: unknown = {}) => core.call({ method, input, token, client: 'test' });
  };
  return { dir, core, as };
}

async function untilIdle(core: Core) {
  const s = syncServiceFor(core.ctx);
  for (let i = 0; i < 600 && s.isRunning; i++) await new Promise((r) => setTimeout(r, 50));
}

describe('connecting a shop from the app', () => {
  let emu: Emulator;
  let url: string;
  const cleanup: (() => void)[] = [];
  beforeAll(async () => {
    emu = createEmulator({ orders: 120, seed: 5, plan: 'plus', token: TOKEN });
    url = (await emu.listen()).url;
  });
  afterAll(async () => {
    for (const c of cleanup) c();
    await emu.close();
  });

  it('browser mode / CLI: the owner connects, the token lands in the owner-only key file only, and the first import runs', async () => {
    const ws = await workspace();
    cleanup.push(() => {
      ws.core.close();
      rmSync(ws.dir, { recursive: true, force: true });
    });
    const owner = await ws.as('owner');
    const manager = await ws.as('manager');
    expect(await manager('sync.connect', { shop: url, token: TOKEN })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const bad = await owner('sync.connect', { shop: url, token: 'shpat_wrong_token_000000' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'token' } });
    expect(existsSync(connectionFile(ws.core.ctx.paths))).toBe(false);
    expect(await owner('sync.connect', { shop: 'not a shop!', token: TOKEN })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'shop' } });

    const ok = await owner('sync.connect', { shop: url, token: TOKEN });
    expect(ok).toMatchObject({ ok: true, result: { connected: true, demo: false, tokenIn: 'key-file', shopUrl: url } });
    await untilIdle(ws.core);
    const runs = await owner('sync.runs', { limit: 5 });
    expect(runs).toMatchObject({ ok: true, result: { items: [{ trigger: 'first-import', ok: true }] } });
    expect((ws.core.ctx.sqlite.prepare('SELECT count(*) n FROM orders').get() as { n: number }).n).toBe(emu.shop.orders.length);

    expect(JSON.parse(readFileSync(connectionFile(ws.core.ctx.paths), 'utf8'))).toMatchObject({ token: TOKEN });
    expect(storedBytes(ws.dir)).not.toContain(TOKEN);
    const audit = ws.core.ctx.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'sync.connect'").all() as { detail: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(ok)).not.toContain(TOKEN);
  });

  it('desktop app: the token is sealed by the keychain; neither the key file nor the database holds it in clear, and sync unseals it', async () => {
    const keychain = fakeKeychain();
    const ws = await workspace(keychain);
    cleanup.push(() => {
      ws.core.close();
      rmSync(ws.dir, { recursive: true, force: true });
    });
    const owner = await ws.as('owner');
    expect(await owner('sync.connect', { shop: url, token: TOKEN })).toMatchObject({ ok: true, result: { tokenIn: 'os-keychain' } });
    await untilIdle(ws.core);
    expect(keychain.sealed).toBe(1);
    expect(keychain.unsealed).toBeGreaterThanOrEqual(1);
    const file = readFileSync(connectionFile(ws.core.ctx.paths), 'utf8');
    expect(file).not.toContain(TOKEN);
    expect(JSON.parse(file)).toHaveProperty('sealedToken');
    expect(storedBytes(ws.dir)).not.toContain(TOKEN);
    const runs = await owner('sync.runs', {});
    expect(runs).toMatchObject({ ok: true, result: { items: [{ ok: true }] } });
  });

  it('disconnect needs a confirmation, forgets the token, keeps the data and is audited', async () => {
    const ws = await workspace();
    cleanup.push(() => {
      ws.core.close();
      rmSync(ws.dir, { recursive: true, force: true });
    });
    const owner = await ws.as('owner');
    await owner('sync.connect', { shop: url, token: TOKEN });
    await untilIdle(ws.core);
    expect(await owner('sync.disconnect', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await owner('sync.disconnect', { confirm: true })).toMatchObject({ ok: true, result: { connected: false } });
    expect(existsSync(connectionFile(ws.core.ctx.paths))).toBe(false);
    expect((ws.core.ctx.sqlite.prepare('SELECT count(*) n FROM orders').get() as { n: number }).n).toBe(emu.shop.orders.length);
    expect(ws.core.ctx.sqlite.prepare("SELECT count(*) n FROM audit_log WHERE action = 'sync.disconnect'").get()).toEqual({ n: 1 });
    expect(await owner('sync.run', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('schedule setting and run history', () => {
  let emu: Emulator;
  let ws: Awaited<ReturnType<typeof workspace>>;
  beforeAll(async () => {
    emu = createEmulator({ orders: 80, seed: 9, plan: 'plus', token: TOKEN });
    const { url } = await emu.listen();
    ws = await workspace();
    const owner = await ws.as('owner');
    await owner('sync.connect', { shop: url, token: TOKEN });
    await untilIdle(ws.core);
  });
  afterAll(async () => {
    ws.core.close();
    rmSync(ws.dir, { recursive: true, force: true });
    await emu.close();
  });

  it('defaults to on every 5 minutes for a real shop; a manager changes it (validated, audited, kept after a restart)', async () => {
    const manager = await ws.as('manager');
    expect(await manager('sync.status')).toMatchObject({ ok: true, result: { schedule: { enabled: true, minutes: 5 } } });
    expect(await manager('sync.schedule.set', { enabled: true, minutes: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'minutes' } });
    expect(await manager('sync.schedule.set', { enabled: false, minutes: 15 })).toMatchObject({ ok: true, result: { enabled: false, minutes: 15 } });
    await expect((await ws.as('backoffice'))('sync.schedule.set', { enabled: true, minutes: 5 })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const row = ws.core.ctx.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'sync.schedule.set'").get() as { detail: string };
    expect(JSON.parse(row.detail)).toMatchObject({ before: { enabled: true, minutes: 5 }, after: { enabled: false, minutes: 15 } });
    ws.core.close();
    const again = createCore({ workspaceDir: ws.dir });
    ws.core = again;
    expect(syncServiceFor(again.ctx).schedule()).toEqual({ enabled: false, minutes: 15 });
  });

  it('keeps each run with its trigger, counts per resource and outbox figures; a failed run is kept with its reason', async () => {
    const sync = syncServiceFor(ws.core.ctx);
    emu.simulate({ newOrders: 2 });
    const r = await sync.run(undefined, undefined, 'manual');
    expect(r.ok).toBe(true);
    await emu.close();
    const failed = await sync.run(undefined, undefined, 'schedule');
    expect(failed.ok).toBe(false);
    const items = sync.runs(20).items;
    expect(items.map((i) => i.trigger)).toEqual(['schedule', 'manual', 'first-import']);
    expect(items[1]).toMatchObject({ ok: true, resources: { orders: { inserted: 2 } }, outbox: { sent: 0, failed: 0 } });
    expect(items[0]).toMatchObject({ ok: false });
    expect(items[0]!.error).toMatch(/\S/);
    expect(items[0]!.finishedAt).not.toBeNull();
    // The shop could not be reached at all: the app says offline rather than broken.
    expect(sync.status()).toMatchObject({ offline: true, lastRun: { ok: false } });
    expect(sync.status().lastSuccessAt).toBe(items[1]!.finishedAt);
  }, 120_000);
});
