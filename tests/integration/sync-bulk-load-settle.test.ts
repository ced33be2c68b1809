import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import type { PulledOrder } from '../../src-main/core/sync/connector';
import { bulkLoadUnsettled, settleBulkLoad, type SettleStep } from '../../src-main/core/sync/bulk-load';
import { createCore } from '../../src-main/core/core';
import { createSyncEngine } from '../../src-main/core/sync/engine';
import { indexesSuspended } from '../../src-main/db/suspended-indexes';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { createStoreWriter } from '../../src-main/core/sync/store-writer';
import { createSearchIndexer, searchRebuildPending } from '../../src-main/core/orders/search-index';
import type { Sqlite } from '../../src-main/db/open';
import { pullAllOrders } from '../support/bulk-sync';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * The end of a first import (core/sync/bulk-load.ts settleBulkLoadInSteps):
 * what the bulk load took off goes back a piece per transaction — each index,
 * the counts, the search table a chunk of orders at a time, the rollups — so
 * the thread that answers calls is free between pieces. Whatever runs between
 * them, and wherever the process dies, the store must end as a settle in one
 * go leaves it.
 */
const ORDERS = 400;
const PAGE = 100;
const CHUNK = 100;

const schemaOf = (s: Sqlite) => s.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY type, name").all();
const count = (s: Sqlite, sql: string, ...args: unknown[]) => s.prepare(sql).pluck().get(...args) as number;
const found = (s: Sqlite, query: string) => s.prepare('SELECT o.number FROM orders_fts f JOIN orders o ON o.id = f.rowid WHERE orders_fts MATCH ? ORDER BY 1').pluck().all(query) as number[];
/** What reads depend on: indexes and triggers, counts, rollups, and a search answer for every order's number and a sample of names. */
const readsOf = (s: Sqlite, all: PulledOrder[]) => ({
  schema: schemaOf(s),
  queues: s.prepare('SELECT queue, count FROM queue_counts ORDER BY queue').all(),
  exceptions: s.prepare('SELECT reason, count FROM exception_counts WHERE count > 0 ORDER BY reason').all(),
  rollups: s.prepare('SELECT dim, day, key, n FROM return_rollups ORDER BY 1, 2, 3').all(),
  searchRows: count(s, 'SELECT count(*) FROM orders_fts'),
  numbers: all.map((o) => found(s, `number:"${o.number}"`)),
  names: all.slice(0, 40).map((o) => found(s, `"${(o.customer?.lastName ?? o.email ?? 'x').toLowerCase()}"`)),
});

describe('sync: a first import puts back what it took off, a piece per transaction', () => {
  let emu: Emulator;
  let url: string;
  let all: PulledOrder[];
  const spaces: TestWorkspace[] = [];

  beforeAll(async () => {
    emu = createEmulator({ orders: ORDERS, seed: 71, plan: 'plus' });
    ({ url } = await emu.listen());
    all = await pullAllOrders(createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, bulkPollMs: 20, bulkChunk: PAGE }));
  });
  afterAll(async () => {
    for (const w of spaces) w.dispose();
    await emu.close();
  });

  /** A fresh store with every order loaded in bulk pages, nothing put back yet. */
  async function loaded() {
    const ws = await demoWorkspace();
    spaces.push(ws);
    const s = ws.core.ctx.sqlite;
    const writer = createStoreWriter(s, 'shopify');
    const at = new Date().toISOString();
    for (let i = 0; i < all.length; i += PAGE) writer.applyPage('orders', all.slice(i, i + PAGE), at, () => undefined, { bulk: true });
    return { s, writer, fresh: schemaOf(s) };
  }

  it('indexes one by one, then the counts, the search a chunk at a time and the rollups; no lock held between pieces; the store ends as a settle in one go leaves it', async () => {
    const inOneGo = await loaded();
    settleBulkLoad(inOneGo.s);
    const expected = readsOf(inOneGo.s, all);
    expect(expected.searchRows).toBe(ORDERS);

    const { s, writer } = await loaded();
    const steps: SettleStep[] = [];
    const other = new Database(s.name);
    try {
      await writer.finishBulkLoad((step) => {
        steps.push(step);
        // Between pieces nothing is held: another connection can take the write lock at once.
        expect(s.inTransaction).toBe(false);
        other.exec('BEGIN IMMEDIATE; ROLLBACK');
      }, { chunk: CHUNK });
    } finally {
      other.close();
    }
    const indexes = steps.filter((x) => x.stage === 'indexes');
    expect(indexes.length).toBeGreaterThan(5);
    expect(steps).toEqual([
      ...indexes.map((_, i) => ({ stage: 'indexes', done: i + 1, total: indexes.length })),
      { stage: 'counts', done: 1, total: 1 },
      ...[100, 200, 300, 400].map((done) => ({ stage: 'search', done, total: ORDERS })),
      ...[100, 200, 300, 400].map((done) => ({ stage: 'rollups', done, total: ORDERS })),
    ]);
    expect(readsOf(s, all)).toEqual(expected);
    // And nothing is left to do.
    expect(settleBulkLoad(s)).toEqual({ indexes: 0, triggers: 0, search: false, rollups: false });
  });

  it('orders written while the search is part-built get one row each, from their latest data, on either side of the mark', async () => {
    const { s, writer } = await loaded();
    const indexer = createSearchIndexer(s);
    const id = (number: number) => count(s, 'SELECT id FROM orders WHERE number = ?', number);
    const below = all[10]!.number;
    const above = all[350]!.number;
    let newId = 0;
    await writer.finishBulkLoad((step) => {
      if (step.stage !== 'search' || step.done !== 100) return;
      expect(searchRebuildPending(s)).toBe(true);
      // Search finds what the rebuild has reached so far, and only that.
      expect(found(s, `number:"${below}"`)).toEqual([below]);
      expect(found(s, `number:"${above}"`)).toEqual([]);
      // Any writer of orders (an address edit, a sync update) rewrites the row as it does every day.
      s.transaction(() => {
        s.prepare("UPDATE orders SET customer_name = 'Zebedee Below' WHERE id = ?").run(id(below));
        s.prepare("UPDATE orders SET customer_name = 'Zebedee Above' WHERE id = ?").run(id(above));
        indexer.reindexOrders([id(below), id(above)]);
        // A new order (a return's replacement) gets its row from its writer; ids only grow, so it is above the mark.
        newId = Number(s.prepare("INSERT INTO orders (number, name, customer_name, currency, subtotal_minor, total_minor, financial_status, fulfillment_status, queue, created_at, updated_at) VALUES (99001, '#99001', 'Zebedee New', 'USD', 0, 0, 'paid', 'unfulfilled', 'new', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')").run().lastInsertRowid);
        indexer.insertRows([[newId, { number: '99001 #99001', customer: 'Zebedee New', email: '', phone: '', items: '' }]]);
      })();
      // Rows above the mark are the rebuild's to write (once, from the data as it is then): not there yet.
      expect(found(s, 'zebedee')).toEqual([below]);
    }, { chunk: CHUNK });
    expect(newId).toBeGreaterThan(0);
    expect(searchRebuildPending(s)).toBe(false);
    expect(count(s, 'SELECT count(*) FROM orders_fts')).toBe(ORDERS + 1);
    expect(found(s, 'zebedee')).toEqual([below, above, 99001].sort((a, b) => a - b));
    expect(found(s, 'below')).toEqual([below]);
    expect(found(s, 'above')).toEqual([above]);
    for (const n of [below, above, 99001]) expect(found(s, `number:"${n}"`)).toEqual([n]);
  });

  it('a process that dies between pieces: the next open finishes the rest in one go, and the store ends the same', async () => {
    const inOneGo = await loaded();
    settleBulkLoad(inOneGo.s);
    const expected = readsOf(inOneGo.s, all);

    for (const dieAfter of [1, 'counts', 'search', 'rollups'] as const) {
      const { s, writer } = await loaded();
      let pieces = 0;
      const died = writer.finishBulkLoad((step) => {
        pieces++;
        // Each piece is committed when onStep hears of it; throwing here is the process dying before the next one.
        if (dieAfter === 1 ? pieces === 1 : step.stage === dieAfter) throw new Error('killed');
      }, { chunk: CHUNK });
      await expect(died).rejects.toThrow('killed');
      expect(readsOf(s, all)).not.toEqual(expected);
      // What opening the workspace does (core.ts), before anything reads.
      const settled = settleBulkLoad(s);
      expect(settled.rollups).toBe(true);
      expect(readsOf(s, all)).toEqual(expected);
    }
  });

  it('a workspace opened with the closing work unfinished is up at once; the rest goes on in pieces after, a sync run waits for it, and closing stops it for the next open', async () => {
    const inOneGo = await loaded();
    settleBulkLoad(inOneGo.s);
    const expected = readsOf(inOneGo.s, all);

    // The app was closed (or killed) right after the last bulk page: nothing was put back yet.
    const { s, fresh } = await loaded();
    const dir = spaces.at(-1)!.dir;
    spaces.at(-1)!.core.close();
    expect(bulkLoadUnsettled(new Database(`${dir}/orderhouse.db`, { readonly: true }))).toBe(true);

    // Opened and closed again before the work had a turn: nothing half-done, nothing lost.
    const early = createCore({ workspaceDir: dir });
    expect(early.ctx.closingWork).not.toBeNull();
    early.close();
    await early.ctx.closingWork;

    const core = createCore({ workspaceDir: dir });
    try {
      const db = core.ctx.sqlite;
      // createCore returned before the work: the indexes are still off and the search still to build.
      expect(indexesSuspended(db)).toBe(true);
      expect(searchRebuildPending(db)).toBe(true);
      expect(schemaOf(db)).toEqual(fresh);
      // A sync run started now (the schedule's run at start) reads the shop only once the work is done.
      const shop = createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, bulkPollMs: 20 });
      const unsettledAtFirstPull: boolean[] = [];
      const watched = { ...shop, pull: ((...args: Parameters<typeof shop.pull>) => {
        unsettledAtFirstPull.push(bulkLoadUnsettled(db));
        return shop.pull(...args);
      }) as typeof shop.pull };
      const run = await createSyncEngine({ sqlite: db, connector: watched, now: () => new Date(), before: () => core.ctx.closingWork }).run({ resources: ['locations'] });
      expect(run.ok).toBe(true);
      expect(unsettledAtFirstPull[0]).toBe(false);
      expect(readsOf(db, all)).toEqual(expected);
      // Said in the workspace's log, with what was put back and how long it took.
      expect(readFileSync(join(dir, 'logs', 'core.log'), 'utf8')).toMatch(/"first import closing work finished after open","detail":\{"indexes":\d+,"triggers":\d+,"search":true,"rollups":true,"ms":\d+\}/);
    } finally {
      core.close();
    }
    expect(s.open).toBe(false);
  });

  it('closing the app stops it between pieces (the rest waits for the next open), with no piece half-done', async () => {
    const { s, writer } = await loaded();
    const closing = new AbortController();
    const stages: string[] = [];
    const stopped = writer.finishBulkLoad((step) => {
      stages.push(step.stage);
      if (step.stage === 'counts') closing.abort(new Error('Orderhouse is closing'));
    }, { chunk: CHUNK, signal: closing.signal });
    await expect(stopped).rejects.toThrow('Orderhouse is closing');
    expect(stages.at(-1)).toBe('counts');
    // Indexes and counts are back; the search is still to be built, untouched.
    expect(searchRebuildPending(s)).toBe(true);
    expect(count(s, "SELECT count(*) FROM settings WHERE key = 'db.suspended_indexes'")).toBe(0);
    expect(settleBulkLoad(s)).toEqual({ indexes: 0, triggers: 0, search: true, rollups: true });
    expect(count(s, 'SELECT count(*) FROM orders_fts')).toBe(ORDERS);
  });
});
