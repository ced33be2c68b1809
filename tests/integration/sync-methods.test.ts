import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, parseFaults, type Emulator } from '../../src-main/emulator';
import { connectionFile, saveConnection, verifyShopify } from '../../src-main/core/sync/connection';
import { createOutbox } from '../../src-main/core/outbox/outbox';
import { demoWorkspace, type Session, type TestWorkspace } from '../support/workspace';

describe('sync through the contract: status, run, outbox and quarantine (audited)', () => {
  let emu: Emulator;
  let ws: TestWorkspace;
  let manager: Session;
  let backoffice: Session;

  beforeAll(async () => {
    emu = createEmulator({ orders: 150, seed: 21, plan: 'plus', faults: parseFaults('malformed=1') });
    const { url } = await emu.listen();
    ws = await demoWorkspace();
    manager = await ws.as('manager');
    backoffice = await ws.as('backoffice');
    saveConnection(ws.core.ctx.paths, await verifyShopify(url, DEFAULT_EMULATOR_TOKEN, new Date()));
  });
  afterAll(async () => {
    ws.dispose();
    await emu.close();
  });

  it('keeps the access token in an owner-only key file, never in the database', () => {
    expect(statSync(connectionFile(ws.core.ctx.paths)).mode & 0o077).toBe(0);
    const hits = ws.core.ctx.sqlite.prepare("SELECT count(*) n FROM settings WHERE value LIKE '%' || ? || '%'").get(DEFAULT_EMULATOR_TOKEN) as { n: number };
    expect(hits.n).toBe(0);
  });

  it('sync.run imports the shop and sync.status reports it', async () => {
    const before = await manager.ok('sync.status');
    expect(before).toMatchObject({ connected: true, platform: 'shopify', lastRun: null });
    const run = await manager.ok('sync.run', {});
    expect(run.ok).toBe(true);
    expect(run.resources.orders?.inserted).toBe(emu.shop.orders.length - 1);
    const status = await backoffice.ok('sync.status');
    expect(status.lastRun?.ok).toBe(true);
    expect(status.quarantine.open).toBe(1);
    expect(status.resources.every((r) => r.lastSuccessAt !== null && !r.inProgress)).toBe(true);
    // Back office may look but not run.
    const refused = await backoffice.call('sync.run', {});
    expect(refused.ok).toBe(false);
  });

  it('a quarantined record is retried by reading it again, or discarded with a reason; both audited', async () => {
    const { items } = await backoffice.ok('sync.quarantine.list', {});
    expect(items).toHaveLength(1);
    const q = items[0]!;
    expect(q.reason).toMatch(/not a decimal amount/);
    expect(q.payload).not.toMatch(/4111 1111 1111 1111/);
    // The shop fixes the record; a retry reads it again at the next run.
    const order = emu.shop.orders.find((o) => o.malformed)!;
    order.malformed = undefined;
    await manager.ok('sync.quarantine.retry', { id: q.id });
    const run = await manager.ok('sync.run', { resources: ['orders'] });
    expect(run.ok).toBe(true);
    expect(ws.core.ctx.sqlite.prepare('SELECT count(*) n FROM orders').get()).toEqual({ n: emu.shop.orders.length });
    const again = await manager.call('sync.quarantine.discard', { id: q.id, reason: 'fixed at the shop' });
    expect(again.ok).toBe(false);
    const audit = ws.core.ctx.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'sync.%' ORDER BY id").all();
    expect(audit).toEqual([{ action: 'sync.quarantine.retry' }]);
  });

  it('a failed push is listed with its error, can be retried, or cancelled with a reason (audited)', async () => {
    const sqlite = ws.core.ctx.sqlite;
    const at = new Date().toISOString();
    createOutbox(sqlite).enqueue({ platform: 'shopify', kind: 'order.update', entityType: 'order', entityId: 999999, idempotencyKey: 'test:update:missing', at, payload: { orderId: 999999, note: 'x' } });
    await manager.ok('sync.run', { resources: ['locations'] });
    const { items } = await backoffice.ok('sync.outbox.list', {});
    const failed = items.find((i) => i.entityId === '999999')!;
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toMatch(/Order 999999 is not on the platform/);
    expect((await manager.ok('sync.outbox.retry', { id: failed.id })).status).toBe('pending');
    const bad = await manager.call('sync.outbox.cancel', { id: failed.id, reason: '' });
    expect(bad.ok).toBe(false);
    expect((await manager.ok('sync.outbox.cancel', { id: failed.id, reason: 'order was deleted' })).status).toBe('cancelled');
    const audit = sqlite.prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'sync.outbox.%' ORDER BY id").all() as { action: string; detail: string }[];
    expect(audit.map((a) => a.action)).toEqual(['sync.outbox.retry', 'sync.outbox.cancel']);
    expect(JSON.parse(audit[1]!.detail)).toMatchObject({ reason: 'order was deleted' });
  });
});
