import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { createOutbox } from '../../src-main/core/outbox/outbox';
import { createSyncEngine, type SyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * Exactly-once pushes: the process may die after the platform applied a change
 * and before the outbox row was marked done. Refunds and stock adjustments are
 * re-sent with the same idempotency key and the platform recognises it;
 * fulfilments and cancellations (whose mutations document no `@idempotent` in
 * 2026-04, and on which the emulator ignores the key like the platform) are read
 * back first and not sent again.
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
    emu.simulate({ newOrders: 10 });
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

  /** A fetch that "dies" right after a request whose body contains `marker` went out: the platform applied it, the process never sees the answer. */
  function dyingAfter(marker: string) {
    const controller = new AbortController();
    const dying: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(init?.body).includes(marker)) {
        controller.abort(new Error('killed'));
        throw new Error('killed');
      }
      return res;
    };
    return { signal: controller.signal, engine: createSyncEngine({ sqlite: sqlite(), connector: connectorFor(dying), now: () => new Date() }) };
  }
  const outboxStatus = (entityId: number) => sqlite().prepare('SELECT status FROM outbox WHERE entity_id = ?').get(String(entityId));

  function queueFulfilment(orderId: number, lineId: number, quantity: number, trackingNumber: string | null) {
    return sqlite().transaction(() => {
      const at = new Date().toISOString();
      const id = Number(sqlite().prepare('INSERT INTO fulfilments (order_id, status, tracking_company, tracking_number, created_at) VALUES (?, ?, ?, ?, ?)').run(orderId, 'success', trackingNumber ? 'UPS' : null, trackingNumber, at).lastInsertRowid);
      createOutbox(sqlite()).enqueue({ platform: 'shopify', kind: 'fulfilment.create', entityType: 'fulfilment', entityId: id, idempotencyKey: `test:fulfil:${id}`, at, payload: { orderId, fulfilmentId: id, lines: [{ lineId, quantity }], tracking: trackingNumber ? { company: 'UPS', number: trackingNumber } : null } });
      return id;
    })();
  }

  it('a fulfilment killed between send and acknowledgement: the next run reads the order back, finds it, sends nothing', async () => {
    const { o, line, emuOrder } = pickOrder();
    const fulfilmentId = queueFulfilment(o.id, line.id, line.quantity, '1Z999AA10123456784');
    const doomed = dyingAfter('fulfillmentCreate');
    await expect(doomed.engine.drainOutbox(doomed.signal)).rejects.toThrow('killed');
    expect(outboxStatus(fulfilmentId)).toEqual({ status: 'sending' });
    expect(emuOrder.fulfillments).toHaveLength(1);
    const effects = emu.effects.fulfillmentCreate;
    const replays = emu.effects.replays;

    // Restart: the row left `sending` is read back and settled without a second fulfillmentCreate.
    const run = await engine.run();
    expect(run.ok).toBe(true);
    expect(run.outbox.sent).toBe(1);
    expect(emu.effects.fulfillmentCreate).toBe(effects);
    expect(emu.effects.replays).toBe(replays);
    expect(emuOrder.fulfillments).toHaveLength(1);
    // The local fulfilment took the platform's id, so the pull matched it instead of adding a copy.
    expect(sqlite().prepare('SELECT external_id FROM fulfilments WHERE id = ?').get(fulfilmentId)).toEqual({ external_id: `gid://shopify/Fulfillment/${emuOrder.fulfillments[0]!.id}` });
    expect(sqlite().prepare('SELECT count(*) n FROM fulfilments WHERE order_id = ?').get(o.id)).toEqual({ n: 1 });
    expect(sqlite().prepare('SELECT fulfillment_status FROM orders WHERE id = ?').get(o.id)).toEqual({ fulfillment_status: emuOrder.fulfillmentStatus });
  });

  it('a fulfilment whose answer is lost on the way back (no tracking number) is applied once', async () => {
    const { o, line, emuOrder } = pickOrder();
    const fulfilmentId = queueFulfilment(o.id, line.id, line.quantity, null);
    emu.setFaults({ dropAfterMutation: 1 });
    const before = emu.effects.fulfillmentCreate;
    const first = await engine.drainOutbox();
    emu.setFaults({ dropAfterMutation: 0 });
    // No key to lean on: the client does not re-send the mutation within the call; the item waits for its next attempt.
    expect(first.retrying).toBe(1);
    expect(emu.effects.fulfillmentCreate).toBe(before + 1);
    // A run while the item waits for its retry pulls the order with the shop's fulfilment in it.
    expect((await engine.run()).ok).toBe(true);
    const later = await createSyncEngine({ sqlite: sqlite(), connector: connectorFor(), now: () => new Date(Date.now() + 86_400_000) }).drainOutbox();
    expect(later.sent).toBe(1);
    expect(emu.effects.fulfillmentCreate).toBe(before + 1);
    expect(emuOrder.fulfillments).toHaveLength(1);
    expect(outboxStatus(fulfilmentId)).toEqual({ status: 'done' });
    // One fulfilment here too: ours took the platform's id, the copy the pull brought in is gone.
    expect((await engine.run()).ok).toBe(true);
    expect(sqlite().prepare('SELECT id, external_id FROM fulfilments WHERE order_id = ?').all(o.id)).toEqual([{ id: fulfilmentId, external_id: `gid://shopify/Fulfillment/${emuOrder.fulfillments[0]!.id}` }]);
  });

  it('the emulator ignores @idempotent on fulfillmentCreate, as the schema gives it no such support: the same key twice fulfils twice', async () => {
    const { emuOrder } = pickOrder();
    const line = emuOrder.lines.find((l) => l.quantity >= 2) ?? emuOrder.lines[0]!;
    const fo = `gid://shopify/FulfillmentOrder/${emuOrder.id}`;
    const send = () => emu.execute({
      query: 'mutation F($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) @idempotent(key: "same-key") { fulfillment { id } userErrors { message } } }',
      variables: { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo, fulfillmentOrderLineItems: [{ id: `gid://shopify/FulfillmentOrderLineItem/${line.id}`, quantity: 1 }] }] } },
    });
    await send();
    await send();
    expect(emuOrder.fulfillments.length).toBe(line.quantity >= 2 ? 2 : 1);
  });

  it('a cancellation killed between send and acknowledgement: the next run sees the order cancelled and sends nothing', async () => {
    const { o, emuOrder } = pickOrder();
    sqlite().transaction(() => {
      const at = new Date().toISOString();
      createOutbox(sqlite()).enqueue({ platform: 'shopify', kind: 'order.cancel', entityType: 'order', entityId: o.id, idempotencyKey: `test:cancel:${o.id}`, at, payload: { orderId: o.id, reason: 'customer', note: 'changed their mind', restock: false } });
    })();
    const doomed = dyingAfter('orderCancel(');
    await expect(doomed.engine.drainOutbox(doomed.signal)).rejects.toThrow('killed');
    expect(outboxStatus(o.id)).toEqual({ status: 'sending' });
    expect(emuOrder.cancelledAt).not.toBeNull();
    const effects = emu.effects.orderCancel;

    const run = await engine.run();
    expect(run.ok).toBe(true);
    expect(run.outbox).toMatchObject({ sent: 1, failed: 0 });
    expect(emu.effects.orderCancel).toBe(effects);
    expect(outboxStatus(o.id)).toEqual({ status: 'done' });
    expect(sqlite().prepare('SELECT status FROM orders WHERE id = ?').get(o.id)).toEqual({ status: 'cancelled' });
  });

  it('the emulator refuses to cancel an order twice, as the platform does', async () => {
    const { emuOrder } = pickOrder();
    const cancel = () => emu.execute({ query: `mutation { orderCancel(orderId: "gid://shopify/Order/${emuOrder.id}", reason: OTHER, refund: false, restock: true) { orderCancelUserErrors { message code } } }` });
    const first = (await cancel()).body as { data: { orderCancel: { orderCancelUserErrors: unknown[] } } };
    const second = (await cancel()).body as { data: { orderCancel: { orderCancelUserErrors: { code: string }[] } } };
    expect(first.data.orderCancel.orderCancelUserErrors).toEqual([]);
    expect(second.data.orderCancel.orderCancelUserErrors[0]?.code).toBe('INVALID');
  });

  it("a cancellation whose answer is lost while the shop's cancel job still runs: the retry is refused as being cancelled, reads the order again until the job is done, and is sent once", async () => {
    const { o, emuOrder } = pickOrder();
    sqlite().transaction(() => {
      createOutbox(sqlite()).enqueue({ platform: 'shopify', kind: 'order.cancel', entityType: 'order', entityId: o.id, idempotencyKey: `test:cancel-job:${o.id}`, at: new Date().toISOString(), payload: { orderId: o.id, reason: 'customer', note: 'slow job', restock: false } });
    })();
    const before = emu.effects.orderCancel;
    // The platform takes the cancel and starts its job (1.5 s), and the answer is lost.
    emu.setFaults({ dropAfterMutation: 1, cancelJobMs: 1500 });
    const lost = await engine.drainOutbox();
    emu.setFaults({ dropAfterMutation: 0 });
    expect(emu.effects.orderCancel).toBe(before + 1);
    expect(emuOrder.cancelledAt).toBeNull();
    if (lost.sent === 0) {
      // The retry reads the order (not cancelled yet), sends again, is refused ("already being cancelled"), and reads again until the job is done.
      const retry = await createSyncEngine({ sqlite: sqlite(), connector: connectorFor(), now: () => new Date(Date.now() + 86_400_000) }).drainOutbox();
      expect(retry).toMatchObject({ sent: 1, failed: 0 });
    }
    emu.setFaults({ cancelJobMs: 0 });
    expect(emuOrder.cancelledAt).not.toBeNull();
    expect(emu.effects.orderCancel).toBe(before + 1);
    expect(outboxStatus(o.id)).toEqual({ status: 'done' });
  });

  it('a refund whose every answer is lost, with a pull before the retry: one refund at the shop and one here', async () => {
    const { o, line, emuOrder } = pickOrder();
    const refundId = queueRefund(o.id, line.id, o.currency);
    const deaf: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(init?.body).includes('refundCreate')) throw new TypeError('fetch failed: socket hang up');
      return res;
    };
    const before = emu.effects.refundCreate;
    expect((await createSyncEngine({ sqlite: sqlite(), connector: connectorFor(deaf), now: () => new Date() }).drainOutbox()).retrying).toBe(1);
    expect(emu.effects.refundCreate).toBe(before + 1);
    // The run pulls the order with the shop's refund in it while ours waits for its retry.
    expect((await engine.run()).ok).toBe(true);
    const later = await createSyncEngine({ sqlite: sqlite(), connector: connectorFor(), now: () => new Date(Date.now() + 86_400_000) }).drainOutbox();
    expect(later.sent).toBe(1);
    expect(emu.effects.refundCreate).toBe(before + 1);
    expect(emuOrder.refunds).toHaveLength(1);
    expect((await engine.run()).ok).toBe(true);
    expect(sqlite().prepare('SELECT id, external_id FROM refunds WHERE order_id = ?').all(o.id)).toEqual([{ id: refundId, external_id: `gid://shopify/Refund/${emuOrder.refunds[0]!.id}` }]);
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
