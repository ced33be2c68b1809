import type { PullItem, SyncResource } from '../connector';
import { mapCustomer, mapInventoryItem, mapLocation, mapOrder, mapProduct, orderOverflows, plainUtcTime, productHasMoreVariants, RecordError } from './map';
import { ORDER_PAGE_LIMITS } from './queries';

type Obj = Record<string, unknown>;

export const externalIdOf = (n: Obj): string | null => (typeof n.id === 'string' ? n.id : null);
/** A node's updatedAt in the stored form, null when it has none or no date (the Date round trip only for unusual forms). */
export function updatedOf(n: Obj): string | null {
  const v = n.updatedAt;
  if (typeof v !== 'string') return null;
  const quick = plainUtcTime(v);
  if (quick !== null) return quick;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A record the platform sent wrong, as the quarantine takes it: the reason and the (scrubbed) payload. */
export const refused = (n: Obj, err: RecordError): PullItem<SyncResource> => ({ ok: false, externalId: externalIdOf(n), reason: err.message, payload: n });

/**
 * Maps one node that needs nothing more from the shop; undefined when it does
 * (a product with more variants than its page held, a paged order past the
 * page's limits: connector.ts reads the rest). Pure, so the bulk page worker
 * (bulk-page.ts) maps with it off the core's thread.
 */
export function mapNodeNow(resource: SyncResource, n: Obj, currency: string, fromBulk: boolean): PullItem<SyncResource> | undefined {
  try {
    switch (resource) {
      case 'locations':
        return { ok: true, record: mapLocation(n) };
      case 'products':
        return productHasMoreVariants(n) ? undefined : { ok: true, record: mapProduct(n, currency) };
      case 'inventory':
        return { ok: true, record: mapInventoryItem(n, currency) };
      case 'customers':
        return { ok: true, record: mapCustomer(n) };
      case 'orders':
        return !fromBulk && orderOverflows(n, ORDER_PAGE_LIMITS) ? undefined : { ok: true, record: mapOrder(n) };
    }
  } catch (err) {
    if (err instanceof RecordError) return refused(n, err);
    throw err;
  }
}
