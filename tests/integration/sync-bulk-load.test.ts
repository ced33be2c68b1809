import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { rebuildReturnRollups } from '../../src-main/core/returns/rollups';
import type { Connector } from '../../src-main/core/sync/connector';
import { createSyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * A bulk first import loads orders without the return-rollup triggers and
 * rebuilds the rollups with its last page (core/sync/bulk-load.ts). These
 * tests hold it to the same result as the triggers, including when the import
 * dies half-way.
 */
describe('sync: first import as a bulk load (return rollups rebuilt at the end)', () => {
  let emu: Emulator;
  let ws: TestWorkspace;
  let url: string;

  const s = () => ws.core.ctx.sqlite;
  const rollups = () => s().prepare("SELECT dim, day, key, n FROM return_rollups WHERE n <> 0 AND dim <> '_built' ORDER BY dim, day, key").all();
  const triggers = () => (s().prepare("SELECT count(*) n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'return_rollup_%'").get() as { n: number }).n;
  const built = () => s().prepare("SELECT 1 FROM return_rollups WHERE dim = '_built'").get() !== undefined;
  /** What a rebuild from the rows gives, leaving the live table as it was found. */
  const rollupIndexes = () => s().prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'return_rollups' ORDER BY name").all();
  const fromRows = () => {
    const live = rollups();
    const indexes = rollupIndexes();
    rebuildReturnRollups(s());
    const rebuilt = rollups();
    expect(rollups()).toEqual(rebuilt);
    // The rebuild takes the table's secondary index off while it writes and puts it back as it was.
    expect(rollupIndexes()).toEqual(indexes);
    expect(indexes.length).toBeGreaterThan(1);
    return { live, rebuilt };
  };
  const shopify = () => createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, bulkPollMs: 20, bulkChunk: 40 });

  beforeAll(async () => {
    emu = createEmulator({ orders: 300, seed: 23, plan: 'plus' });
    url = (await emu.listen()).url;
    ws = await demoWorkspace();
  });
  afterAll(async () => {
    ws.dispose();
    await emu.close();
  });

  it('an import that dies half-way leaves the rollups marked unbuilt; the next run finishes them equal to a rebuild from the rows', async () => {
    const triggersAtStart = triggers();
    expect(triggersAtStart).toBeGreaterThan(0);
    // The connector dies (as the process would) after three pages of orders with rows in them.
    const real = shopify();
    let orderPages = 0;
    const dying: Connector = {
      ...real,
      async pull(resource, cursor, signal) {
        const page = await real.pull(resource, cursor, signal);
        if (resource === 'orders' && page.items.length && ++orderPages > 3) throw new Error('killed mid-import');
        return page;
      },
    };
    const first = await createSyncEngine({ sqlite: s(), connector: dying, now: () => new Date() }).run();
    expect(first.ok).toBe(false);
    const half = (s().prepare('SELECT count(*) n FROM orders').get() as { n: number }).n;
    expect(half).toBe(120);
    // Between the two: no triggers, and no "built" mark — so an open or a later run knows to rebuild.
    expect(triggers()).toBe(0);
    expect(built()).toBe(false);

    const second = await createSyncEngine({ sqlite: s(), connector: shopify(), now: () => new Date() }).run();
    expect(second.error).toBeNull();
    expect((s().prepare('SELECT count(*) n FROM orders').get() as { n: number }).n).toBe(emu.shop.orders.length);
    expect(triggers()).toBe(triggersAtStart);
    expect(built()).toBe(true);
    const { live, rebuilt } = fromRows();
    expect(live.length).toBeGreaterThan(0);
    expect(live).toEqual(rebuilt);
  });

  it('after the import the triggers keep the rollups: an incremental run with new and changed orders equals a rebuild', async () => {
    emu.simulate({ newOrders: 5, orderUpdates: 5 });
    const run = await createSyncEngine({ sqlite: s(), connector: shopify(), now: () => new Date() }).run();
    expect(run.error).toBeNull();
    expect(run.resources.orders?.inserted).toBe(5);
    const { live, rebuilt } = fromRows();
    expect(live).toEqual(rebuilt);
  });

  it('an incremental page finding the rollups unbuilt (an import killed, then its pass given up) rebuilds them before it writes', async () => {
    // As a killed bulk pass leaves them.
    s().exec("DELETE FROM return_rollups WHERE dim = '_built'");
    for (const n of s().prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'return_rollup_%'").pluck().all() as string[]) s().exec(`DROP TRIGGER ${n}`);
    emu.simulate({ newOrders: 2 });
    const run = await createSyncEngine({ sqlite: s(), connector: shopify(), now: () => new Date() }).run();
    expect(run.error).toBeNull();
    expect(built()).toBe(true);
    expect(triggers()).toBeGreaterThan(0);
    const { live, rebuilt } = fromRows();
    expect(live).toEqual(rebuilt);
  });
});
