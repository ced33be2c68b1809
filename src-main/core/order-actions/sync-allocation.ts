import type { Sqlite } from '../../db/open';
import { createAuditLog } from '../audit/audit-log';
import type { AllocationRunResult } from '../../../src-shared/contract';
import { createAllocation } from './allocation';

/**
 * Keeps allocation current as a sync lands, once per page (never per record):
 * an inventory page re-decides the orders wanting the variants whose level it
 * moved; an orders page re-decides around the orders it brought that want
 * stock (new or changed demand, a cancel on the platform freeing some) or that
 * were waiting for it. Runs inside the page's transaction.
 */
export function createSyncAllocation(sqlite: Sqlite) {
  let pageAt = new Date(0).toISOString();
  const allocation = createAllocation({ sqlite, audit: createAuditLog(sqlite), clock: { now: () => new Date(pageAt) }, keepUpdatedAt: true });
  // The page's own movements: what it really changed, not every item it mentioned.
  const movedBy = sqlite.prepare<[string, string], { variant_id: number }>(
    "SELECT DISTINCT variant_id FROM stock_movements INDEXED BY stock_movements_ref WHERE ref_type = 'sync' AND ref_id = ? AND at = ?",
  );
  // Orders whose lines reserve (or reserved) stock, or that wait for it; a shipped order from the history is neither.
  const wantsStock = sqlite.prepare<[number], { x: number }>(
    `SELECT 1 AS x FROM orders o WHERE o.id = ? AND (o.exception_reason = 'stock_short'
       OR EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.variant_id IS NOT NULL AND l.quantity - l.fulfilled_quantity - l.refunded_quantity > 0))`,
  );

  return {
    afterPage(resource: string, records: readonly unknown[], orderIds: readonly number[], at: string): AllocationRunResult | null {
      pageAt = at;
      if (resource === 'inventory') {
        const variantIds = new Set<number>();
        for (const r of records) {
          const item = (r as { inventoryItemId?: string }).inventoryItemId;
          if (item) for (const m of movedBy.all(item, at)) variantIds.add(m.variant_id);
        }
        return variantIds.size ? allocation.runFor({ variantIds }) : null;
      }
      if (resource === 'orders') {
        const relevant = orderIds.filter((id) => wantsStock.get(id) !== undefined);
        return relevant.length ? allocation.runFor({ orderIds: relevant }) : null;
      }
      return null;
    },
  };
}
