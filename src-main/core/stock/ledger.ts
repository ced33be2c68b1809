import type { Sqlite } from '../../db/open';

export interface StockMove {
  variantId: number;
  locationId: number;
  /** Positive: stock in (receipt, restock); negative: stock out (fulfilment, write-off). */
  delta: number;
  /** Why, in words a person reads in the ledger: 'fulfilment', 'restock', 'adjustment', 'write_off'… */
  reason: string;
  refType?: string | null;
  refId?: string | number | null;
  userId?: number | null;
  at: string;
}

/**
 * The one way stock changes: a row in the append-only stock_movements ledger
 * and the matching change to stock_levels.on_hand, together. Callers run it
 * inside their own transaction so the move lands with the change that caused it
 * (a fulfilment, a restock) or not at all.
 */
export function createStockLedger(sqlite: Sqlite) {
  const insertMove = sqlite.prepare(
    `INSERT INTO stock_movements (at, variant_id, location_id, delta, reason, ref_type, ref_id, user_id)
     VALUES (@at, @variantId, @locationId, @delta, @reason, @refType, @refId, @userId)`,
  );
  const upsertLevel = sqlite.prepare(
    `INSERT INTO stock_levels (variant_id, location_id, on_hand, updated_at) VALUES (@variantId, @locationId, @delta, @at)
     ON CONFLICT (variant_id, location_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand, updated_at = excluded.updated_at`,
  );
  const level = sqlite.prepare<[number, number], { on_hand: number }>('SELECT on_hand FROM stock_levels WHERE variant_id = ? AND location_id = ?');
  const movesFor = sqlite.prepare<[string, string], { id: number }>('SELECT id FROM stock_movements WHERE ref_type = ? AND ref_id = ?');

  return {
    move(m: StockMove): number {
      if (!Number.isInteger(m.delta) || m.delta === 0) throw new Error(`stock move needs a non-zero whole delta, got ${m.delta}`);
      const row = { ...m, refType: m.refType ?? null, refId: m.refId == null ? null : String(m.refId), userId: m.userId ?? null };
      upsertLevel.run(row);
      return Number(insertMove.run(row).lastInsertRowid);
    },
    onHand(variantId: number, locationId: number): number {
      return level.get(variantId, locationId)?.on_hand ?? 0;
    },
    /** Moves already recorded for a reference: lets a retried operation stay exactly-once. */
    hasMovesFor(refType: string, refId: string | number): boolean {
      return movesFor.get(refType, String(refId)) !== undefined;
    },
  };
}
export type StockLedger = ReturnType<typeof createStockLedger>;
