import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { rebuildReturnRollups } from '../../src-main/core/returns/rollups';

/** The built `oms` command against an emulator, including SIGKILL at random moments of a sync. */
const OMS = join(__dirname, '../../bin/oms.js');
const built = existsSync(join(__dirname, '../../out/main/cli.js'));

/** Commands that do not talk to the shop may block; the others must not, the emulator runs in this process. */
function omsSync(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [OMS, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function oms(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [OMS, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
/** Starts `oms sync --once` and kills it with SIGKILL after `ms`; resolves with how it ended. */
function syncKilledAfter(ws: string, ms: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [OMS, 'sync', '--workspace', ws, '--once'], { stdio: 'ignore' });
    const t = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (_code, signal) => {
      clearTimeout(t);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}

const sha = (rows: unknown) => createHash('sha256').update(JSON.stringify(rows)).digest('hex');

/** A content hash per resource, computed the same way from the platform's data and the local store. */
function platformHashes(emu: Emulator) {
  const s = emu.shop;
  const byId = <T extends { id: string }>(rows: T[]) => rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    orders: sha(byId(s.orders.map((o) => ({ id: `gid://shopify/Order/${o.id}`, total: o.totalMinor, fin: o.financialStatus, ful: o.fulfillmentStatus, updated: o.updatedAt, tags: o.tags.join(','), note: o.note, lines: o.lines.length, fulfilments: o.fulfillments.length, refunds: o.refunds.length })))),
    customers: sha(byId(s.customers.map((c) => ({ id: `gid://shopify/Customer/${c.id}`, email: c.email, note: c.note, updated: c.updatedAt })))),
    stock: sha(byId(s.inventoryItems.map((i) => ({ id: `gid://shopify/ProductVariant/${i.variantId}`, units: [...i.levels.values()].reduce((a, b) => a + b, 0) })))),
  };
}
function localHashes(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      orders: sha(all(`SELECT o.external_id id, o.total_minor total, o.financial_status fin, o.fulfillment_status ful, o.updated_at updated, o.tags, o.note,
        (SELECT count(*) FROM order_lines WHERE order_id = o.id) lines, (SELECT count(*) FROM fulfilments WHERE order_id = o.id) fulfilments, (SELECT count(*) FROM refunds WHERE order_id = o.id) refunds
        FROM orders o ORDER BY o.external_id`)),
      customers: sha(all('SELECT external_id id, email, note, updated_at updated FROM customers ORDER BY external_id')),
      stock: sha(all('SELECT v.external_id id, coalesce(sum(s.on_hand), 0) units FROM variants v LEFT JOIN stock_levels s ON s.variant_id = v.id GROUP BY v.id ORDER BY v.external_id')),
    };
  } finally {
    db.close();
  }
}

describe.skipIf(!built)('oms emulator / connect / sync (built CLI)', () => {
  let emu: Emulator;
  let url: string;
  const root = mkdtempSync(join(tmpdir(), 'oms-sync-cli-'));
  const env = { OMS_PASSWORD: 'Str0ng-pass!word', SHOP_TOKEN: DEFAULT_EMULATOR_TOKEN };

  beforeAll(async () => {
    emu = createEmulator({ orders: 400, seed: 99, plan: 'plus' });
    url = (await emu.listen()).url;
  });
  afterAll(() => emu.close());

  async function newWorkspace(name: string): Promise<string> {
    const ws = join(root, name);
    expect(omsSync(['init', '--workspace', ws, '--owner', 'boss'], env).code).toBe(0);
    const c = await oms(['connect', 'shopify', '--workspace', ws, '--shop', url, '--token-env', 'SHOP_TOKEN'], env);
    expect(c.stderr).toBe('');
    expect(c.stdout).toContain('Connected');
    expect(c.code).toBe(0);
    return ws;
  }

  it('connect refuses a wrong token with a clear message and stores nothing', async () => {
    const ws = join(root, 'refused');
    omsSync(['init', '--workspace', ws, '--owner', 'boss'], env);
    const r = await oms(['connect', 'shopify', '--workspace', ws, '--shop', url, '--token-env', 'BAD'], { ...env, BAD: 'shpat_wrong' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused the access token/);
    expect(existsSync(join(ws, 'keys', 'shopify-connection.json'))).toBe(false);
  });

  it('sync --once imports the shop with progress on stderr; a second run brings only the changes', async () => {
    const ws = await newWorkspace('once');
    const first = await oms(['sync', '--workspace', ws, '--once'], env);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/sync ok in [\d.]+ s .*orders \+400 ~0/);
    expect(localHashes(join(ws, 'orderhouse.db'))).toEqual(platformHashes(emu));
    emu.simulate({ newOrders: 2, orderUpdates: 3, customerUpdates: 1 });
    const second = await oms(['sync', '--workspace', ws, '--once'], env);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/orders \+2 ~3/);
    expect(localHashes(join(ws, 'orderhouse.db'))).toEqual(platformHashes(emu));
  }, 120_000);

  it('killed with SIGKILL at 24 random moments during the first import and incremental syncs, it still ends equal to the platform with no duplicates', async () => {
    const ws = await newWorkspace('crash');
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    let killed = 0;
    // Every reply is slowed so that even a short incremental run (one request per
    // resource at least) outlasts the kill window on a fast, idle machine: the
    // kills must land mid-run whatever the machine's speed.
    emu.setFaults({ slowMs: 300 });
    try {
      for (let i = 0; i < 24; i++) {
        if (i >= 12) emu.simulate({ newOrders: 1, orderUpdates: 2, customerUpdates: 1, stockChanges: 1 });
        if ((await syncKilledAfter(ws, 300 + Math.floor(rnd() * 1800))) === 'killed') killed++;
      }
    } finally {
      emu.setFaults({ slowMs: 0 });
    }
    expect(killed).toBeGreaterThanOrEqual(20);
    const final = await oms(['sync', '--workspace', ws, '--once'], env);
    expect(final.code).toBe(0);
    const file = join(ws, 'orderhouse.db');
    expect(localHashes(file)).toEqual(platformHashes(emu));
    // However the kills fell (mid-download included), no bulk result file or half-written .part is left behind.
    expect(readdirSync(join(ws, 'sync')).filter((f) => f.startsWith('bulk-'))).toEqual([]);
    const db = new Database(file, { readonly: true });
    try {
      for (const t of ['orders', 'customers', 'products', 'variants', 'fulfilments', 'refunds']) {
        expect(db.prepare(`SELECT count(*) n FROM (SELECT 1 FROM ${t} GROUP BY platform, external_id HAVING count(*) > 1)`).get(), t).toEqual({ n: 0 });
      }
      expect(db.prepare('SELECT count(*) n FROM (SELECT 1 FROM order_lines GROUP BY order_id, external_id HAVING count(*) > 1)').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    // The first import loaded orders without the rollup triggers (sync/bulk-load.ts): however often it was killed, the rollups end built and equal to a rebuild from the rows.
    const rw = new Database(file);
    try {
      const rollups = () => rw.prepare("SELECT dim, day, key, n FROM return_rollups WHERE n <> 0 AND dim <> '_built' ORDER BY dim, day, key").all();
      expect(rw.prepare("SELECT count(*) n FROM return_rollups WHERE dim = '_built'").get()).toEqual({ n: 1 });
      const live = rollups();
      expect(live.length).toBeGreaterThan(0);
      rebuildReturnRollups(rw);
      expect(live).toEqual(rollups());
    } finally {
      rw.close();
    }
  }, 300_000);
});
