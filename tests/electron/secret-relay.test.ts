import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createEmulator } from '../../src-main/emulator';
import { fakeUtilityProcess, spawned } from './fake-utility-process';

vi.mock('electron', () => ({ utilityProcess: fakeUtilityProcess }));
const { CoreHost } = await import('../../src-main/app/core-host');

/**
 * The shop token in the desktop app: the core (a utilityProcess, no Electron)
 * asks main to seal it with the OS keychain and writes only the sealed text;
 * at sync time it asks main to unseal it. Here main's keychain is a stand-in
 * for safeStorage (which needs a real Electron and a desktop session).
 */
const root = resolve(__dirname, '../..');
const bundle = join(process.env.OMS_OUT_DIR ? resolve(process.env.OMS_OUT_DIR) : join(root, 'out'), 'main', 'core-process.js');
const scratch = mkdtempSync(join(tmpdir(), 'oms-secret-relay-'));
const TOKEN = 'shpat_secret_relay_token_42424242';
const PASSWORD = 'Secret-relay-test-passphrase-1!';

afterEach(() => {
  for (const p of spawned.splice(0)) p.kill();
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const keychain = { sealed: 0, unsealed: 0, seal: (p: string) => (keychain.sealed++, `v10:${Buffer.from(p.split('').reverse().join('')).toString('base64')}`), unseal: (s: string) => (keychain.unsealed++, Buffer.from(s.slice(4), 'base64').toString().split('').reverse().join('')) };

function host(dir: string, secrets?: typeof keychain) {
  expect(existsSync(bundle), `${bundle} missing: run \`npm run build\` first`).toBe(true);
  const h = new CoreHost({ modulePath: bundle, workspaceDir: dir, env: { ...(process.env as Record<string, string>) }, onEvent: () => {}, onRestarted: () => {}, onFailed: () => {}, ...(secrets ? { secrets } : {}) });
  h.start();
  return h;
}

describe('shop token through the OS keychain (Electron)', () => {
  it('is sealed by main, stored only sealed, and unsealed by main when the core syncs', async () => {
    const emu = createEmulator({ orders: 60, seed: 3, plan: 'plus', token: TOKEN });
    const { url } = await emu.listen();
    const dir = join(scratch, 'ws-keychain');
    const h = host(dir, keychain);
    try {
      const setup = await h.call('auth.setupOwner', { username: 'owner', displayName: 'Owner', password: PASSWORD }, null);
      const token = (setup as { ok: true; result: { token: string } }).result.token;
      const connected = await h.call('sync.connect', { shop: url, token: TOKEN }, token);
      expect(connected).toMatchObject({ ok: true, result: { connected: true, tokenIn: 'os-keychain' } });
      await vi.waitFor(async () => expect(await h.call('sync.runs', {}, token)).toMatchObject({ ok: true, result: { items: [{ ok: true }] } }), { timeout: 30_000, interval: 200 });
      expect(keychain.sealed).toBe(1);
      expect(keychain.unsealed).toBeGreaterThanOrEqual(1);
      const file = readFileSync(join(dir, 'keys', 'shopify-connection.json'), 'utf8');
      expect(file).toContain('"sealedToken": "v10:');
      expect(file).not.toContain(TOKEN);
      for (const f of readdirSync(dir).filter((n) => n.startsWith('orderhouse.db'))) expect(readFileSync(join(dir, f)).toString('latin1')).not.toContain(TOKEN);
    } finally {
      await h.stop();
      await emu.close();
    }
  }, 60_000);

  it('without a keychain in main, connecting fails with a message a person can act on and stores nothing', async () => {
    const emu = createEmulator({ orders: 20, seed: 3, plan: 'plus', token: TOKEN });
    const { url } = await emu.listen();
    const dir = join(scratch, 'ws-none');
    const h = host(dir);
    try {
      const setup = await h.call('auth.setupOwner', { username: 'owner', displayName: 'Owner', password: PASSWORD }, null);
      const token = (setup as { ok: true; result: { token: string } }).result.token;
      const r = await h.call('sync.connect', { shop: url, token: TOKEN }, token);
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).toMatch(/keychain/i);
      expect(existsSync(join(dir, 'keys', 'shopify-connection.json'))).toBe(false);
    } finally {
      await h.stop();
      await emu.close();
    }
  }, 60_000);
});
