import { ConnectorError, type Connector, type PullItem, type PullPage, type SyncResource } from '../connector';
import { mapInventoryItem, RecordError } from './map';
import { LEVEL_LOCATIONS_QUERY, LOCATION_LEVELS_QUERY } from './queries';

/**
 * Incremental stock: quantity-only changes.
 *
 * An incremental inventory pass reads `inventoryItems(query: "updated_at:>=…")`.
 * On Shopify an InventoryItem's updatedAt need not move when only a quantity
 * does: the quantity belongs to the InventoryLevel, which has its own
 * `updatedAt` ("The date and time when the inventory level was updated",
 * Admin 2026-04). The schema lets a location's levels be filtered by it:
 * `Location.inventoryLevels(query:)` accepts `updated_at`, `created_at`, `id`,
 * `inventory_item_id` and `inventory_group_id`. There is no root-level
 * inventoryLevels list, so after the items pass this second phase walks the
 * shop's locations and reads each one's levels changed since the pass began.
 * Each level arrives as an inventory record with just that level (and its item's
 * cost and weight, which the store writer also sets).
 *
 * Cost: one locations query (1 page, requested ~4 points), then per location one
 * levels query; a page of 100 levels is requested at ~700 points but charged for
 * what comes back, so a location with no changed level costs a few points.
 * A shop with L locations and C changed levels pays about L + C/100 extra
 * requests per run — on a standard plan's bucket (100 points/s) a quiet run's
 * second phase takes well under a second.
 *
 * The phase lives in the cursor under `levels` (JSON beside the items pass's
 * fields), so a crash mid-phase resumes at the location and page it reached.
 */
export const LEVELS_PAGE = 100;

interface LevelsPhase {
  /** The items pass's since: levels changed from then on are read. */
  from: string;
  /** The since the items pass computed for the next pass. */
  next: string | null;
  locations: string[] | null;
  index: number;
  after: string | null;
  maxSeen: string | null;
}
type Obj = Record<string, unknown>;
type Request = <T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal) => Promise<T>;

function phaseOf(raw: string | null): LevelsPhase | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as { levels?: LevelsPhase | null };
    return c.levels ?? null;
  } catch {
    return null;
  }
}
const sinceOf = (raw: string | null): string | null => {
  try {
    return raw ? ((JSON.parse(raw) as { since?: string | null }).since ?? null) : null;
  } catch {
    return null;
  }
};
const afterOf = (raw: string): string | null => (JSON.parse(raw) as { after?: string | null }).after ?? null;

/**
 * Wraps the connector: its inventory pull gains the levels phase after each
 * incremental items pass (a first import reads every level anyway).
 */
export function withInventoryLevels<C extends Connector>(inner: C, opts: { request: Request; currency: string; overlapMs: number }): C {
  async function locations(signal?: AbortSignal): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { locations: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await opts.request(LEVEL_LOCATIONS_QUERY, { after }, signal);
      ids.push(...res.locations.nodes.map((n) => n.id));
      if (!res.locations.pageInfo.hasNextPage) return ids;
      after = res.locations.pageInfo.endCursor;
    }
  }

  async function levelsPage(phase: LevelsPhase, signal?: AbortSignal): Promise<PullPage<'inventory'>> {
    const locs = phase.locations ?? (await locations(signal));
    const items: PullItem<'inventory'>[] = [];
    let maxSeen = phase.maxSeen;
    let { index, after } = phase;
    const locationId = locs[index];
    if (locationId) {
      const res = await opts.request<{ location: { inventoryLevels: { nodes: Obj[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null }>(
        LOCATION_LEVELS_QUERY, { id: locationId, first: LEVELS_PAGE, after, query: `updated_at:>='${phase.from}'` }, signal);
      // A location removed while the phase ran has no levels left to read.
      const conn = res.location?.inventoryLevels ?? { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
      if (!Array.isArray(conn.nodes)) throw new ConnectorError('query', "The shop's answer has no inventoryLevels list.", true);
      for (const level of conn.nodes) {
        const item = (level.item ?? {}) as Obj;
        const node = { ...item, inventoryLevels: { nodes: [{ location: { id: locationId }, quantities: level.quantities }], pageInfo: { hasNextPage: false } } };
        try {
          items.push({ ok: true, record: mapInventoryItem(node, opts.currency) });
        } catch (err) {
          if (!(err instanceof RecordError)) throw err;
          items.push({ ok: false, externalId: typeof item.id === 'string' ? item.id : null, reason: err.message, payload: level });
        }
        const u = typeof level.updatedAt === 'string' && !Number.isNaN(Date.parse(level.updatedAt)) ? new Date(level.updatedAt).toISOString() : null;
        if (u && (!maxSeen || u > maxSeen)) maxSeen = u;
      }
      if (conn.pageInfo.hasNextPage && conn.nodes.length > 0) after = conn.pageInfo.endCursor;
      else {
        index++;
        after = null;
      }
    } else index = locs.length;
    if (index < locs.length) return { items, nextCursor: JSON.stringify({ since: phase.next, after: null, maxSeen: null, levels: { ...phase, locations: locs, index, after, maxSeen } }), done: false };
    // The next pass starts at the newest change either phase saw, less the overlap.
    const fromLevels = maxSeen ? new Date(Date.parse(maxSeen) - opts.overlapMs).toISOString() : null;
    const since = [phase.next, fromLevels].filter((x): x is string => Boolean(x)).sort().pop() ?? phase.from;
    return { items, nextCursor: JSON.stringify({ since, after: null, maxSeen: null }), done: true };
  }

  return {
    ...inner,
    async pull<R extends SyncResource>(resource: R, rawCursor: string | null, signal?: AbortSignal): Promise<PullPage<R>> {
      if (resource !== 'inventory') return inner.pull(resource, rawCursor, signal);
      const phase = phaseOf(rawCursor);
      if (phase) return (await levelsPage(phase, signal)) as PullPage<R>;
      const from = sinceOf(rawCursor);
      const page = await inner.pull(resource, rawCursor, signal);
      // Only an incremental items pass (one with a since, not a bulk read) is followed by the levels phase.
      if (!page.done || page.bulk || !from || afterOf(page.nextCursor) !== null) return page;
      const next: LevelsPhase = { from, next: sinceOf(page.nextCursor), locations: null, index: 0, after: null, maxSeen: null };
      return { ...page, nextCursor: JSON.stringify({ since: next.next, after: null, maxSeen: null, levels: next }), done: false };
    },
    continuesPass(rawCursor: string | null): boolean {
      return phaseOf(rawCursor) !== null || (inner.continuesPass?.(rawCursor) ?? false);
    },
  };
}
