import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { createCore, type Core } from '../../src-main/core/core';
import type { Connector } from '../../src-main/core/sync/connector';
import { BULK_LOAD_KEEP, BULK_LOAD_TABLES, settleBulkLoad } from '../../src-main/core/sync/bulk-load';
import { ORDER_SORTS } from '../../src-shared/orders';
import { createSyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { createStoreWriter } from '../../src-main/core/sync/store-writer';
import { droppableIndexes } from '../../src-main/db/suspended-indexes';
import type { Sqlite } from '../../src-main/db/open';
import { pullAllOrders } from '../support/bulk-sync';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * A bulk first import into an empty store also takes off the secondary indexes
 * of orders and their child tables and leaves search rows to one rebuild at the end
 * (core/sync/bulk-load.ts, db/suspended-indexes.ts). Whatever happens in
 * between, the store must end with exactly the schema a fresh store has, a
 * search row per order, and counts equal to the rows.
 */
const schemaOf = (s: Sqlite) => s.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name").all();
const count = (s: Sqlite, sql: string) => (s.prepare(sql).get() as { n: number }).n;
const suspendedMark = (s: Sqlite) => s.prepare("SELECT 1 FROM settings WHERE key = 'db.suspended_indexes'").get() !== undefined;
const indexNames = (s: Sqlite) => new Set(s.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[]);

/** Every order findable by its number, queue counts equal to the rows: what the indexes and search rows serve. */
function expectReadsWhole(s: Sqlite) {
  const orders = count(s, 'SELECT count(*) n FROM orders');
  expect(orders).toBeGreaterThan(0);
  expect(count(s, 'SELECT count(*) n FROM orders_fts')).toBe(orders);
  const some = s.prepare('SELECT id, number FROM orders ORDER BY random() LIMIT 5').all() as { id: number; number: number }[];
  for (const o of some) expect(s.prepare('SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?').pluck().all(`number:"${o.number}"`)).toContain(o.id);
  const fromRows = s.prepare('SELECT queue, count(*) n FROM orders GROUP BY queue').all() as { queue: string; n: number }[];
  for (const q of fromRows) expect(count(s, `SELECT count AS n FROM queue_counts WHERE queue = '${q.queue}'`), q.queue).toBe(q.n);
}

describe('sync: a bulk first import takes indexes and search rows off and puts them back', () => {
  let emu: Emulator;
  let url: string;
  let fresh: TestWorkspace;
  let freshSchema: unknown[];
  const shopify = () => createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, bulkPollMs: 20, bulkChunk: 40 });
  /** A connector that dies (as the process would) after `pages` pages of orders with rows in them. */
  const dyingAfter = (pages: number): Connector => {
    const real = shopify();
    let seen = 0;
    return {
      ...real,
      async pull(resource, cursor, signal) {
        const page = await real.pull(resource, cursor, signal);
        if (resource === 'orders' && page.items.length && ++seen > pages) throw new Error('killed mid-import');
        return page;
      },
    };
  };

  beforeAll(async () => {
    emu = createEmulator({ orders: 300, seed: 31, plan: 'plus' });
    url = (await emu.listen()).url;
    fresh = await demoWorkspace();
    freshSchema = schemaOf(fresh.core.ctx.sqlite);
  });
  afterAll(async () => {
    fresh.dispose();
    await emu.close();
  });

  it('a completed first import ends with every index and trigger of a freshly migrated store, with the same SQL', async () => {
    const ws = await demoWorkspace();
    try {
      const s = ws.core.ctx.sqlite;
      const run = await createSyncEngine({ sqlite: s, connector: shopify(), now: () => new Date() }).run();
      expect(run.error).toBeNull();
      expect(count(s, 'SELECT count(*) n FROM orders')).toBe(emu.shop.orders.length);
      expect(schemaOf(s)).toEqual(freshSchema);
      expect(suspendedMark(s)).toBe(false);
      expectReadsWhole(s);
    } finally {
      ws.dispose();
    }
  });

  it('mid-pass the droppable indexes are off and recorded; the next run finishes and puts them back', async () => {
    const ws = await demoWorkspace();
    try {
      const s = ws.core.ctx.sqlite;
      const expected = droppableIndexes(s, BULK_LOAD_TABLES, BULK_LOAD_KEEP).map((i) => i.name);
      expect(expected.length).toBeGreaterThan(3);
      const first = await createSyncEngine({ sqlite: s, connector: dyingAfter(3), now: () => new Date() }).run();
      expect(first.ok).toBe(false);
      expect(count(s, 'SELECT count(*) n FROM orders')).toBe(120);
      expect(suspendedMark(s)).toBe(true);
      const now = indexNames(s);
      for (const name of expected) expect(now.has(name), name).toBe(false);
      // What the load reads through, and every unique index, stays.
      for (const name of BULK_LOAD_KEEP) expect(now.has(name), name).toBe(true);
      expect(now.has('orders_platform_ext') && now.has('orders_q_created') && now.has('fulfilments_platform_ext')).toBe(true);
      expect(now.has('orders_q_total')).toBe(false);
      // Search rows wait for the rebuild.
      expect(count(s, 'SELECT count(*) n FROM orders_fts')).toBe(0);
      // The queue page still answers in every sort, queue and view (it names an index only when it exists).
      const office = await ws.as('backoffice');
      const pages = async () => {
        const out: unknown[] = [];
        for (const queue of ['all', 'unfulfilled', 'new', 'fulfilled'] as const)
          for (const sort of ORDER_SORTS)
            for (const range of [{}, { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' }]) {
              // A date range makes the page pick a sort index by name (list-orders.ts chooseIndex).
              const page = (await office.ok('orders.list', { queue, sort, limit: 20, ...range })) as { items: { id: number }[] };
              out.push([queue, sort, page.items.map((o) => o.id)]);
            }
        return out;
      };
      const whileOff = await pages();
      expect(whileOff.some((p) => (p as [string, string, number[]])[2].length > 0)).toBe(true);

      // The same pages once the indexes are back (before the import goes on).
      const restore = settleBulkLoad(s);
      expect(restore.indexes).toBe(expected.length);
      expect(await pages()).toEqual(whileOff);

      const second = await createSyncEngine({ sqlite: s, connector: shopify(), now: () => new Date() }).run();
      expect(second.error).toBeNull();
      expect(count(s, 'SELECT count(*) n FROM orders')).toBe(emu.shop.orders.length);
      expect(schemaOf(s)).toEqual(freshSchema);
      expectReadsWhole(s);
    } finally {
      ws.dispose();
    }
  });

  it('a store killed mid-pass and opened by the app gets its indexes, search rows and rollups back in pieces once it is up, before a sync run reads the shop', async () => {
    const ws = await demoWorkspace();
    let reopened: Core | null = null;
    try {
      const first = await createSyncEngine({ sqlite: ws.core.ctx.sqlite, connector: dyingAfter(2), now: () => new Date() }).run();
      expect(first.ok).toBe(false);
      expect(suspendedMark(ws.core.ctx.sqlite)).toBe(true);
      ws.core.close();
      reopened = createCore({ workspaceDir: ws.dir });
      const s = reopened.ctx.sqlite;
      // The app is up before the work: it goes on in pieces right after (core.ts).
      expect(suspendedMark(s)).toBe(true);
      await reopened.ctx.closingWork;
      expect(suspendedMark(s)).toBe(false);
      expect(schemaOf(s)).toEqual(freshSchema);
      expect(count(s, 'SELECT count(*) n FROM orders')).toBe(80);
      expectReadsWhole(s);
      // The interrupted pass resumes on a store that has orders: it keeps its indexes from here on and still ends whole.
      const core = reopened;
      const run = await createSyncEngine({ sqlite: s, connector: shopify(), now: () => new Date(), before: () => core.ctx.closingWork }).run();
      expect(run.error).toBeNull();
      expect(count(s, 'SELECT count(*) n FROM orders')).toBe(emu.shop.orders.length);
      expect(schemaOf(s)).toEqual(freshSchema);
      expectReadsWhole(s);
    } finally {
      // The first core was closed by the test; only the reopened one and the folder are left.
      reopened?.close();
      rmSync(ws.dir, { recursive: true, force: true });
    }
  });

  it('a bulk page into a store that already holds orders keeps every index and writes its search rows', async () => {
    const ws = await demoWorkspace();
    try {
      const s = ws.core.ctx.sqlite;
      const before = schemaOf(s);
      const writer = createStoreWriter(s, 'shopify');
      // One order already here (an incremental page), then a bulk page.
      const all = await pullAllOrders(shopify());
      const at = new Date().toISOString();
      writer.applyPage('orders', all.slice(0, 1), at, () => undefined);
      writer.applyPage('orders', all.slice(1, 41), at, () => undefined, { bulk: true });
      expect(suspendedMark(s)).toBe(false);
      expect(schemaOf(s).filter((r) => (r as { type: string }).type === 'index')).toEqual(before.filter((r) => (r as { type: string }).type === 'index'));
      expect(count(s, 'SELECT count(*) n FROM orders_fts')).toBe(41);
      writer.applyPage('orders', all.slice(41, 42), at, () => undefined, { bulk: true });
      await writer.finishBulkLoad();
      expect(schemaOf(s)).toEqual(before);
      expectReadsWhole(s);
    } finally {
      ws.dispose();
    }
  });

  it('with nothing to put back, settling (as every open does) takes no write lock: another process may be syncing', () => {
    const s = fresh.core.ctx.sqlite;
    const other = new Database(s.name);
    try {
      other.exec('BEGIN IMMEDIATE');
      const t0 = performance.now();
      expect(settleBulkLoad(s)).toEqual({ indexes: 0, triggers: 0, search: false, rollups: false });
      // A write would have waited for the busy timeout (5 s) and then failed.
      expect(performance.now() - t0).toBeLessThan(1000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('no statement in the code names an index the bulk load drops in INDEXED BY (a missing one is an error, not a slow query)', () => {
    const names = droppableIndexes(fresh.core.ctx.sqlite, BULK_LOAD_TABLES, BULK_LOAD_KEEP).map((i) => i.name);
    const root = join(__dirname, '../../src-main');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) {
          if (f !== 'migrations') walk(p);
        } else if (p.endsWith('.ts') && !/db\/schema[\w-]*\.ts$/.test(p)) files.push(p); // the schema declares them
      }
    };
    walk(root);
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const name of names) if (new RegExp(`INDEXED BY\\s+${name}\\b`).test(text)) offenders.push(`${file.slice(root.length + 1)} names ${name}`);
    }
    expect(offenders).toEqual([]);
  });
});
