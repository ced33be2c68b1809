import type { EmuInventoryItem } from './shop-data';

/**
 * A stock level changes the way it does on Shopify: the InventoryLevel's
 * updatedAt moves, the InventoryItem's does not. (In the 2026-04 Admin schema
 * both carry updatedAt — "The date and time when the inventory level was
 * updated" / "... when the inventory item was updated" — and a quantity belongs
 * to the level.) So a client that looks for stock changes through
 * `inventoryItems(query: "updated_at:>=…")` misses quantity-only changes here,
 * as it would on the platform; `Location.inventoryLevels(query: "updated_at:>=…")`
 * finds them.
 */
export function setLevel(item: EmuInventoryItem, locationId: number, onHand: number, at: string): void {
  item.levels.set(locationId, onHand);
  item.levelUpdatedAt.set(locationId, at);
}

/** When a level last changed (the item's time when it has not changed since the shop was made). */
export const levelUpdatedAt = (item: EmuInventoryItem, locationId: number): string => item.levelUpdatedAt.get(locationId) ?? item.updatedAt;
