import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncEngine, type SyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * A shipping address corrected in Orderhouse reaches Shopify: queued in the
 * transaction that changes it, sent as orderUpdate(shippingAddress) — which
 * takes no idempotency key, so the connector reads the order back first and a
 * re-send after a lost answer or a crash changes nothing twice.
 */
describe('sync: a shipping address edit is pushed to the shop exactly once', () => {
  let emu: Emulator;
  let url: string;
  let ws: TestWorkspace;
  let engine: SyncEngine;
  const connector = () => createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, maxBackoffMs: 20, maxAttempts: 4 });
  const sqlite = () => ws.core.ctx.sqlite;
  const used: number[] = [];
  const address = (n: number) => ({ name: `Grace Hopper ${n}`, address1: `${n} Harbour Rd`, city: 'Portland', postcode: '04101', region: 'ME', country: 'us', phone: '+1 207 555 0100' });

  beforeAll(async () => {
    emu = createEmulator({ orders: 120, seed: 8, plan: 'plus' });
    url = (await emu.listen()).url;
    emu.simulate({ newOrders: 8 });
    ws = await demoWorkspace();
    engine = createSyncEngine({ sqlite: sqlite(), connector: connector(), now: () => new Date() });
    expect((await engine.run()).ok).toBe(true);
  });
  afterAll(async () => {
    ws.dispose();
    await emu.close();
  });

  function pickOrder() {
    const o = sqlite()
      .prepare("SELECT id, external_id, updated_at FROM orders WHERE platform = 'shopify' AND status = 'open' AND fulfillment_status = 'unfulfilled' AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT 1")
      .get(JSON.stringify(used)) as { id: number; external_id: string; updated_at: string };
    used.push(o.id);
    return { o, emuOrder: emu.shop.orderById.get(Number(o.external_id.split('/').pop()))! };
  }
  const outboxFor = (orderId: number) => sqlite().prepare("SELECT id, status, attempts, last_error, payload FROM outbox WHERE kind = 'order.address' AND entity_id = ? ORDER BY id").all(String(orderId)) as { id: number; status: string; attempts: number; last_error: string | null; payload: string }[];

  it('the edit queues an order.address push with the change; the drain sets it at the shop; a later pull keeps it', async () => {
    const { o, emuOrder } = pickOrder();
    const office = await ws.as('backoffice');
    await office.ok('orders.updateShippingAddress', { orderId: o.id, address: address(1) });
    const queued = outboxFor(o.id);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.status).toBe('pending');
    expect(JSON.parse(queued[0]!.payload)).toMatchObject({ orderId: o.id, address: { address1: '1 Harbour Rd', city: 'Portland', country: 'US', postcode: '04101' } });

    const before = emu.effects.orderUpdate;
    const res = await engine.drainOutbox();
    expect(res.sent).toBe(1);
    expect(emu.effects.orderUpdate).toBe(before + 1);
    expect(emuOrder.ship).toMatchObject({ name: 'Grace Hopper 1', address1: '1 Harbour Rd', city: 'Portland', zip: '04101', province: 'ME', country: 'US', phone: '+1 207 555 0100' });
    expect(outboxFor(o.id)[0]!.status).toBe('done');

    // The shop's copy comes back with the new address (and its new updatedAt): nothing to revert.
    expect((await engine.run({ resources: ['orders'] })).ok).toBe(true);
    expect(sqlite().prepare('SELECT ship_address1 a, ship_city c FROM orders WHERE id = ?').get(o.id)).toEqual({ a: '1 Harbour Rd', c: 'Portland' });
    expect(emu.effects.orderUpdate).toBe(before + 1);
  });

  it('an answer lost after the shop applied it: the retry reads the address back and sends nothing twice', async () => {
    const { o, emuOrder } = pickOrder();
    const office = await ws.as('backoffice');
    await office.ok('orders.updateShippingAddress', { orderId: o.id, address: address(2) });
    const before = emu.effects.orderUpdate;
    emu.setFaults({ dropAfterMutation: 1 });
    let res = await engine.drainOutbox();
    emu.setFaults({ dropAfterMutation: 0 });
    // The client retried within the call, or the item waits for the next drain.
    if (res.sent === 0) res = await createSyncEngine({ sqlite: sqlite(), connector: connector(), now: () => new Date(Date.now() + 86_400_000) }).drainOutbox();
    expect(res.sent).toBe(1);
    expect(emu.effects.orderUpdate).toBe(before + 1);
    expect(emuOrder.ship?.address1).toBe('2 Harbour Rd');
    expect(outboxFor(o.id)[0]!.status).toBe('done');
  });

  it('a process killed between send and acknowledgement: the next run finds the address in place and sends nothing', async () => {
    const { o, emuOrder } = pickOrder();
    const office = await ws.as('backoffice');
    await office.ok('orders.updateShippingAddress', { orderId: o.id, address: address(3) });
    const item = outboxFor(o.id)[0]!;
    // What a killed run leaves: the shop applied the change, the row still says 'sending'.
    const applied = await emu.execute({
      query: 'mutation U($input: OrderInput!) { orderUpdate(input: $input) { userErrors { message } } }',
      variables: { input: { id: o.external_id, shippingAddress: { firstName: 'Grace Hopper', lastName: '3', address1: '3 Harbour Rd', city: 'Portland', zip: '04101', province: 'ME', countryCode: 'US', phone: '+1 207 555 0100' } } },
    });
    expect(applied.status).toBe(200);
    sqlite().prepare("UPDATE outbox SET status = 'sending', attempts = 1 WHERE id = ?").run(item.id);
    const before = emu.effects.orderUpdate;
    const res = await engine.drainOutbox();
    expect(res.sent).toBe(1);
    expect(emu.effects.orderUpdate).toBe(before);
    expect(emuOrder.ship?.address1).toBe('3 Harbour Rd');
    expect(outboxFor(o.id)[0]!.status).toBe('done');
  });

  it('while the push waits, a pull of the shop’s older copy does not undo the local address', async () => {
    const { o, emuOrder } = pickOrder();
    const office = await ws.as('backoffice');
    await office.ok('orders.updateShippingAddress', { orderId: o.id, address: address(4) });
    // The push waits for a later attempt (say, after a network error) …
    const item = outboxFor(o.id)[0]!;
    sqlite().prepare("UPDATE outbox SET next_attempt_at = '2999-01-01T00:00:00.000Z' WHERE id = ?").run(item.id);
    // … and the shop changes something else on the order meanwhile (its note), so the pull brings the order back.
    emuOrder.note = 'Gift, no invoice in the parcel';
    emuOrder.updatedAt = new Date(Date.now() + 1000).toISOString();
    const run = await engine.run({ resources: ['orders'] });
    expect(run.ok).toBe(true);
    expect(run.resources.orders?.updated).toBeGreaterThanOrEqual(1);
    expect(sqlite().prepare('SELECT ship_address1 a, note FROM orders WHERE id = ?').get(o.id)).toEqual({ a: '4 Harbour Rd', note: 'Gift, no invoice in the parcel' });
    expect(emuOrder.ship?.address1).not.toBe('4 Harbour Rd');
    // When it is sent, the shop has it too.
    sqlite().prepare('UPDATE outbox SET next_attempt_at = NULL WHERE id = ?').run(item.id);
    expect((await engine.drainOutbox()).sent).toBe(1);
    expect(emuOrder.ship?.address1).toBe('4 Harbour Rd');
  });

  it('the emulator refuses what Shopify refuses: a bad country code, or an order already shipped', async () => {
    const { o, emuOrder } = pickOrder();
    const send = (countryCode: string) =>
      emu.execute({
        query: 'mutation U($input: OrderInput!) { orderUpdate(input: $input) { order { id } userErrors { field message } } }',
        variables: { input: { id: o.external_id, shippingAddress: { address1: '5 Harbour Rd', city: 'Portland', countryCode } } },
      });
    const bad = (await send('USA')).body as { data: { orderUpdate: { userErrors: { field: string[]; message: string }[] } } };
    expect(bad.data.orderUpdate.userErrors[0]).toMatchObject({ field: ['shippingAddress', 'countryCode'] });
    emuOrder.fulfillmentStatus = 'fulfilled';
    const shipped = (await send('US')).body as { data: { orderUpdate: { userErrors: { message: string }[] } } };
    expect(shipped.data.orderUpdate.userErrors[0]!.message).toMatch(/fulfilled/);
    // A field the published Admin schema does not have is refused before it runs.
    const invalid = await emu.execute({ query: 'mutation U($id: ID!) { orderUpdate(input: { id: $id, shippingAddress: { street: "x" } }) { userErrors { message } } }', variables: { id: o.external_id } });
    expect(JSON.stringify(invalid.body)).toMatch(/street/);
  });
});
