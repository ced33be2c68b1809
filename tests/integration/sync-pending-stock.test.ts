import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { setLevel } from '../../src-main/emulator/inventory-levels';
import { createSyncEngine, type SyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { demoWorkspace, type Session, type TestWorkspace } from '../support/workspace';

/**
 * A pull must not undo a local stock adjustment whose delta has not reached the
 * platform yet, nor count it twice when it may have (pending-stock.ts).
 * overlapMs is 0 here so nothing is read again by the overlap window by luck:
 * what is read again is read because the code asked for it.
 */
describe('sync: a pulled stock level and the adjustments still on their way', () => {
  let emu: Emulator;
  let url: string;
  let ws: TestWorkspace;
  let engine: SyncEngine;
  let manager: Session;
  const connectorFor = (fetchImpl?: typeof fetch) => createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, maxBackoffMs: 20, maxAttempts: 3, overlapMs: 0, fetch: fetchImpl });
  const sqlite = () => ws.core.ctx.sqlite;

  beforeAll(async () => {
    emu = createEmulator({ orders: 60, seed: 5, plan: 'plus' });
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

  /** A synced SKU with stock at a synced location, and its level at the emulator. */
  function pick(skip: number) {
    const row = sqlite()
      .prepare("SELECT s.variant_id, s.location_id, s.on_hand, v.inventory_item_id, l.external_id AS loc FROM stock_levels s JOIN variants v ON v.id = s.variant_id JOIN locations l ON l.id = s.location_id WHERE v.platform = 'shopify' AND s.on_hand > 5 ORDER BY s.variant_id, s.location_id LIMIT 1 OFFSET ?")
      .get(skip) as { variant_id: number; location_id: number; on_hand: number; inventory_item_id: string; loc: string };
    const item = emu.shop.inventoryById.get(Number(row.inventory_item_id.split('/').pop()))!;
    const locId = Number(row.loc.split('/').pop());
    return {
      ...row,
      platform: () => item.levels.get(locId) ?? 0,
      /** A change made at the shop (a sale, a count): the level's updatedAt moves. */
      shopSets: (qty: number) => setLevel(item, locId, qty, new Date().toISOString()),
      local: () => (sqlite().prepare('SELECT on_hand FROM stock_levels WHERE variant_id = ? AND location_id = ?').get(row.variant_id, row.location_id) as { on_hand: number }).on_hand,
    };
  }
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
        await manager.ok('stock.adjust', { variantId: p.variant_id, locationId: p.location_id, delta: 5, reason: 'received', note: 'PO 77' });
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
    const next = await engine.run();
    expect(next.ok).toBe(true);
    expect(next.outbox.sent).toBe(1);
    expect(p.platform()).toBe(start + 4);
    expect(p.local()).toBe(start + 4);
    await laterChangeElsewhere(3);
    expect((await engine.run()).ok).toBe(true);
    expect(p.local()).toBe(start + 4);
  });

  it('a delta whose answer was lost is in flight: the pull keeps the local level, and once acknowledged the level is read again', async () => {
    const p = pick(1);
    const start = p.local();
    const effects = emu.effects.inventoryAdjustQuantities;
    const r = await manager.ok('stock.adjust', { variantId: p.variant_id, locationId: p.location_id, delta: 5, reason: 'received' });
    // Every answer to the adjustment is lost: the shop applied it (once: the retries carry its key), we never heard.
    const deaf: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(init?.body).includes('inventoryAdjustQuantities')) throw new TypeError('fetch failed: socket hang up');
      return res;
    };
    const drained = await createSyncEngine({ sqlite: sqlite(), connector: connectorFor(deaf), now: () => new Date() }).drainOutbox();
    expect(drained.retrying).toBe(1);
    expect(emu.effects.inventoryAdjustQuantities).toBe(effects + 1);
    expect(p.platform()).toBe(start + 5);
    // Then a sale at the shop on the same level, and a later change elsewhere.
    p.shopSets(start + 3);
    await laterChangeElsewhere(4);

    // A run while the delta waits for its retry: the pulled level (start + 3) may or may not hold our +5; it is not taken.
    const run = await engine.run();
    expect(run.ok).toBe(true);
    expect(run.outbox.sent).toBe(0);
    expect(p.local()).toBe(start + 5);

    // Later: the retry is acknowledged (the key is recognised, no second effect), and inventory is read again from when the delta was queued.
    const later = await createSyncEngine({ sqlite: sqlite(), connector: connectorFor(), now: () => new Date(Date.now() + 86_400_000) }).run();
    expect(later.ok).toBe(true);
    expect(later.outbox.sent).toBe(1);
    expect(emu.effects.inventoryAdjustQuantities).toBe(effects + 1);
    expect(sqlite().prepare("SELECT status FROM outbox WHERE kind = 'inventory.adjust' AND entity_id = ?").get(String(r.movementId))).toEqual({ status: 'done' });
    expect(p.local()).toBe(p.platform());
    expect(p.local()).toBe(start + 3);
  });
  it('a delta the platform refused stays counted here while it is on the Sync screen as failed; cancelling it lets the platform level stand', async () => {
    const p = pick(2);
    const start = p.local();
    const r = await manager.ok('stock.adjust', { variantId: p.variant_id, locationId: p.location_id, delta: 4, reason: 'received' });
    // The shop refuses it (here: the item it names is unknown there).
    sqlite().prepare("UPDATE outbox SET payload = json_set(payload, '$.inventoryItemExternalId', 'gid://shopify/InventoryItem/1') WHERE kind = 'inventory.adjust' AND entity_id = ?").run(String(r.movementId));
    expect((await engine.drainOutbox()).failed).toBe(1);
    p.shopSets(start - 1);
    expect((await engine.run()).ok).toBe(true);
    expect(p.local()).toBe(start - 1 + 4);
    // Cancelled by a person: no longer on its way, so the next pull of the level takes the platform's word.
    sqlite().prepare("UPDATE outbox SET status = 'cancelled' WHERE kind = 'inventory.adjust' AND entity_id = ?").run(String(r.movementId));
    p.shopSets(start - 2);
    expect((await engine.run()).ok).toBe(true);
    expect(p.local()).toBe(start - 2);
  });
});
