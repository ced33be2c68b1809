import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { createOutbox } from '../../src-main/core/outbox/outbox';
import { createSyncEngine, type SyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * Exactly-once pushes: the process may die after the platform applied a change
 * and before the outbox row was marked done. The next drain re-sends with the
 * same idempotency key and the platform recognises it.
 */
describe('sync: outbox pushes take effect exactly once', () => {
  let emu: Emulator;
  let url: string;
  let ws: TestWorkspace;
  let engine: SyncEngine;
  const connectorFor = (fetchImpl?: typeof fetch) => createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, maxBackoffMs: 20, maxAttempts: 4, fetch: fetchImpl });

  beforeAll(async () => {
    emu = createEmulator({ orders: 300, seed: 3, plan: 'plus' });
    url = (await emu.listen()).url;
    // Fresh orders, open and unfulfilled, to act on.
    emu.simulate({ newOrders: 5 });
    ws = await demoWorkspace();
    engine = createSyncEngine({ sqlite: ws.core.ctx.sqlite, connector: connectorFor(), now: () => new Date() });
    expect((await engine.run()).ok).toBe(true);
  });
  afterAll(async () => {
    ws.dispose();
    await emu.close();
  });

  const sqlite = () => ws.core.ctx.sqlite;
  /** An open, paid, unfulfilled order with its first line, as synced. */
  const used: number[] = [];
  function pickOrder() {
    const o = sqlite().prepare("SELECT id, external_id, currency FROM orders WHERE status <> 'cancelled' AND fulfillment_status = 'unfulfilled' AND refunded_minor = 0 AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT 1").get(JSON.stringify(used)) as { id: number; external_id: string; currency: string };
    used.push(o.id);
    const line = sqlite().prepare('SELECT id, external_id, quantity FROM order_lines WHERE order_id = ? ORDER BY id LIMIT 1').get(o.id) as { id: number; external_id: string; quantity: number };
    return { o, line, emuOrder: emu.shop.orderById.get(Number(o.external_id.split('/').pop()))! };
  }
  /** What a refund action does locally: the refund row and its outbox item in one transaction. */
  function queueRefund(orderId: number, lineId: number, currency: string) {
    return sqlite().transaction(() => {
      const at = new Date().toISOString();
      const refundId = Number(sqlite().prepare('INSERT INTO refunds (order_id, amount_minor, currency, note, created_at) VALUES (?, 100, ?, ?, ?)').run(orderId, currency, 'test refund', at).lastInsertRowid);
      createOutbox(sqlite()).enqueue({ platform: 'shopify', kind: 'refund.create', entityType: 'refund', entityId: refundId, idempotencyKey: `test:refund:${refundId}`, at, payload: { orderId, refundId, amountMinor: 100, currency, note: 'test refund', lines: [{ lineId, quantity: 1, restock: false }] } });
      return refundId;
    })();
  }

  it('a refund acknowledged by the platform but lost on the way back is applied once', async () => {
    const { o, line, emuOrder } = pickOrder();
    const refundId = queueRefund(o.id, line.id, o.currency);
    // The platform applies the refund, then the connection drops before the answer arrives.
    emu.setFaults({ dropAfterMutation: 1 });
    const before = emu.effects.refundCreate;
    let res = await engine.drainOutbox();
    emu.setFaults({ dropAfterMutation: 0 });
    // The client retried with the same key within the call, or the next drain does.
    if (res.sent === 0) res = await createSyncEngine({ sqlite: sqlite(), connector: connectorFor(), now: () => new Date(Date.now() + 86_400_000) }).drainOutbox();
    expect(emu.effects.refundCreate).toBe(before + 1);
    expect(emuOrder.refunds).toHaveLength(1);
    expect(emu.effects.replays).toBeGreaterThan(0);
    const row = sqlite().prepare('SELECT status FROM outbox WHERE entity_id = ?').get(String(refundId)) as { status: string };
    expect(row.status).toBe('done');
    // The local refund now carries the platform's id, so pulling the order back does not duplicate it.
    const ext = (sqlite().prepare('SELECT external_id FROM refunds WHERE id = ?').get(refundId) as { external_id: string }).external_id;
    expect(ext).toBe(`gid://shopify/Refund/${emuOrder.refunds[0]!.id}`);
    expect((await engine.run()).ok).toBe(true);
    expect(sqlite().prepare('SELECT count(*) n FROM refunds WHERE order_id = ?').get(o.id)).toEqual({ n: 1 });
  });

  it('a process killed between send and acknowledgement: the next run re-sends with the same key, one effect', async () => {
    const { o, line, emuOrder } = pickOrder();
    const fulfilmentId = sqlite().transaction(() => {
      const at = new Date().toISOString();
      const id = Number(sqlite().prepare('INSERT INTO fulfilments (order_id, status, tracking_company, tracking_number, created_at) VALUES (?, ?, ?, ?, ?)').run(o.id, 'success', 'UPS', '1Z999AA10123456784', at).lastInsertRowid);
      createOutbox(sqlite()).enqueue({ platform: 'shopify', kind: 'fulfilment.create', entityType: 'fulfilment', entityId: id, idempotencyKey: `test:fulfil:${id}`, at, payload: { orderId: o.id, lines: [{ lineId: line.id, quantity: line.quantity }], tracking: { company: 'UPS', number: '1Z999AA10123456784' } } });
      return id;
    })();
    // "Dies" right after the mutation went out: the fetch resolves at the platform, the process never sees it.
    const controller = new AbortController();
    const dying: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(init?.body).includes('fulfillmentCreate')) {
        controller.abort(new Error('killed'));
        throw new Error('killed');
      }
      return res;
    };
    const doomed = createSyncEngine({ sqlite: sqlite(), connector: connectorFor(dying), now: () => new Date() });
    await expect(doomed.drainOutbox(controller.signal)).rejects.toThrow('killed');
    expect(sqlite().prepare('SELECT status FROM outbox WHERE entity_id = ?').get(String(fulfilmentId))).toEqual({ status: 'sending' });
    expect(emuOrder.fulfillments).toHaveLength(1);
    const effects = emu.effects.fulfillmentCreate;

    // Restart: the row left `sending` is sent again with the same key.
    const run = await engine.run();
    expect(run.ok).toBe(true);
    expect(run.outbox.sent).toBe(1);
    expect(emu.effects.fulfillmentCreate).toBe(effects);
    expect(emuOrder.fulfillments).toHaveLength(1);
    expect(sqlite().prepare('SELECT count(*) n FROM fulfilments WHERE order_id = ?').get(o.id)).toEqual({ n: 1 });
    expect(sqlite().prepare('SELECT fulfillment_status FROM orders WHERE id = ?').get(o.id)).toEqual({ fulfillment_status: emuOrder.fulfillmentStatus });
  });

  it('a change the platform refuses fails with its reason and stays visible', async () => {
    const { o, line } = pickOrder();
    const refundId = sqlite().transaction(() => {
      const at = new Date().toISOString();
      const id = Number(sqlite().prepare('INSERT INTO refunds (order_id, amount_minor, currency, created_at) VALUES (?, 100, ?, ?)').run(o.id, o.currency, at).lastInsertRowid);
      createOutbox(sqlite()).enqueue({ platform: 'shopify', kind: 'refund.create', entityType: 'refund', entityId: id, idempotencyKey: `test:refund:${id}`, at, payload: { orderId: o.id, refundId: id, amountMinor: 100, currency: o.currency, lines: [{ lineId: line.id, quantity: line.quantity + 5, restock: false }] } });
      return id;
    })();
    const res = await engine.drainOutbox();
    expect(res.failed).toBe(1);
    const row = sqlite().prepare('SELECT status, last_error FROM outbox WHERE entity_id = ?').get(String(refundId)) as { status: string; last_error: string };
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/refundLineItems\.0\.quantity: Quantity cannot refund more items/);
  });
});
