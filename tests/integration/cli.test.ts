import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';

/** The built `oms` command, as a user runs it (npm test builds before vitest runs). */
const OMS = join(__dirname, '../../bin/oms.js');
const built = existsSync(join(__dirname, '../../out/main/cli.js'));

function oms(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [OMS, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built)('oms CLI (built)', () => {
  const ws = join(mkdtempSync(join(tmpdir(), 'oms-cli-')), 'shop');

  beforeAll(() => {
    const r = oms(['demo', '--workspace', ws, '--orders', '1000', '--now', '2026-11-01T00:00:00Z']);
    expect(r.stderr).toContain('Demo workspace ready');
    expect(r.code).toBe(0);
  }, 120_000);

  it('orders.list as backoffice prints 50 orders', () => {
    const r = oms(['call', 'orders.list', '{"limit":50}', '--workspace', ws, '--user', 'backoffice'], { OMS_PASSWORD: 'demo' });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { items: unknown[]; total: number; nextCursor: string };
    expect(out.items).toHaveLength(50);
    expect(out.total).toBeGreaterThanOrEqual(1000);
    expect(out.nextCursor).toBeTruthy();
  });

  it('a packer calling users.create gets FORBIDDEN on stderr, exit 1', () => {
    const r = oms(['call', 'users.create', '{"username":"x1","displayName":"X","role":"owner","password":"demo"}', '--workspace', ws, '--user', 'packer'], { OMS_PASSWORD: 'demo' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(r.stdout).toBe('');
  });

  it('orders.list with {"limit":"x"} gets VALIDATION naming the field', () => {
    const r = oms(['call', 'orders.list', '{"limit":"x"}', '--workspace', ws, '--user', 'backoffice'], { OMS_PASSWORD: 'demo' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'VALIDATION', field: 'limit' } });
  });

  it('a wrong password is UNAUTHENTICATED', () => {
    const r = oms(['call', 'orders.counts', '{}', '--workspace', ws, '--user', 'owner'], { OMS_PASSWORD: 'nope' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it.each([
    [['call', 'orders.list', '{bad', '--workspace', 'W', '--user', 'owner'], /JSON is not valid JSON/],
    [['demo', '--orders', '10'], /--workspace is required/],
    [['demo', '--workspace', '/tmp/x', '--orders', 'many'], /--orders must be a whole number/],
    [['serve', '--workspace', '/nonexistent/place'], /is not an Orderhouse workspace/],
    [['call', 'orders.list', '{}', '--workspace', 'W', '--user', 'owner', '--colour', 'red'], /Unknown option '--colour'/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('usage mistakes exit 2 with a clear message: %j', (args, message) => {
    const r = oms(args.map((a) => (a === 'W' ? ws : a)), { OMS_PASSWORD: 'demo' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('refuses to put a demo into a folder that is not empty', () => {
    const r = oms(['demo', '--workspace', ws]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not empty/);
  });

  it('a database from a newer version: clear message, exit 3, file untouched', () => {
    const newer = join(mkdtempSync(join(tmpdir(), 'oms-cli-new-')), 'shop');
    expect(oms(['init', '--workspace', newer, '--owner', 'ines'], { OMS_PASSWORD: 'Harbor-Pine-2026' }).code).toBe(0);
    const db = new Database(join(newer, 'orderhouse.db'));
    db.pragma('user_version = 999');
    db.close();
    const r = oms(['call', 'orders.counts', '{}', '--workspace', newer, '--user', 'ines'], { OMS_PASSWORD: 'Harbor-Pine-2026' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/newer version of Orderhouse/);
    const check = new Database(join(newer, 'orderhouse.db'));
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    check.close();
  });

  it('init refuses a weak owner password in a real workspace', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'oms-cli-weak-')), 'shop');
    const r = oms(['init', '--workspace', dir, '--owner', 'ines'], { OMS_PASSWORD: 'demo' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'VALIDATION', field: 'password' } });
    expect(existsSync(dir)).toBe(false);
  });
});
