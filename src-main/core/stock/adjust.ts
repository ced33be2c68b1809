import { ADJUST_REASON_LABELS, OmsError, type AdjustReason, type StockAdjustResult } from '../../../src-shared/contract';
import type { Caller, CoreContext } from '../context';
import type { Allocation } from '../order-actions/allocation';
import { createOutbox } from '../outbox/outbox';
import { createStockLedger } from './ledger';
import { titleOf, type StockQueries } from './levels';

/** Our reasons → the reason names Shopify's inventoryAdjustQuantities takes. */
const PLATFORM_REASON: Record<AdjustReason, string> = {
  count_correction: 'correction',
  damaged: 'damaged',
  found: 'correction',
  received: 'received',
  other: 'other',
};

export interface AdjustRequest {
  variantId: number;
  locationId: number;
  delta: number;
  reason: AdjustReason;
  note?: string;
}

/**
 * stock.adjust and stock.undoAdjustment. One transaction: the ledger entry
 * (which moves on hand), the outbox item carrying the delta to the platform
 * (when the SKU and the location come from one), the allocation re-run for the
 * SKU (orders leave or enter "Not enough stock") and the audit row. A delta,
 * not a new absolute level, goes to the platform: sales the shop made since our
 * last pull are not overwritten.
 */
export function createStockAdjust(ctx: CoreContext, queries: StockQueries, allocation: Allocation) {
  const { sqlite } = ctx;
  const ledger = createStockLedger(sqlite);
  const outbox = createOutbox(sqlite);
  const variant = sqlite.prepare<[number], { id: number; sku: string | null; platform: string | null; inventory_item_id: string | null; product_title: string; variant_title: string | null }>(
    'SELECT v.id, v.sku, v.platform, v.inventory_item_id, p.title AS product_title, v.title AS variant_title FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?',
  );
  const location = sqlite.prepare<[number], { id: number; name: string; platform: string | null; external_id: string | null; active: number }>(
    'SELECT id, name, platform, external_id, active FROM locations WHERE id = ?',
  );
  const movement = sqlite.prepare<[number], { id: number; variant_id: number; location_id: number; delta: number; reason: string; ref_type: string | null }>(
    'SELECT id, variant_id, location_id, delta, reason, ref_type FROM stock_movements WHERE id = ?',
  );

  function apply(req: AdjustRequest, caller: Caller, words: string, undoOf: number | null): StockAdjustResult {
    const v = variant.get(req.variantId);
    if (!v) throw new OmsError('VALIDATION', `variantId: there is no SKU with id ${req.variantId}.`, { field: 'variantId' });
    const loc = location.get(req.locationId);
    if (!loc) throw new OmsError('VALIDATION', `locationId: there is no location with id ${req.locationId}.`, { field: 'locationId' });
    if (loc.active !== 1) throw new OmsError('VALIDATION', `locationId: ${loc.name} is no longer active; stock there cannot be adjusted.`, { field: 'locationId' });
    const label = v.sku ?? titleOf(v);
    const at = ctx.clock.now().toISOString();

    const out = sqlite.transaction(() => {
      const before = ledger.onHand(v.id, loc.id);
      const after = before + req.delta;
      // A shelf cannot hold fewer than zero: a removal past what is there is a miscount to look at, not to record.
      if (after < 0) {
        throw new OmsError('VALIDATION', `delta: ${label} has ${before} on hand at ${loc.name}; removing ${-req.delta} would leave ${after}. Count the shelf and remove at most ${Math.max(0, before)}.`, { field: 'delta' });
      }
      const movementId = ledger.move({
        variantId: v.id,
        locationId: loc.id,
        delta: req.delta,
        reason: words,
        refType: undoOf === null ? 'adjustment' : 'adjustment.undo',
        refId: undoOf,
        userId: caller.userId,
        at,
      });
      // Local-only SKUs or locations (a generated demo shop, a warehouse the platform does not know) have nothing to push to.
      const platform = v.platform && loc.platform === v.platform && v.inventory_item_id && loc.external_id ? v.platform : null;
      const pushQueued = platform
        ? outbox.enqueue({
            platform,
            kind: 'inventory.adjust',
            entityType: 'stock_movement',
            entityId: movementId,
            payload: { variantId: v.id, locationId: loc.id, inventoryItemExternalId: v.inventory_item_id, locationExternalId: loc.external_id, delta: req.delta, reason: PLATFORM_REASON[req.reason] },
            idempotencyKey: `orderhouse:${platform}:inventory:${movementId}`,
            at,
          })
        : false;
      const moved = allocation.runFor({ variantIds: [v.id] }, caller.userId);
      ctx.audit.record({
        at,
        userId: caller.userId,
        action: undoOf === null ? 'stock.adjust' : 'stock.undoAdjustment',
        entityType: 'variant',
        entityId: String(v.id),
        detail: { movementId, sku: v.sku, locationId: loc.id, delta: req.delta, onHandBefore: before, onHandAfter: after, reason: req.reason, note: req.note ?? null, undoOf, pushQueued, ordersMoved: moved.changedOrderIds.length },
      });
      return { movementId, delta: req.delta, pushQueued, movedOrderIds: moved.changedOrderIds };
    })();
    return { ...out, item: queries.item(v.id) };
  }

  return {
    adjust(req: AdjustRequest, caller: Caller): StockAdjustResult {
      const words = `${ADJUST_REASON_LABELS[req.reason]}${req.note ? `: ${req.note}` : ''}`;
      return apply(req, caller, words, null);
    },
    /** The reverse entry for one staff adjustment; the ledger's ref (adjustment.undo → id) makes it once only. */
    undo(movementId: number, caller: Caller): StockAdjustResult {
      return sqlite.transaction(() => {
        const m = movement.get(movementId);
        if (!m) throw new OmsError('VALIDATION', `movementId: there is no stock movement ${movementId}.`, { field: 'movementId' });
        if (m.ref_type !== 'adjustment') throw new OmsError('VALIDATION', `movementId: movement ${movementId} is a ${m.ref_type ?? m.reason} entry, not a staff adjustment; only adjustments can be undone here.`, { field: 'movementId' });
        if (ledger.hasMovesFor('adjustment.undo', movementId)) throw new OmsError('CONFLICT', `Adjustment ${movementId} was already undone.`, { field: 'movementId' });
        return apply({ variantId: m.variant_id, locationId: m.location_id, delta: -m.delta, reason: 'other' }, caller, `Undo of adjustment #${movementId} (${m.reason})`, movementId);
      })();
    },
  };
}
