import { afterAll, beforeAll, expect } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { setLevel } from '../../src-main/emulator/inventory-levels';
import { createSyncEngine, type SyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { demoWorkspace, type Session, type TestWorkspace } from './workspace';

type ConnectorOptions = Parameters<typeof createShopifyConnector>[0];

/**
 * A workspace synced once from an emulated Shopify (60 orders, Plus plan), for
 * the stock tests: registers its own beforeAll/afterAll in the calling describe.
 * `pick(skip)` names one synced SKU with stock at a synced location, with its
 * level at the platform and locally.
 */
export function syncedStockShop(opts: { seed: number; minOnHand: number; connector?: Partial<ConnectorOptions> }) {
  const shop = {} as { emu: Emulator; url: string; ws: TestWorkspace; engine: SyncEngine; manager: Session };
  const sqlite = () => shop.ws.core.ctx.sqlite;
  const connectorFor = (fetchImpl?: typeof fetch) =>
    createShopifyConnector({ shopUrl: shop.url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, maxBackoffMs: 20, ...opts.connector, fetch: fetchImpl });

  beforeAll(async () => {
    shop.emu = createEmulator({ orders: 60, seed: opts.seed, plan: 'plus' });
    shop.url = (await shop.emu.listen()).url;
    shop.ws = await demoWorkspace();
    shop.engine = createSyncEngine({ sqlite: sqlite(), connector: connectorFor(), now: () => new Date() });
    expect((await shop.engine.run()).ok).toBe(true);
    shop.manager = await shop.ws.as('manager');
  });
  afterAll(async () => {
    shop.ws.dispose();
    await shop.emu.close();
  });

  function pick(skip: number) {
    const row = sqlite()
      .prepare("SELECT s.variant_id, s.location_id, s.on_hand, v.inventory_item_id, l.external_id AS loc FROM stock_levels s JOIN variants v ON v.id = s.variant_id JOIN locations l ON l.id = s.location_id WHERE v.platform = 'shopify' AND s.on_hand > ? ORDER BY s.variant_id, s.location_id LIMIT 1 OFFSET ?")
      .get(opts.minOnHand, skip) as { variant_id: number; location_id: number; on_hand: number; inventory_item_id: string; loc: string };
    const item = shop.emu.shop.inventoryById.get(Number(row.inventory_item_id.split('/').pop()))!;
    const locId = Number(row.loc.split('/').pop());
    return {
      ...row,
      /** The level at the platform (the emulator). */
      platform: () => item.levels.get(locId) ?? 0,
      /** A change made at the shop (a sale, a count): the level's updatedAt moves. */
      shopSets: (qty: number) => setLevel(item, locId, qty, new Date().toISOString()),
      /** The level in the local store. */
      local: () => (sqlite().prepare('SELECT on_hand FROM stock_levels WHERE variant_id = ? AND location_id = ?').get(row.variant_id, row.location_id) as { on_hand: number }).on_hand,
    };
  }

  return { shop, sqlite, connectorFor, pick };
}
