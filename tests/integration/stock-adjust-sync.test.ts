import { describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../src-main/core/sync/engine';
import { syncedStockShop } from '../support/synced-stock';

/**
 * A staff adjustment reaches the shop as a delta through the outbox, exactly
 * once: even when the process dies after the platform applied it and before
 * the outbox row was marked done, the re-send carries the same @idempotent key.
 */
describe('stock.adjust → Shopify (emulator)', () => {
  const { shop, sqlite, connectorFor, pick } = syncedStockShop({ seed: 11, minOnHand: 3, connector: { maxAttempts: 4 } });

  it('an adjustment is sent once and the platform level moves by the delta', async () => {
    const p = pick(0);
    const before = p.platform();
    expect(before).toBe(p.on_hand);
    const effects = shop.emu.effects.inventoryAdjustQuantities;
    const r = await shop.manager.ok('stock.adjust', { variantId: p.variant_id, locationId: p.location_id, delta: -3, reason: 'damaged' });
    expect(r.pushQueued).toBe(true);
    expect((await shop.engine.drainOutbox()).sent).toBe(1);
    expect(p.platform()).toBe(before - 3);
    expect(shop.emu.effects.inventoryAdjustQuantities).toBe(effects + 1);
    // A second drain has nothing left to send, and pulling the level back agrees with ours.
    expect((await shop.engine.drainOutbox()).sent).toBe(0);
    expect((await shop.engine.run()).ok).toBe(true);
    expect(p.local()).toBe(before - 3);
  });

  it('killed between send and acknowledgement: the restart re-sends with the same key, one effect', async () => {
    const p = pick(1);
    const before = p.platform();
    const r = await shop.manager.ok('stock.adjust', { variantId: p.variant_id, locationId: p.location_id, delta: 5, reason: 'received', note: 'PO 1182' });
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
    expect(p.platform()).toBe(before + 5);
    const effects = shop.emu.effects.inventoryAdjustQuantities;
    const replays = shop.emu.effects.replays;

    const run = await shop.engine.run();
    expect(run.ok).toBe(true);
    expect(run.outbox.sent).toBe(1);
    expect(shop.emu.effects.inventoryAdjustQuantities).toBe(effects);
    expect(shop.emu.effects.replays).toBe(replays + 1);
    expect(p.platform()).toBe(before + 5);
    expect(sqlite().prepare("SELECT status FROM outbox WHERE kind = 'inventory.adjust' AND entity_id = ?").get(String(r.movementId))).toEqual({ status: 'done' });
    expect(p.local()).toBe(before + 5);
  });
});
