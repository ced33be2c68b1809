import { describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../src-main/core/sync/engine';
import { syncedStockShop } from '../support/synced-stock';

/**
 * A pull must not undo a local stock adjustment whose delta has not reached the
 * platform yet, nor count it twice when it may have (pending-stock.ts).
 * overlapMs is 0 here so nothing is read again by the overlap window by luck:
 * what is read again is read because the code asked for it.
 */
describe('sync: a pulled stock level and the adjustments still on their way', () => {
  const { shop, sqlite, connectorFor, pick } = syncedStockShop({ seed: 5, minOnHand: 5, connector: { maxAttempts: 3, overlapMs: 0 } });
  /** Another level changes at the shop later, so the next pass starts past everything before it. */
  async function laterChangeElsewhere(skip: number) {
    await new Promise((r) => setTimeout(r, 20));
    const other = pick(skip);
    other.shopSets(other.platform() + 1);
  }

  it('adjust +5, an older level pulled before the push: the level shows the adjustment; after push and pull, still right (no double count)', async () => {
    const p = pick(0);
    const start = p.local();
    expect(p.platform()).toBe(start);
    // A sale at the shop, so this run's pull carries the level (without our +5).
    p.shopSets(start - 1);
    // The adjustment is made while a run is under way: after its drain, before its inventory pull.
    let adjusted = false;
    const adjustDuringRun: typeof fetch = async (input, init) => {
      if (!adjusted && String(init?.body).includes('query Inventory(')) {
        adjusted = true;
        await shop.manager.ok('stock.adjust', { variantId: p.variant_id, locationId: p.location_id, delta: 5, reason: 'received', note: 'PO 77' });
      }
      return fetch(input, init);
    };
    const run = await createSyncEngine({ sqlite: sqlite(), connector: connectorFor(adjustDuringRun), now: () => new Date() }).run();
    expect(run.ok).toBe(true);
    expect(adjusted).toBe(true);
    expect(run.outbox.sent).toBe(0);
    expect(p.platform()).toBe(start - 1);
    expect(p.local()).toBe(start - 1 + 5);

    // The push goes out, the next pull brings the platform's level back with the delta in it.
    const next = await shop.engine.run();
    expect(next.ok).toBe(true);
    expect(next.outbox.sent).toBe(1);
    expect(p.platform()).toBe(start + 4);
    expect(p.local()).toBe(start + 4);
    await laterChangeElsewhere(3);
    expect((await shop.engine.run()).ok).toBe(true);
    expect(p.local()).toBe(start + 4);
  });

  it('a delta whose answer was lost is in flight: the pull keeps the local level, and once acknowledged the level is read again', async () => {
    const p = pick(1);
    const start = p.local();
    const effects = shop.emu.effects.inventoryAdjustQuantities;
    const r = await shop.manager.ok('stock.adjust', { variantId: p.variant_id, locationId: p.location_id, delta: 5, reason: 'received' });
    // Every answer to the adjustment is lost: the shop applied it (once: the retries carry its key), we never heard.
    const deaf: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(init?.body).includes('inventoryAdjustQuantities')) throw new TypeError('fetch failed: socket hang up');
      return res;
    };
    const drained = await createSyncEngine({ sqlite: sqlite(), connector: connectorFor(deaf), now: () => new Date() }).drainOutbox();
    expect(drained.retrying).toBe(1);
    expect(shop.emu.effects.inventoryAdjustQuantities).toBe(effects + 1);
    expect(p.platform()).toBe(start + 5);
    // Then a sale at the shop on the same level, and a later change elsewhere.
    p.shopSets(start + 3);
    await laterChangeElsewhere(4);

    // A run while the delta waits for its retry: the pulled level (start + 3) may or may not hold our +5; it is not taken.
    const run = await shop.engine.run();
    expect(run.ok).toBe(true);
    expect(run.outbox.sent).toBe(0);
    expect(p.local()).toBe(start + 5);

    // Later: the retry is acknowledged (the key is recognised, no second effect), and inventory is read again from when the delta was queued.
    const later = await createSyncEngine({ sqlite: sqlite(), connector: connectorFor(), now: () => new Date(Date.now() + 86_400_000) }).run();
    expect(later.ok).toBe(true);
    expect(later.outbox.sent).toBe(1);
    expect(shop.emu.effects.inventoryAdjustQuantities).toBe(effects + 1);
    expect(sqlite().prepare("SELECT status FROM outbox WHERE kind = 'inventory.adjust' AND entity_id = ?").get(String(r.movementId))).toEqual({ status: 'done' });
    expect(p.local()).toBe(p.platform());
    expect(p.local()).toBe(start + 3);
  });
  it('a delta the platform refused stays counted here while it is on the Sync screen as failed; cancelling it lets the platform level stand', async () => {
    const p = pick(2);
    const start = p.local();
    const r = await shop.manager.ok('stock.adjust', { variantId: p.variant_id, locationId: p.location_id, delta: 4, reason: 'received' });
    // The shop refuses it (here: the item it names is unknown there).
    sqlite().prepare("UPDATE outbox SET payload = json_set(payload, '$.inventoryItemExternalId', 'gid://shopify/InventoryItem/1') WHERE kind = 'inventory.adjust' AND entity_id = ?").run(String(r.movementId));
    expect((await shop.engine.drainOutbox()).failed).toBe(1);
    p.shopSets(start - 1);
    expect((await shop.engine.run()).ok).toBe(true);
    expect(p.local()).toBe(start - 1 + 4);
    // Cancelled by a person: no longer on its way, so the next pull of the level takes the platform's word.
    sqlite().prepare("UPDATE outbox SET status = 'cancelled' WHERE kind = 'inventory.adjust' AND entity_id = ?").run(String(r.movementId));
    p.shopSets(start - 2);
    expect((await shop.engine.run()).ok).toBe(true);
    expect(p.local()).toBe(start - 2);
  });
});
