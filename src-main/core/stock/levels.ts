import { availableOf } from '../../../src-shared/allocation';
import { OmsError, type StockHistory, type StockItem, type StockLevelsPage, type StockLocation, type StockMovementView } from '../../../src-shared/contract';
import type { Sqlite } from '../../db/open';

/** An open order's line that still wants stock: the same rule as allocation (order-actions/allocation.ts). */
const OPEN_NEED = `o.queue IN ('new','ready_to_pack','partially_fulfilled','on_hold','exceptions') AND o.status = 'open'
  AND l.variant_id IS NOT NULL AND l.requires_shipping = 1 AND l.quantity - l.fulfilled_quantity - l.refunded_quantity > 0`;

interface ItemRow {
  id: number;
  sku: string | null;
  barcode: string | null;
  product_title: string;
  variant_title: string | null;
  on_hand: number;
  stock: number;
  reserved: number;
  waiting: number;
}

/**
 * Reserved and waiting per SKU, from the queues allocation keeps: an order in
 * "Not enough stock" reserves nothing and its units wait; every other open
 * order with units to ship is covered and reserves them. Reading the decision
 * back (instead of re-running the rule) keeps the table equal to the queues.
 */
const NEED_CTE = `need AS (
  SELECT l.variant_id,
         SUM(CASE WHEN o.exception_reason = 'stock_short' THEN 0 ELSE l.quantity - l.fulfilled_quantity - l.refunded_quantity END) AS reserved,
         SUM(CASE WHEN o.exception_reason = 'stock_short' THEN l.quantity - l.fulfilled_quantity - l.refunded_quantity ELSE 0 END) AS waiting
  FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE ${OPEN_NEED} GROUP BY l.variant_id)`;
const ITEM_COLUMNS = `v.id, v.sku, v.barcode, p.title AS product_title, v.title AS variant_title,
  COALESCE((SELECT SUM(s.on_hand) FROM stock_levels s JOIN locations x ON x.id = s.location_id AND x.active = 1 WHERE s.variant_id = v.id), 0) AS on_hand,
  COALESCE((SELECT SUM(MAX(s.on_hand, 0)) FROM stock_levels s JOIN locations x ON x.id = s.location_id AND x.active = 1 WHERE s.variant_id = v.id), 0) AS stock,
  COALESCE(n.reserved, 0) AS reserved, COALESCE(n.waiting, 0) AS waiting`;

export function titleOf(r: { product_title: string; variant_title: string | null }): string {
  return r.variant_title && r.variant_title !== 'Default Title' ? `${r.product_title} · ${r.variant_title}` : r.product_title;
}

export function createStockQueries(sqlite: Sqlite) {
  const activeLocations = sqlite.prepare<[], StockLocation>('SELECT id, name, code FROM locations WHERE active = 1 ORDER BY id');
  const levelsOf = sqlite.prepare<[string], { variant_id: number; location_id: number; on_hand: number; bin: string | null }>(
    'SELECT s.variant_id, s.location_id, s.on_hand, s.bin FROM stock_levels s JOIN locations x ON x.id = s.location_id AND x.active = 1 WHERE s.variant_id IN (SELECT value FROM json_each(?)) ORDER BY s.location_id',
  );
  // Keyset by (SKU, id): the page after `after` starts at the next SKU in order, whatever was adjusted meanwhile.
  const page = sqlite.prepare<{ q: string | null; short: number; after: number | null; limit: number }, ItemRow>(
    `WITH ${NEED_CTE}
     SELECT ${ITEM_COLUMNS}
     FROM variants v JOIN products p ON p.id = v.product_id LEFT JOIN need n ON n.variant_id = v.id
     WHERE (@q IS NULL OR v.sku LIKE @q ESCAPE '\\' OR v.barcode LIKE @q ESCAPE '\\' OR p.title LIKE @q ESCAPE '\\' OR v.title LIKE @q ESCAPE '\\')
       AND (@after IS NULL OR (COALESCE(v.sku, ''), v.id) > (SELECT COALESCE(sku, ''), id FROM variants WHERE id = @after))
     GROUP BY v.id
     HAVING @short = 0 OR COALESCE(n.waiting, 0) > 0 OR COALESCE(n.reserved, 0) > stock
     ORDER BY COALESCE(v.sku, ''), v.id LIMIT @limit`,
  );
  // One SKU (after an adjustment, in the panel): its open lines through the partial index, not every open order's.
  const one = sqlite.prepare<{ v: number }, ItemRow>(
    `WITH n AS (SELECT SUM(CASE WHEN o.exception_reason = 'stock_short' THEN 0 ELSE l.quantity - l.fulfilled_quantity - l.refunded_quantity END) AS reserved,
                       SUM(CASE WHEN o.exception_reason = 'stock_short' THEN l.quantity - l.fulfilled_quantity - l.refunded_quantity ELSE 0 END) AS waiting
                FROM order_lines l INDEXED BY order_lines_unshipped_variant JOIN orders o ON o.id = l.order_id WHERE l.variant_id = @v AND ${OPEN_NEED})
     SELECT ${ITEM_COLUMNS} FROM variants v JOIN products p ON p.id = v.product_id, n WHERE v.id = @v`,
  );
  const moves = sqlite.prepare<{ v: number; before: number | null; limit: number }, { id: number; at: string; location_id: number; location_name: string; delta: number; reason: string; ref_type: string | null; ref_id: string | null; user_name: string | null; undone: number }>(
    `SELECT m.id, m.at, m.location_id, x.name AS location_name, m.delta, m.reason, m.ref_type, m.ref_id, u.display_name AS user_name,
            EXISTS (SELECT 1 FROM stock_movements r INDEXED BY stock_movements_ref WHERE r.ref_type = 'adjustment.undo' AND r.ref_id = CAST(m.id AS TEXT)) AS undone
     FROM stock_movements m JOIN locations x ON x.id = m.location_id LEFT JOIN users u ON u.id = m.user_id
     WHERE m.variant_id = @v AND (@before IS NULL OR m.id < @before) ORDER BY m.id DESC LIMIT @limit`,
  );

  function toItems(rows: ItemRow[]): StockItem[] {
    const levels = new Map<number, StockItem['levels']>();
    for (const l of levelsOf.all(JSON.stringify(rows.map((r) => r.id)))) {
      let list = levels.get(l.variant_id);
      if (!list) levels.set(l.variant_id, (list = []));
      list.push({ locationId: l.location_id, onHand: l.on_hand, bin: l.bin });
    }
    return rows.map((r) => ({
      variantId: r.id,
      sku: r.sku,
      barcode: r.barcode,
      title: titleOf(r),
      onHand: r.on_hand,
      reserved: r.reserved,
      available: availableOf(r.stock, r.reserved),
      waiting: r.waiting,
      short: r.waiting > 0 || r.reserved > r.stock,
      levels: levels.get(r.id) ?? [],
    }));
  }

  function item(variantId: number): StockItem {
    const row = one.get({ v: variantId });
    if (!row) throw new OmsError('NOT_FOUND', `variantId: there is no SKU with id ${variantId}.`, { field: 'variantId' });
    return toItems([row])[0]!;
  }

  return {
    item,
    levels(input: { search?: string; filter: 'all' | 'short'; after?: number; limit: number }): StockLevelsPage {
      const q = input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const rows = page.all({ q, short: input.filter === 'short' ? 1 : 0, after: input.after ?? null, limit: input.limit + 1 });
      const more = rows.length > input.limit;
      const items = toItems(rows.slice(0, input.limit));
      return { locations: activeLocations.all(), items, nextCursor: more ? items[items.length - 1]!.variantId : null };
    },
    history(input: { variantId: number; before?: number; limit: number }): StockHistory {
      const it = item(input.variantId);
      const rows = moves.all({ v: input.variantId, before: input.before ?? null, limit: input.limit + 1 });
      const more = rows.length > input.limit;
      const movements: StockMovementView[] = rows.slice(0, input.limit).map((m) => ({
        id: m.id,
        at: m.at,
        locationId: m.location_id,
        locationName: m.location_name,
        delta: m.delta,
        reason: m.reason,
        refType: m.ref_type,
        refId: m.ref_id,
        userName: m.user_name,
        undoable: m.ref_type === 'adjustment' && m.undone === 0,
      }));
      return { item: it, locations: activeLocations.all(), movements, nextCursor: more ? movements[movements.length - 1]!.id : null };
    },
  };
}
export type StockQueries = ReturnType<typeof createStockQueries>;
