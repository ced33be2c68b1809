import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { setLevel } from '../../src-main/emulator/inventory-levels';
import { createSyncEngine, type SyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * Incremental stock on a platform where a quantity change moves the
 * InventoryLevel's updatedAt and not the InventoryItem's (as Shopify does; the
 * emulator does the same): the incremental pass still finds quantity-only
 * changes, through Location.inventoryLevels(query: "updated_at:>=…").
 */
describe('sync: incremental inventory finds quantity-only changes', () => {
  let emu: Emulator;
  let url: string;
  let ws: TestWorkspace;
  let engine: SyncEngine;
  /** Query cost the platform charged (extensions.cost.actualQueryCost), summed per run. */
  let charged = 0;
  let requests = 0;
  const metered: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const body = (await res.clone().json().catch(() => null)) as { extensions?: { cost?: { actualQueryCost?: number } } } | null;
    charged += body?.extensions?.cost?.actualQueryCost ?? 0;
    requests++;
    return res;
  };
  const connector = () => createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, maxBackoffMs: 20, fetch: metered });
  const sqlite = () => ws.core.ctx.sqlite;
  const localOnHand = (inventoryItemId: number, locationId: number) =>
    (sqlite().prepare('SELECT s.on_hand FROM stock_levels s JOIN variants v ON v.id = s.variant_id JOIN locations l ON l.id = s.location_id WHERE v.inventory_item_id = ? AND l.external_id = ?')
      .get(`gid://shopify/InventoryItem/${inventoryItemId}`, `gid://shopify/Location/${locationId}`) as { on_hand: number } | undefined)?.on_hand ?? 0;

  beforeAll(async () => {
    emu = createEmulator({ orders: 80, seed: 21, plan: 'standard' });
    url = (await emu.listen()).url;
    ws = await demoWorkspace();
    engine = createSyncEngine({ sqlite: sqlite(), connector: connector(), now: () => new Date() });
    expect((await engine.run()).ok).toBe(true);
  });
  afterAll(async () => {
    ws.dispose();
    await emu.close();
  });

  it('the emulator, like the platform, leaves the item updatedAt alone when only a quantity changes', async () => {
    const item = emu.shop.inventoryItems[3]!;
    const loc = emu.shop.locations[0]!;
    const before = item.updatedAt;
    await new Promise((r) => setTimeout(r, 5));
    const res = (await emu.execute({
      query: 'mutation A($input: InventoryAdjustQuantitiesInput!) { inventoryAdjustQuantities(input: $input) @idempotent(key: "levels-1") { inventoryAdjustmentGroup { id } userErrors { message } } }',
      variables: { input: { reason: 'correction', name: 'available', changes: [{ delta: 2, inventoryItemId: `gid://shopify/InventoryItem/${item.id}`, locationId: `gid://shopify/Location/${loc.id}` }] } },
    })).body as { data: { inventoryAdjustQuantities: { userErrors: unknown[] } } };
    expect(res.data.inventoryAdjustQuantities.userErrors).toEqual([]);
    expect(item.updatedAt).toBe(before);
    expect(item.levelUpdatedAt.get(loc.id)! > before).toBe(true);
    // So the item filter alone does not see it; the level filter does (both validated against the 2026-04 schema).
    const since = new Date(Date.now() - 1000).toISOString();
    const items = (await emu.execute({ query: `{ inventoryItems(first: 250, query: "updated_at:>='${since}'") { nodes { id } } }` })).body as { data: { inventoryItems: { nodes: { id: string }[] } } };
    expect(items.data.inventoryItems.nodes.map((n) => n.id)).not.toContain(`gid://shopify/InventoryItem/${item.id}`);
    const levels = (await emu.execute({ query: `{ location(id: "gid://shopify/Location/${loc.id}") { inventoryLevels(first: 100, query: "updated_at:>='${since}'") { nodes { item { id } } } } }` })).body as { data: { location: { inventoryLevels: { nodes: { item: { id: string } }[] } } } };
    expect(levels.data.location.inventoryLevels.nodes.map((n) => n.item.id)).toContain(`gid://shopify/InventoryItem/${item.id}`);
  });

  it('the next incremental run brings quantity-only changes in, and says what it cost', async () => {
    // Changes at the shop: an adjustment through the API (above), restocks, a sale-like decrement at another location.
    emu.simulate({ stockChanges: 4 });
    const other = emu.shop.inventoryItems.find((it) => it.levels.size > 1)!;
    const [locB, qtyB] = [...other.levels.entries()][1]!;
    setLevel(other, locB, qtyB - 1, new Date().toISOString());
    const changed = emu.shop.inventoryItems.filter((it) => [...it.levelUpdatedAt.values()].length > 0);
    expect(changed.length).toBeGreaterThan(1);

    charged = 0;
    requests = 0;
    const run = await engine.run({ resources: ['inventory'] });
    expect(run.ok).toBe(true);
    for (const it of changed) for (const [loc, qty] of it.levels) expect(localOnHand(it.id, loc)).toBe(qty);
    const units = emu.shop.inventoryItems.reduce((s, i) => s + [...i.levels.values()].reduce((a, b) => a + b, 0), 0);
    expect((sqlite().prepare('SELECT coalesce(sum(on_hand), 0) n FROM stock_levels').get() as { n: number }).n).toBe(units);
    // Per run, on a standard plan's bucket: printed for the issue note.
    console.log(`incremental inventory pass with ${changed.length} changed items over ${emu.shop.locations.length} locations: ${requests} requests, ${charged} cost points charged`);

    charged = 0;
    requests = 0;
    const quiet = await engine.run({ resources: ['inventory'] });
    expect(quiet.ok).toBe(true);
    expect(quiet.resources.inventory!.updated).toBe(0);
    // One items query, one locations query, one levels query per location.
    expect(requests).toBe(2 + emu.shop.locations.length);
    console.log(`quiet incremental inventory pass: ${requests} requests, ${charged} cost points charged`);
  });

  it('a run killed in the middle of the levels phase resumes there and misses nothing', async () => {
    const item = emu.shop.inventoryItems[10]!;
    const locs = [...item.levels.keys()];
    for (const loc of locs) setLevel(item, loc, (item.levels.get(loc) ?? 0) + 3, new Date().toISOString());
    const controller = new AbortController();
    let seen = 0;
    const dying: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(init?.body).includes('LocationLevels') && ++seen === 1) controller.abort(new Error('killed'));
      return res;
    };
    const doomed = createSyncEngine({ sqlite: sqlite(), connector: createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', fetch: dying }), now: () => new Date() });
    const killed = await doomed.run({ resources: ['inventory'], signal: controller.signal });
    expect(killed.ok).toBe(false);
    expect(await engine.run()).toMatchObject({ ok: true });
    for (const loc of locs) expect(localOnHand(item.id, loc)).toBe(item.levels.get(loc));
  });
});
