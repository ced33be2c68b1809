import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { createSyncEngine, type SyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { demoWorkspace, type Session, type TestWorkspace } from '../support/workspace';

/**
 * A staff adjustment reaches the shop as a delta through the outbox, exactly
 * once: even when the process dies after the platform applied it and before
 * the outbox row was marked done, the re-send carries the same @idempotent key.
 */
describe('stock.adjust → Shopify (emulator)', () => {
  let emu: Emulator;
  let url: string;
  let ws: TestWorkspace;
  let engine: SyncEngine;
  let manager: Session;
  const connectorFor = (fetchImpl?: typeof fetch) => createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, maxBackoffMs: 20, maxAttempts: 4, fetch: fetchImpl });
  const sqlite = () => ws.core.ctx.sqlite;

  beforeAll(async () => {
    emu = createEmulator({ orders: 60, seed: 11, plan: 'plus' });
    url = (await emu.listen()).url;
    ws = await demoWorkspace();
    engine = createSyncEngine({ sqlite: sqlite(), connector: connectorFor(), now: () => new Date() });
    expect((await engine.run()).ok).toBe(true);
    manager = await ws.as('manager');
  });
  afterAll(async () => {
    ws.dispose();
    await emu.close();
  });

  /** A synced SKU with stock at a synced location, and the emulator's level for it. */
  function pick(skip: number) {
    const row = sqlite()
      .prepare("SELECT s.variant_id, s.location_id, s.on_hand, v.inventory_item_id, l.external_id AS loc FROM stock_levels s JOIN variants v ON v.id = s.variant_id JOIN locations l ON l.id = s.location_id WHERE v.platform = 'shopify' AND s.on_hand > 3 ORDER BY s.variant_id, s.location_id LIMIT 1 OFFSET ?")
      .get(skip) as { variant_id: number; location_id: number; on_hand: number; inventory_item_id: string; loc: string };
    const item = emu.shop.inventoryById.get(Number(row.inventory_item_id.split('/').pop()))!;
    const locId = Number(row.loc.split('/').pop());
    return { ...row, platformLevel: () => item.levels.get(locId) ?? 0 };
  }

  it('an adjustment is sent once and the platform level moves by the delta', async () => {
    const p = pick(0);
    const before = p.platformLevel();
    expect(before).toBe(p.on_hand);
    const effects = emu.effects.inventoryAdjustQuantities;
    const r = await manager.ok('stock.adjust', { variantId: p.variant_id, locationId: p.location_id, delta: -3, reason: 'damaged' });
    expect(r.pushQueued).toBe(true);
    expect((await engine.drainOutbox()).sent).toBe(1);
    expect(p.platformLevel()).toBe(before - 3);
    expect(emu.effects.inventoryAdjustQuantities).toBe(effects + 1);
    // A second drain has nothing left to send, and pulling the level back agrees with ours.
    expect((await engine.drainOutbox()).sent).toBe(0);
    expect((await engine.run()).ok).toBe(true);
    expect((sqlite().prepare('SELECT on_hand FROM stock_levels WHERE variant_id = ? AND location_id = ?').get(p.variant_id, p.location_id) as { on_hand: number }).on_hand).toBe(before - 3);
  });

  it('killed between send and acknowledgement: the restart re-sends with the same key, one effect', async () => {
    const p = pick(1);
    const before = p.platformLevel();
    const r = await manager.ok('stock.adjust', { variantId: p.variant_id, locationId: p.location_id, delta: 5, reason: 'received', note: 'PO 1182' });
    const controller = new AbortController();
    const dying: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(init?.body).includes('inventoryAdjustQuantities')) {
        controller.abort(new Error('killed'));
        throw new Error('killed');
      }
      return res;
    };
    const doomed = createSyncEngine({ sqlite: sqlite(), connector: connectorFor(dying), now: () => new Date() });
    await expect(doomed.drainOutbox(controller.signal)).rejects.toThrow('killed');
    expect(sqlite().prepare("SELECT status FROM outbox WHERE kind = 'inventory.adjust' AND entity_id = ?").get(String(r.movementId))).toEqual({ status: 'sending' });
    expect(p.platformLevel()).toBe(before + 5);
    const effects = emu.effects.inventoryAdjustQuantities;
    const replays = emu.effects.replays;

    const run = await engine.run();
    expect(run.ok).toBe(true);
    expect(run.outbox.sent).toBe(1);
    expect(emu.effects.inventoryAdjustQuantities).toBe(effects);
    expect(emu.effects.replays).toBe(replays + 1);
    expect(p.platformLevel()).toBe(before + 5);
    expect(sqlite().prepare("SELECT status FROM outbox WHERE kind = 'inventory.adjust' AND entity_id = ?").get(String(r.movementId))).toEqual({ status: 'done' });
    expect((sqlite().prepare('SELECT on_hand FROM stock_levels WHERE variant_id = ? AND location_id = ?').get(p.variant_id, p.location_id) as { on_hand: number }).on_hand).toBe(before + 5);
  });
});
