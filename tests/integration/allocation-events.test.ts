import { afterEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../src-shared/contract';
import { CHANGED_IDS_CAP, eventOrderIds, noteAllocationMoves, takeAllocationMoves } from '../../src-main/core/orders/changed-ids';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { createSyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { seedShop } from '../support/shop-fixture';
import { demoWorkspace, manualClock, type TestWorkspace } from '../support/workspace';

/**
 * When allocation moves orders between queues (stock freed or taken, so an
 * order enters or leaves Exceptions "Not enough stock"), the orders.changed
 * event that follows names them, so an open list or order detail refreshes them.
 */

let ws: TestWorkspace | undefined;
let emu: Emulator | undefined;
afterEach(async () => {
  ws?.dispose();
  ws = undefined;
  await emu?.close();
  emu = undefined;
});

type Changed = EventMap['orders.changed'];
const day = (d: number) => `2026-10-${String(d).padStart(2, '0')}T10:00:00.000Z`;

describe('orders.changed names the orders allocation moved', () => {
  it('a short order shipped in part takes stock the next order counted on: the event names both', async () => {
    ws = await demoWorkspace({ clock: manualClock() });
    const shop = seedShop(ws.core.store.sqlite); // MUG-1: 4 at Main
    const [first, second] = shop.orders([
      { number: 1, createdAt: day(1), lines: [{ sku: 'MUG-1', title: 'Mug', quantity: 5, priceMinor: 900 }] },
      { number: 2, createdAt: day(2), lines: [{ sku: 'MUG-1', title: 'Mug', quantity: 3, priceMinor: 900 }] },
    ]) as [number, number];
    const office = await ws.as('backoffice');
    await office.ok('orders.allocateStock');
    expect((await office.ok('orders.get', { id: first })).exceptionReason).toBe('stock_short');
    expect((await office.ok('orders.get', { id: second })).queue).toBe('new');

    const events: Changed[] = [];
    ws.core.onEvent((e, p) => void (e === 'orders.changed' && events.push(p as Changed)));
    const packer = await ws.as('packer');
    await packer.ok('orders.fulfil', { orderId: first, lines: [{ lineId: shop.lineIds(first)[0]!, quantity: 2 }], locationId: shop.main });

    // 2 mugs left; #1 (older) still needs 3, so #2 (needs 3) is short now.
    expect((await office.ok('orders.get', { id: second })).exceptionReason).toBe('stock_short');
    expect(events).toHaveLength(1);
    expect(events[0]!.orderIds?.sort()).toEqual([first, second].sort());
    expect(events[0]!.counts.exceptions).toBe(2);
  });

  it('a sync page that takes stock away names the orders it moved (an inventory page has no orders of its own)', async () => {
    emu = createEmulator({ orders: 60, seed: 7, plan: 'plus' });
    const url = (await emu.listen()).url;
    ws = await demoWorkspace();
    const sqlite = ws.core.ctx.sqlite;
    const events: Changed[] = [];
    const engine = createSyncEngine({
      sqlite,
      connector: createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, maxBackoffMs: 20, maxAttempts: 4 }),
      now: () => new Date(),
      emit: (e, p) => void (e === 'orders.changed' && events.push(p as Changed)),
    });
    expect((await engine.run()).ok).toBe(true);
    // The seeded history is shipped; new orders arrive and stock covers them.
    emu.simulate({ newOrders: 6 });
    expect((await engine.run()).ok).toBe(true);

    // An open order that stock covers, and the shop's inventory item for one of its lines.
    const target = sqlite
      .prepare(
        `SELECT o.id, v.inventory_item_id AS item FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN variants v ON v.id = l.variant_id
          WHERE o.queue IN ('new','ready_to_pack') AND o.exception_reason IS NULL AND l.requires_shipping = 1
            AND l.quantity - l.fulfilled_quantity - l.refunded_quantity > 0 ORDER BY o.id LIMIT 1`,
      )
      .get() as { id: number; item: string } | undefined;
    expect(target, 'the emulated shop has an open order that stock covers').toBeDefined();
    const item = emu.shop.inventoryById.get(Number(target!.item.split('/').pop()))!;
    const waiting = () => (sqlite.prepare("SELECT id FROM orders WHERE exception_reason = 'stock_short' ORDER BY id").all() as { id: number }[]).map((r) => r.id);
    const shortBefore = waiting();

    // The shop sells out of that item everywhere.
    for (const loc of item.levels.keys()) item.levels.set(loc, 0);
    item.updatedAt = new Date().toISOString();
    events.length = 0;
    expect((await engine.run()).ok).toBe(true);

    const movedIn = waiting().filter((id) => !shortBefore.includes(id));
    expect(movedIn).toContain(target!.id);
    const named = new Set(events.flatMap((e) => e.orderIds ?? []));
    for (const id of movedIn) expect(named.has(id), `order ${id} named`).toBe(true);
    expect(events.at(-1)!.counts.exceptions).toBe((sqlite.prepare("SELECT count(*) AS n FROM orders WHERE queue = 'exceptions'").get() as { n: number }).n);

    // Restocked: the same orders leave Exceptions, and the event names them again.
    for (const loc of item.levels.keys()) item.levels.set(loc, 500);
    item.updatedAt = new Date(Date.now() + 1000).toISOString();
    events.length = 0;
    expect((await engine.run()).ok).toBe(true);
    expect(waiting()).not.toContain(target!.id);
    expect(new Set(events.flatMap((e) => e.orderIds ?? [])).has(target!.id)).toBe(true);
  });
});

describe('the ids an orders.changed carries', () => {
  it('are de-duplicated, and past the cap none are named (windows then refresh whatever is open)', () => {
    expect(eventOrderIds([3, 1], [1, 2])).toEqual([3, 1, 2]);
    expect(eventOrderIds(Array.from({ length: CHANGED_IDS_CAP }, (_, i) => i))).toHaveLength(CHANGED_IDS_CAP);
    expect(eventOrderIds(Array.from({ length: CHANGED_IDS_CAP + 1 }, (_, i) => i))).toBeUndefined();
  });

  it('moves noted for one database are taken once, and only for that database', async () => {
    ws = await demoWorkspace();
    const other = await demoWorkspace();
    try {
      noteAllocationMoves(ws.core.ctx.sqlite, [7, 8]);
      noteAllocationMoves(ws.core.ctx.sqlite, [8]);
      expect(takeAllocationMoves(other.core.ctx.sqlite)).toEqual([]);
      expect(takeAllocationMoves(ws.core.ctx.sqlite)).toEqual([7, 8]);
      expect(takeAllocationMoves(ws.core.ctx.sqlite)).toEqual([]);
    } finally {
      other.dispose();
    }
  });
});
