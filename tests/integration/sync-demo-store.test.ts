import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap, SyncRunEntry } from '../../src-shared/contract';
import type { Core } from '../../src-main/core/core';
import { login, openCore, untilIdle } from '../support/demo-store-core';
import { connectionFile } from '../../src-main/core/sync/connection';
import { demoStoreDir } from '../../src-main/core/sync/demo-store';
import { loadShopSnapshot, saveShopSnapshot } from '../../src-main/core/sync/demo-store-snapshot';
import { seedShopData } from '../../src-main/emulator';
import { startSyncBackground, syncServiceFor } from '../../src-main/core/sync/runtime';

/**
 * The built-in demo store: first run → "Try the demo store" → the first import
 * runs through the sync engine from the emulator started inside the core; new
 * orders arrive and the next run pulls them; after a restart the store is the
 * same store (same ids, same orders) as the workspace already holds.
 */
const open = openCore;

const localOrders = (core: Core) => core.ctx.sqlite.prepare("SELECT external_id AS id, number FROM orders WHERE platform = 'shopify' ORDER BY external_id").all() as { id: string; number: number }[];

describe('the built-in demo store', () => {
  let dir: string;
  let core: Core;
  const progress: EventMap['sync.progress'][] = [];
  let firstImportMs = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oms-demo-store-'));
    core = open(dir);
    core.onEvent((name, payload) => {
      if (name === 'sync.progress') progress.push(payload as EventMap['sync.progress']);
    });
    const started = Date.now();
    const r = await core.call({ method: 'workspace.createDemoStore', input: {}, token: null, client: 'test' });
    expect(r).toMatchObject({ ok: true, result: { users: 4 } });
    await untilIdle(core);
    firstImportMs = Date.now() - started;
  }, 180_000);
  afterAll(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('first run makes a demo workspace whose first import ran through the sync engine, with totals for the progress bars', async () => {
    const call = await login(core);
    const status = await call<{ connected: boolean; demo: boolean; shop: string; tokenIn: string | null; lastSuccessAt: string | null }>('sync.status');
    expect(status).toMatchObject({ connected: true, demo: true, tokenIn: null });
    expect(status.lastSuccessAt).not.toBeNull();
    const emu = syncServiceFor(core.ctx).source.demoStore!.emulator;
    expect(localOrders(core)).toHaveLength(emu.shop.orders.length);
    expect(emu.shop.orders.length).toBe(5000);
    const runs = await call<{ items: { trigger: string; ok: boolean; resources: { orders?: { inserted: number } } }[] }>('sync.runs', { limit: 20 });
    expect(runs.items[0]).toMatchObject({ trigger: 'first-import', ok: true, resources: { orders: { inserted: 5000 } } });
    // The bulk import said how many orders there are, and the bar reached it.
    const orderPages = progress.filter((p) => p.resource === 'orders' && p.phase === 'pull' && p.total);
    expect(orderPages.length).toBeGreaterThan(2);
    expect(orderPages.at(-1)).toMatchObject({ records: 5000, total: 5000 });
    // The connection record says "demo store" and carries no token.
    const conn = JSON.parse(readFileSync(connectionFile(core.ctx.paths), 'utf8')) as Record<string, unknown>;
    expect(conn).toMatchObject({ demo: true });
    expect(conn.token ?? '').toBe('');
    console.log(`demo store first import (5,000 orders, generate + bulk + ingest): ${(firstImportMs / 1000).toFixed(1)} s`);
    expect(firstImportMs).toBeLessThan(90_000);
  });

  it('a second "Try the demo store" is refused once the workspace is in use', async () => {
    const r = await core.call({ method: 'workspace.createDemoStore', input: {}, token: null, client: 'test' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('orders that arrive at the demo store are pulled by the next run, and only they', async () => {
    const store = syncServiceFor(core.ctx).source.demoStore!;
    const arrived = store.arrive({ newOrders: 3, orderUpdates: 2, stockChanges: 1 });
    expect(arrived.created).toHaveLength(3);
    const call = await login(core, 'manager');
    const run = await call<{ ok: boolean; resources: Record<string, { inserted: number; updated: number }> }>('sync.run', {});
    expect(run.ok).toBe(true);
    expect(run.resources.orders?.inserted).toBe(3);
    expect(run.resources.orders?.updated).toBeGreaterThanOrEqual(2);
    const ids = new Set(localOrders(core).map((o) => o.id));
    for (const gid of arrived.created) expect(ids.has(gid)).toBe(true);
  });

  it('a change pushed to the demo store (tags through the outbox) is still there after a restart', async () => {
    const call = await login(core, 'manager');
    const order = core.ctx.sqlite.prepare("SELECT id, external_id FROM orders WHERE platform = 'shopify' AND status = 'open' ORDER BY id LIMIT 1").get() as { id: number; external_id: string };
    await call('orders.addTags', { orderId: order.id, tags: ['gift-wrap'] });
    const run = await call<{ ok: boolean; outbox: { sent: number } }>('sync.run', {});
    expect(run).toMatchObject({ ok: true, outbox: { sent: 1 } });
    const emuId = Number(order.external_id.split('/').pop());
    expect(syncServiceFor(core.ctx).source.demoStore!.emulator.shop.orderById.get(emuId)?.tags).toContain('gift-wrap');
    await core.close();
    core = open(dir);
    const again = await login(core, 'manager');
    expect((await again<{ ok: boolean }>('sync.run', {})).ok).toBe(true);
    expect(syncServiceFor(core.ctx).source.demoStore!.emulator.shop.orderById.get(emuId)?.tags).toContain('gift-wrap');
    const local = core.ctx.sqlite.prepare('SELECT tags FROM orders WHERE id = ?').get(order.id) as { tags: string };
    expect(local.tags).toContain('gift-wrap');
  }, 120_000);

  it('after a restart the demo store is the same store: same orders, same ids, nothing new to pull, and new arrivals continue the numbering', async () => {
    const before = localOrders(core);
    await core.close();
    core = open(dir);
    const call = await login(core, 'manager');
    const run = await call<{ ok: boolean; resources: Record<string, { inserted: number }> }>('sync.run', {});
    expect(run.ok).toBe(true);
    expect(run.resources.orders?.inserted).toBe(0);
    const emu = syncServiceFor(core.ctx).source.demoStore!.emulator;
    const platform = emu.shop.orders.map((o) => ({ id: `gid://shopify/Order/${o.id}`, number: o.number })).sort((a, b) => a.id.localeCompare(b.id));
    expect(platform).toEqual(before);
    const next = syncServiceFor(core.ctx).source.demoStore!.arrive({ newOrders: 1, orderUpdates: 0, stockChanges: 0 });
    const run2 = await call<{ resources: Record<string, { inserted: number }> }>('sync.run', {});
    expect(run2.resources.orders?.inserted).toBe(1);
    const newest = localOrders(core).find((o) => o.id === next.created[0]);
    expect(newest?.number).toBe(Math.max(...before.map((o) => o.number)) + 1);
    // Journal: two arrivals and the one pushed mutation.
    expect(readFileSync(join(demoStoreDir(core.ctx.paths), 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { t: string }).t)).toEqual(['arrivals', 'mutation', 'arrivals']);
  }, 120_000);

  it('while the app runs, orders keep arriving and the scheduled runs pull them (no overlapping runs)', async () => {
    const before = localOrders(core).length;
    // Time shortened: a schedule "minute" of 400 ms, an arrival every 100–200 ms.
    const sync = startSyncBackground(core.ctx, { startDelayMs: 50, minuteMs: 400, arrivalMs: { min: 100, max: 200 } });
    const call = await login(core, 'manager');
    expect(await call<{ schedule: { enabled: boolean; minutes: number }; nextRunAt: string | null }>('sync.status')).toMatchObject({ schedule: { enabled: true, minutes: 1 } });
    const until = Date.now() + 30_000;
    let scheduled: SyncRunEntry[] = [];
    while (Date.now() < until) {
      scheduled = sync.runs(50).items.filter((r) => r.trigger === 'schedule' && r.ok && (r.resources.orders?.inserted ?? 0) > 0);
      if (scheduled.length >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(scheduled.length).toBeGreaterThanOrEqual(2);
    expect(localOrders(core).length).toBeGreaterThan(before);
    // Runs never overlapped: each started after the one before it had finished.
    const runs = sync.runs(50).items.slice().reverse().filter((r) => r.finishedAt);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.startedAt >= runs[i - 1]!.finishedAt!).toBe(true);
    const off = await call<{ enabled: boolean }>('sync.schedule.set', { enabled: false, minutes: 1 });
    expect(off.enabled).toBe(false);
  }, 60_000);

  it('a journal line cut short by a crash is dropped and later arrivals are kept', async () => {
    const journal = join(demoStoreDir(core.ctx.paths), 'journal.jsonl');
    await core.close();
    const before = readFileSync(journal, 'utf8');
    appendFileSync(journal, '{"t":"arrivals","at":"2026-');
    core = open(dir);
    const call = await login(core, 'manager');
    expect((await call<{ ok: boolean }>('sync.run', {})).ok).toBe(true);
    expect(readFileSync(journal, 'utf8')).toBe(before);
    const next = syncServiceFor(core.ctx).source.demoStore!.arrive({ newOrders: 1, orderUpdates: 0, stockChanges: 0 });
    await core.close();
    core = open(dir);
    const again = await login(core, 'manager');
    expect((await again<{ ok: boolean; resources: Record<string, { inserted: number }> }>('sync.run', {})).resources.orders?.inserted).toBe(1);
    expect(syncServiceFor(core.ctx).source.demoStore!.emulator.shop.orderById.has(Number(next.created[0]!.split('/').pop()))).toBe(true);
  }, 120_000);

  it('keeps the shop as generated (shop.json.gz), so a later demo generator cannot change what the workspace imported', () => {
    expect(existsSync(join(demoStoreDir(core.ctx.paths), 'shop.json.gz'))).toBe(true);
    const file = join(dir, 'snapshot-roundtrip.json.gz');
    const shop = seedShopData({ orders: 150, seed: 3, now: new Date('2026-11-01T00:00:00Z') });
    saveShopSnapshot(file, shop);
    const back = loadShopSnapshot(file)!;
    expect(back.orders).toEqual(shop.orders);
    expect(back.customers).toEqual(shop.customers);
    expect(back.products).toEqual(shop.products);
    expect(back.inventoryItems).toEqual(shop.inventoryItems);
    expect(back.nextId).toEqual(shop.nextId);
    // The lookup maps point at the same objects as the lists, as the emulator expects when it changes a record.
    const v = back.products[0]!.variants[0]!;
    expect(back.variants.get(v.id)).toBe(v);
    expect(back.orderById.get(back.orders[0]!.id)).toBe(back.orders[0]);
  });
});
