import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ShopData } from '../../emulator';

/**
 * The demo store's shop as it was generated, saved once when the store is
 * created. Later opens load it instead of running the generator again, so a
 * newer Orderhouse whose demo generator draws differently cannot change the
 * history a workspace already imported (ids, numbers, amounts stay the same).
 */
type InventoryRow = Omit<ShopData['inventoryItems'][number], 'levels' | 'levelUpdatedAt'> & { levels: [number, number][]; levelUpdatedAt?: [number, string][] };
interface Snapshot {
  version: 1;
  shop: Omit<ShopData, 'variants' | 'inventoryItems' | 'inventoryById' | 'customerById' | 'orderById'> & { inventoryItems: InventoryRow[] };
}

export function saveShopSnapshot(file: string, shop: ShopData): void {
  const { variants: _v, inventoryById: _i, customerById: _c, orderById: _o, inventoryItems, ...rest } = shop;
  const snap: Snapshot = { version: 1, shop: { ...rest, inventoryItems: inventoryItems.map((it) => ({ ...it, levels: [...it.levels.entries()], levelUpdatedAt: [...it.levelUpdatedAt.entries()] })) } };
  writeFileSync(`${file}.tmp`, gzipSync(JSON.stringify(snap)), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function loadShopSnapshot(file: string): ShopData | null {
  if (!existsSync(file)) return null;
  const snap = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Snapshot;
  if (snap.version !== 1) throw new Error(`${file} is from a newer Orderhouse (snapshot version ${String(snap.version)}).`);
  const s = snap.shop;
  // Maps are rebuilt over the same objects as the lists, as the generator builds them.
  // Snapshots written before levels had their own time have none: each level then reads as changed with its item.
  const inventoryItems = s.inventoryItems.map((it) => ({ ...it, levels: new Map(it.levels), levelUpdatedAt: new Map(it.levelUpdatedAt ?? []) }));
  return {
    ...s,
    variants: new Map(s.products.flatMap((p) => p.variants.map((v) => [v.id, v] as const))),
    inventoryItems,
    inventoryById: new Map(inventoryItems.map((it) => [it.id, it])),
    customerById: new Map(s.customers.map((c) => [c.id, c])),
    orderById: new Map(s.orders.map((o) => [o.id, o])),
  };
}
