import type { CatalogVariant } from './catalog';
import type { Rng } from './random';

/**
 * Five locations and an opening stock picture: every SKU at the main
 * warehouse, many at the two DCs, some on the shop floor, a few in the returns
 * bay. Levels follow each SKU's expected sales so best sellers carry more, a
 * share sits below the reorder point (so low-stock alerts have something to
 * show) and a few are sold out.
 */

export interface DemoLocation {
  id: number;
  name: string;
  code: string;
  /** Chance that a SKU is stocked here. */
  carries: number;
  /** Days of cover held when stocked (min, max). */
  cover: [number, number];
}

export const LOCATIONS: DemoLocation[] = [
  { id: 1, name: 'Main warehouse', code: 'MAIN', carries: 1, cover: [8, 70] },
  { id: 2, name: 'East DC', code: 'EAST', carries: 0.55, cover: [4, 35] },
  { id: 3, name: 'West DC', code: 'WEST', carries: 0.45, cover: [4, 35] },
  { id: 4, name: 'Shop floor', code: 'SHOP', carries: 0.3, cover: [0, 0] },
  { id: 5, name: 'Returns bay', code: 'RETURNS', carries: 0.06, cover: [0, 0] },
];

export interface StockLevel {
  variantId: number;
  locationId: number;
  onHand: number;
  bin: string;
  reorderPoint: number | null;
}

function bin(rng: Rng, loc: DemoLocation): string {
  if (loc.code === 'SHOP') return `SF-${String(rng.range(1, 40)).padStart(2, '0')}`;
  if (loc.code === 'RETURNS') return `R-${rng.range(1, 12)}`;
  return `${'ABCDEFGH'[rng.int(8)]}-${String(rng.range(1, 24)).padStart(2, '0')}-${rng.range(1, 5)}`;
}

/**
 * @param unitsPerDay expected units sold per day across the shop (orders/day × lines × quantity)
 */
export function buildStock(variants: CatalogVariant[], unitsPerDay: number, rng: Rng): { levels: StockLevel[]; onHandBySku: Int32Array } {
  let totalPopularity = 0;
  for (const v of variants) totalPopularity += v.popularity;
  const levels: StockLevel[] = [];
  const onHandBySku = new Int32Array(variants.length + 1);

  for (const v of variants) {
    const daily = (unitsPerDay * v.popularity) / totalPopularity;
    for (const loc of LOCATIONS) {
      if (loc.id !== 1 && !rng.chance(loc.carries)) continue;
      let onHand: number;
      let reorderPoint: number | null;
      if (loc.code === 'SHOP') {
        onHand = rng.range(0, 12);
        reorderPoint = rng.range(2, 4);
      } else if (loc.code === 'RETURNS') {
        onHand = rng.range(1, 4);
        reorderPoint = null;
      } else {
        const share = loc.id === 1 ? 0.6 : 0.2;
        // Two weeks of this location's share of sales, at least a couple of units.
        reorderPoint = Math.max(2, Math.ceil(daily * share * 14));
        const roll = rng.next();
        if (roll < 0.04) onHand = 0; // sold out
        else if (roll < 0.12) onHand = Math.floor(reorderPoint * rng.next() * 0.9); // below reorder point
        else onHand = Math.max(reorderPoint + 1, Math.round(daily * share * (loc.cover[0] + rng.next() * (loc.cover[1] - loc.cover[0]))) + rng.range(0, 6));
      }
      levels.push({ variantId: v.id, locationId: loc.id, onHand, bin: bin(rng, loc), reorderPoint });
      onHandBySku[v.id] = (onHandBySku[v.id] as number) + onHand;
    }
  }
  return { levels, onHandBySku };
}
