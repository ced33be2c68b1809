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
    // The first import's closing work is named step by step, ending with the rollups.
    expect(first.stderr).toMatch(/sync orders +400 records, \d+ pages — Finishing the import: search 100% built…/);
    expect(first.stderr).toMatch(/— Finishing the import: return figures 100% built…/);
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
  it('killed with SIGKILL between send and acknowledgement of each push (fulfilment, cancel, stock, refund): each takes effect at the emulator exactly once', async () => {
    const ws = await newWorkspace('pushes');
    expect((await oms(['sync', '--workspace', ws, '--once'], env)).code).toBe(0);
    const file = join(ws, 'orderhouse.db');
    // What the app's actions write: the local row and its outbox item in one transaction.
    const db = new Database(file);
    const at = new Date().toISOString();
    const open = db.prepare("SELECT o.id, o.external_id, o.currency, l.id AS line_id, l.quantity FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.status = 'open' AND o.fulfillment_status = 'unfulfilled' AND o.refunded_minor = 0 AND o.financial_status = 'paid' GROUP BY o.id ORDER BY o.id DESC LIMIT 3").all() as { id: number; external_id: string; currency: string; line_id: number; quantity: number }[];
    expect(open).toHaveLength(3);
    const [toShip, toCancel, toRefund] = open as [typeof open[0], typeof open[0], typeof open[0]];
    const level = db.prepare("SELECT s.variant_id, s.location_id, s.on_hand, v.inventory_item_id, l.external_id AS loc FROM stock_levels s JOIN variants v ON v.id = s.variant_id JOIN locations l ON l.id = s.location_id WHERE v.platform = 'shopify' AND s.on_hand > 3 ORDER BY s.variant_id LIMIT 1").get() as { variant_id: number; location_id: number; on_hand: number; inventory_item_id: string; loc: string };
    const enqueue = db.prepare("INSERT INTO outbox (platform, kind, entity_type, entity_id, payload, idempotency_key, created_at, updated_at) VALUES ('shopify', ?, ?, ?, ?, ?, ?, ?)");
    db.transaction(() => {
      const f = Number(db.prepare("INSERT INTO fulfilments (order_id, status, tracking_company, tracking_number, created_at) VALUES (?, 'success', 'UPS', '1ZKILL0001', ?)").run(toShip.id, at).lastInsertRowid);
      enqueue.run('fulfilment.create', 'fulfilment', f, JSON.stringify({ orderId: toShip.id, fulfilmentId: f, lines: [{ lineId: toShip.line_id, quantity: toShip.quantity }], tracking: { company: 'UPS', number: '1ZKILL0001' } }), `cli:fulfil:${f}`, at, at);
      enqueue.run('order.cancel', 'order', toCancel.id, JSON.stringify({ orderId: toCancel.id, reason: 'customer', note: 'cli kill test', restock: false }), `cli:cancel:${toCancel.id}`, at, at);
      enqueue.run('inventory.adjust', 'stock_movement', 1, JSON.stringify({ variantId: level.variant_id, locationId: level.location_id, delta: -2, reason: 'damaged' }), 'cli:adjust:1', at, at);
      const r = Number(db.prepare('INSERT INTO refunds (order_id, amount_minor, currency, note, created_at) VALUES (?, 100, ?, ?, ?)').run(toRefund.id, toRefund.currency, 'cli kill test', at).lastInsertRowid);
      enqueue.run('refund.create', 'refund', r, JSON.stringify({ orderId: toRefund.id, refundId: r, amountMinor: 100, currency: toRefund.currency, lines: [{ lineId: toRefund.line_id, quantity: 1, restock: false }] }), `cli:refund:${r}`, at, at);
    })();
    db.close();
    const emuOrder = (o: { external_id: string }) => emu.shop.orderById.get(Number(o.external_id.split('/').pop()))!;
    const item = emu.shop.inventoryById.get(Number(level.inventory_item_id.split('/').pop()))!;
    const locId = Number(level.loc.split('/').pop());
    const platformLevel = item.levels.get(locId)!;
    const kinds = ['fulfillmentCreate', 'orderCancel', 'inventoryAdjustQuantities', 'refundCreate'] as const;
    const before = Object.fromEntries(kinds.map((k) => [k, emu.effects[k]]));
    const applied = () => kinds.reduce((s, k) => s + emu.effects[k] - (before[k] as number), 0);

    // Each answer is held after the change is made; the process is killed while it waits.
    emu.setFaults({ holdAfterMutationMs: 10_000 });
    let kills = 0;
    try {
      for (let i = 0; i < 4; i++) {
        const seen = applied();
        const child = spawn(process.execPath, [OMS, 'sync', '--workspace', ws, '--once'], { stdio: 'ignore' });
        const ended = new Promise<string | null>((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
        const deadline = Date.now() + 60_000;
        while (applied() === seen && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
        child.kill('SIGKILL');
        if ((await ended) === 'SIGKILL') kills++;
      }
    } finally {
      emu.setFaults({ holdAfterMutationMs: 0 });
    }
    expect(kills).toBe(4);
    expect(applied()).toBe(4);
    const final = await oms(['sync', '--workspace', ws, '--once'], env);
    expect(final.code).toBe(0);

    for (const k of kinds) expect(emu.effects[k] - (before[k] as number), k).toBe(1);
    expect(emuOrder(toShip).fulfillments).toHaveLength(1);
    expect(emuOrder(toCancel).cancelledAt).not.toBeNull();
    expect(emuOrder(toRefund).refunds).toHaveLength(1);
    expect(item.levels.get(locId)).toBe(platformLevel - 2);
    const check = new Database(file, { readonly: true });
    try {
      expect(check.prepare("SELECT status, count(*) n FROM outbox WHERE idempotency_key LIKE 'cli:%' GROUP BY status").all()).toEqual([{ status: 'done', n: 4 }]);
      expect(check.prepare('SELECT count(*) n FROM fulfilments WHERE order_id = ?').get(toShip.id)).toEqual({ n: 1 });
      expect(check.prepare('SELECT count(*) n FROM refunds WHERE order_id = ?').get(toRefund.id)).toEqual({ n: 1 });
    } finally {
      check.close();
    }
    expect(localHashes(file)).toEqual(platformHashes(emu));
  }, 300_000);
});
