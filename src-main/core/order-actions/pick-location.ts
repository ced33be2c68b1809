import { OmsError } from '../../../src-shared/contract';
import type { Sqlite } from '../../db/open';

export interface LocationChoice {
  id: number;
  name: string;
  platform: string | null;
  externalId: string | null;
}

/**
 * Where an order ships from. An explicit location must exist and be active.
 * Otherwise: the active location that can cover the most of the wanted units
 * (ties: lowest id, i.e. the main warehouse), or the first active location when
 * nothing is in stock anywhere.
 */
export function createLocationPicker(sqlite: Sqlite) {
  const byId = sqlite.prepare<[number], { id: number; name: string; platform: string | null; external_id: string | null; active: number }>(
    'SELECT id, name, platform, external_id, active FROM locations WHERE id = ?',
  );
  const firstActive = sqlite.prepare<[], { id: number; name: string; platform: string | null; external_id: string | null }>(
    'SELECT id, name, platform, external_id FROM locations WHERE active = 1 ORDER BY id LIMIT 1',
  );
  const levels = sqlite.prepare<[number], { location_id: number; on_hand: number }>(
    'SELECT s.location_id, s.on_hand FROM stock_levels s JOIN locations l ON l.id = s.location_id AND l.active = 1 WHERE s.variant_id = ?',
  );

  return function pick(wanted: { variantId: number | null; quantity: number }[], locationId?: number): LocationChoice | null {
    if (locationId !== undefined) {
      const l = byId.get(locationId);
      if (!l) throw new OmsError('VALIDATION', `locationId: there is no location ${locationId}.`, { field: 'locationId' });
      if (l.active !== 1) throw new OmsError('VALIDATION', `locationId: ${l.name} is not active.`, { field: 'locationId' });
      return { id: l.id, name: l.name, platform: l.platform, externalId: l.external_id };
    }
    const covered = new Map<number, number>();
    for (const w of wanted) {
      if (w.variantId === null) continue;
      for (const lv of levels.all(w.variantId)) covered.set(lv.location_id, (covered.get(lv.location_id) ?? 0) + Math.min(Math.max(0, lv.on_hand), w.quantity));
    }
    let best: number | null = null;
    for (const [loc, units] of covered) {
      if (units <= 0) continue;
      const bestUnits = best === null ? -1 : (covered.get(best) as number);
      if (units > bestUnits || (units === bestUnits && loc < (best as number))) best = loc;
    }
    if (best !== null) {
      const l = byId.get(best);
      if (l) return { id: l.id, name: l.name, platform: l.platform, externalId: l.external_id };
    }
    const f = firstActive.get();
    return f ? { id: f.id, name: f.name, platform: f.platform, externalId: f.external_id } : null;
  };
}
