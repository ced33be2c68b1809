import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionFile, saveConnection, verifyShopify } from '../../src-main/core/sync/connection';
import { createRecordRetry } from '../../src-main/core/sync/record-retry';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { createStoreWriter } from '../../src-main/core/sync/store-writer';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, parseFaults, type Emulator } from '../../src-main/emulator';
import { demoWorkspace, type Session, type TestWorkspace } from '../support/workspace';

/**
 * Retry on a quarantined record reads that record again from the shop: an
 * order that is valid now is imported at once; one still wrong stays open with
 * the current reason; records the connector cannot fetch one by one are read
 * again by moving the cursor back — at a pass boundary, so a run in progress
 * neither loses the request nor the rest of its pass.
 */
describe('sync: retrying a quarantined record', () => {
  let emu: Emulator;
  let url: string;
  let ws: TestWorkspace;
  let manager: Session;
  const sqlite = () => ws.core.ctx.sqlite;
  const orders = () => (sqlite().prepare('SELECT count(*) n FROM orders').get() as { n: number }).n;
  const audits = () => (sqlite().prepare("SELECT detail FROM audit_log WHERE action = 'sync.quarantine.retry' ORDER BY id").all() as { detail: string }[]).map((r) => JSON.parse(r.detail) as Record<string, unknown>);

  beforeAll(async () => {
    emu = createEmulator({ orders: 160, seed: 31, plan: 'plus', faults: parseFaults('malformed=2') });
    url = (await emu.listen()).url;
    ws = await demoWorkspace();
    manager = await ws.as('manager');
    saveConnection(ws.core.ctx.paths, await verifyShopify(url, DEFAULT_EMULATOR_TOKEN, new Date()));
    expect(connectionFile(ws.core.ctx.paths)).toBeTruthy();
    expect((await manager.ok('sync.run', {})).ok).toBe(true);
  });
  afterAll(async () => {
    ws.dispose();
    await emu.close();
  });

  it('an order still wrong at the shop stays open with the reason as it is now; once fixed, Retry imports it at once', async () => {
    const { items } = await manager.ok('sync.quarantine.list', {});
    expect(items).toHaveLength(2);
    const q = items.find((i) => /quantity/.test(i.reason)) ?? items[0]!;
    const emuOrder = emu.shop.orderById.get(Number(q.externalId!.split('/').pop()))!;
    const before = orders();

    // Still malformed: nothing imported, the row stays open, the attempt is audited.
    const still = await manager.ok('sync.quarantine.retry', { id: q.id });
    expect(still.status).toBe('open');
    expect(still.reason).toBe(q.reason);
    expect(orders()).toBe(before);

    // The shop fixes it (as Shopify would, the order's updatedAt moves): Retry imports it now, no run needed.
    emuOrder.malformed = undefined;
    emuOrder.updatedAt = new Date().toISOString();
    const fixed = await manager.ok('sync.quarantine.retry', { id: q.id });
    expect(fixed.status).toBe('retried');
    expect(orders()).toBe(before + 1);
    expect(sqlite().prepare('SELECT count(*) n FROM orders WHERE external_id = ?').get(q.externalId)).toEqual({ n: 1 });
    expect(sqlite().prepare('SELECT count(*) n FROM orders_fts WHERE rowid = (SELECT id FROM orders WHERE external_id = ?)').get(q.externalId)).toEqual({ n: 1 });
    expect(audits().map((a) => a.outcome)).toEqual(['invalid', 'imported']);
    // Done once: a second retry is refused, and the next run finds nothing new for it.
    expect((await manager.call('sync.quarantine.retry', { id: q.id })).ok).toBe(false);
    const run = await manager.ok('sync.run', { resources: ['orders'] });
    expect(run.resources.orders?.quarantined ?? 0).toBe(0);
    expect(orders()).toBe(before + 1);
  });

  it('an order the shop no longer has stays open, saying so; discarding it is audited with the reason', async () => {
    const { items } = await manager.ok('sync.quarantine.list', {});
    const q = items.find((i) => i.status === 'open')!;
    const id = Number(q.externalId!.split('/').pop());
    const emuOrder = emu.shop.orderById.get(id)!;
    emu.shop.orderById.delete(id);
    try {
      const gone = await manager.ok('sync.quarantine.retry', { id: q.id });
      expect(gone.status).toBe('open');
      expect(gone.reason).toMatch(/no longer has this record/);
    } finally {
      emu.shop.orderById.set(id, emuOrder);
    }
    const discarded = await manager.ok('sync.quarantine.discard', { id: q.id, reason: 'test order deleted at the shop' });
    expect(discarded.status).toBe('discarded');
    const audit = sqlite().prepare("SELECT detail FROM audit_log WHERE action = 'sync.quarantine.discard' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ externalId: q.externalId, reason: 'test order deleted at the shop' });
  });

  it('a resource read again by rewinding: the request waits for a pass boundary, then the cursor moves back by the overlap', () => {
    const connector = createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD' });
    const retry = createRecordRetry({ sqlite: sqlite(), connector, writer: createStoreWriter(sqlite(), 'shopify'), now: () => new Date() });
    const cursorOf = () => JSON.parse((sqlite().prepare("SELECT cursor FROM sync_state WHERE platform = 'shopify' AND resource = 'customers'").get() as { cursor: string }).cursor) as { since: string | null; after: string | null };
    const setCursor = (c: object) => sqlite().prepare("UPDATE sync_state SET cursor = ? WHERE platform = 'shopify' AND resource = 'customers'").run(JSON.stringify(c));
    const since = cursorOf().since!;
    expect(since).not.toBeNull();

    // Mid-pass (a run is on a later page): the rewind waits; the pass is not cut short.
    setCursor({ since, after: 'page-3', maxSeen: since });
    retry.requestRewind('customers', '2020-06-01T12:00:00.000Z');
    retry.requestRewind('customers', '2021-01-01T00:00:00.000Z'); // a later request does not move it forward
    expect(retry.applyRewind('customers')).toBe(false);
    expect(cursorOf()).toMatchObject({ since, after: 'page-3' });

    // At the boundary it applies: from the earliest requested time less the 5-minute overlap, once.
    setCursor({ since, after: null, maxSeen: null });
    expect(retry.applyRewind('customers')).toBe(true);
    expect(cursorOf()).toMatchObject({ since: '2020-06-01T11:55:00.000Z', after: null });
    expect(retry.applyRewind('customers')).toBe(false);
  });

  it('the engine applies a requested rewind at the start of the next run and reads the records again', async () => {
    const connector = createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD' });
    createRecordRetry({ sqlite: sqlite(), connector, writer: createStoreWriter(sqlite(), 'shopify'), now: () => new Date() }).requestRewind('customers', '1970-01-01T00:00:00.000Z');
    const run = await manager.ok('sync.run', { resources: ['customers'] });
    expect(run.ok).toBe(true);
    const c = run.resources.customers!;
    expect(c.inserted + c.updated + c.unchanged).toBe(emu.shop.customers.length);
    expect(sqlite().prepare("SELECT count(*) n FROM settings WHERE key LIKE 'sync.shopify.rewind.%'").get()).toEqual({ n: 0 });
  });
});
