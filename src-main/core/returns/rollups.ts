import type { Sqlite } from '../../db/open';
import { restoreSuspendedIndexes, suspendIndexes } from '../../db/suspended-indexes';

/**
 * Rollups behind returns.report: units sold and returned per UTC day of the
 * ORDER (the report is a cohort: returns of the orders placed in the period
 * over what those orders sold) × product, reason and customer, in one table
 * `return_rollups(dim, day, key, n)`:
 *
 *   sold_total / ret_total        key ''            units sold / returned
 *   sold_product / ret_product    key product id    ('0': a line without a product)
 *   sold_customer / ret_customer  key customer id   (orders without a customer are left out)
 *   orders_customer               key customer id   orders placed
 *   ret_reason                    key 'code:<reason code>' (our returns) or 'text:<refund reason>' (the platform's)
 *
 * "Returned" is our returns that are not rejected, plus restocking refund lines
 * from the shop platform that no return of ours produced. Cancelled orders sell
 * nothing. Triggers keep the table right in the same transaction as any write to
 * orders, order lines, returns, return lines or refund lines, whichever code
 * path makes it (sync, order actions, returns, merges). They live here rather
 * than in a migration because the demo generator drops them around its bulk
 * load and has them rebuilt after (ensureReturnRollups), and a workspace whose
 * rollups were never built — an upgrade, or a load that died half-way — is
 * rebuilt on open from the same SQL.
 */

/** Bump when the triggers or the rebuild change: every workspace rebuilds once on open. */
const VERSION = 'v1';
const MARK = `INSERT INTO return_rollups(dim, day, key, n) VALUES ('_built', '', '${VERSION}', 1)`;

const up = (select: string) => `INSERT INTO return_rollups(dim, day, key, n) ${select} ON CONFLICT(dim, day, key) DO UPDATE SET n = n + excluded.n;`;
const day = (o: string) => `substr(${o}.created_at, 1, 10)`;

/**
 * Which orders a statement may count: all of them (every day), or, while the
 * rollups are rebuilt a piece at a time, only the orders the rebuild has
 * already counted (the triggers meanwhile) or a range of ids (a piece of the
 * rebuild). Given an order id's SQL, a condition to AND into the WHERE clause.
 */
type Scope = (orderId: string) => string;
const EVERY_ORDER: Scope = () => '';

/**
 * Units sold: `from` exposes the order as `o` (or OLD/NEW) and its variant as `v`
 * and ends in a WHERE clause; `qty` is the units per row; `sign` a SQL factor.
 */
function sold(where: string, qty: string, o: string, sign: string, scope: Scope): string[] {
  const from = `${where}${scope(`${o}.id`)}`;
  return [
    up(`SELECT 'sold_total', ${day(o)}, '', ${sign} * sum(${qty}) ${from} GROUP BY 2`),
    up(`SELECT 'sold_product', ${day(o)}, coalesce(v.product_id, 0), ${sign} * sum(${qty}) ${from} GROUP BY 2, 3`),
    // `+` keeps the planner off orders_customer: walking every order by customer id, each
    // with its lines, reads the store in random order (14.8 s of a 1M-order rebuild; the
    // scan in id order that the other dims use, 4-5 s). Same rows; a no-op in the triggers.
    up(`SELECT 'sold_customer', ${day(o)}, ${o}.customer_id, ${sign} * sum(${qty}) ${from} AND +${o}.customer_id IS NOT NULL GROUP BY 2, 3`),
  ];
}

/** Units returned, as `sold`, with the reason key; `dims` picks which rollups move. */
function returned(where: string, qty: string, reason: string, o: string, sign: string, scope: Scope, dims: ('total' | 'product' | 'reason' | 'customer')[] = ['total', 'product', 'reason', 'customer']): string[] {
  const from = `${where}${scope(`${o}.id`)}`;
  const out: string[] = [];
  if (dims.includes('total')) out.push(up(`SELECT 'ret_total', ${day(o)}, '', ${sign} * sum(${qty}) ${from} GROUP BY 2`));
  if (dims.includes('product')) out.push(up(`SELECT 'ret_product', ${day(o)}, coalesce(v.product_id, 0), ${sign} * sum(${qty}) ${from} GROUP BY 2, 3`));
  if (dims.includes('reason')) out.push(up(`SELECT 'ret_reason', ${day(o)}, ${reason}, ${sign} * sum(${qty}) ${from} GROUP BY 2, 3`));
  if (dims.includes('customer')) out.push(up(`SELECT 'ret_customer', ${day(o)}, ${o}.customer_id, ${sign} * sum(${qty}) ${from} AND ${o}.customer_id IS NOT NULL GROUP BY 2, 3`));
  return out;
}

const ordersPlaced = (o: string, sign: string, scope: Scope) => up(`SELECT 'orders_customer', ${day(o)}, ${o}.customer_id, ${sign} WHERE ${o}.status <> 'cancelled' AND ${o}.customer_id IS NOT NULL${scope(`${o}.id`)}`);

const NOT_FROM_RETURN = (refundId: string) => `NOT EXISTS (SELECT 1 FROM returns rr WHERE rr.refund_id = ${refundId})`;
const REFUND_REASON = `'text:' || coalesce(f.reason, 'Not given')`;

/** One order line's sale (a row value such as OLD/NEW of order_lines). */
const lineSold = (L: string, sign: string, scope: Scope) => sold(`FROM orders o LEFT JOIN variants v ON v.id = ${L}.variant_id WHERE o.id = ${L}.order_id AND o.status <> 'cancelled'`, `${L}.quantity`, 'o', sign, scope);
/** One return line (OLD/NEW of return_lines), when its return is not rejected. */
const returnLine = (X: string, sign: string, scope: Scope) =>
  returned(
    `FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id
      WHERE l.id = ${X}.order_line_id AND (SELECT status FROM returns WHERE id = ${X}.return_id) <> 'rejected'`,
    `${X}.quantity`,
    `'code:' || ${X}.reason`,
    'o',
    sign,
    scope,
  );
/** One platform refund line (OLD/NEW of refund_lines), when it restocked and no return of ours made it. */
const refundLine = (Y: string, sign: string, scope: Scope) =>
  returned(
    `FROM refunds f JOIN order_lines l ON l.id = ${Y}.order_line_id JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id
      WHERE f.id = ${Y}.refund_id AND ${Y}.restock = 1 AND ${NOT_FROM_RETURN(`${Y}.refund_id`)}`,
    `${Y}.quantity`,
    REFUND_REASON,
    'o',
    sign,
    scope,
  );

/** The triggers, counting the orders `scope` lets through. */
const triggers = (scope: Scope): Record<string, { on: string; body: string[] }> => ({
  order_line_insert: { on: 'AFTER INSERT ON order_lines', body: lineSold('NEW', '1', scope) },
  order_line_update: {
    on: 'AFTER UPDATE OF quantity, variant_id, order_id ON order_lines WHEN OLD.quantity IS NOT NEW.quantity OR OLD.variant_id IS NOT NEW.variant_id OR OLD.order_id IS NOT NEW.order_id',
    body: [...lineSold('OLD', '-1', scope), ...lineSold('NEW', '1', scope)],
  },
  order_line_delete: { on: 'AFTER DELETE ON order_lines', body: lineSold('OLD', '-1', scope) },
  order_insert: { on: 'AFTER INSERT ON orders', body: [ordersPlaced('NEW', '1', scope)] },
  // Cancelled or un-cancelled, or moved to another customer (a merge): take the old sale out, put the new one in.
  order_sale_update: {
    on: "AFTER UPDATE OF status, customer_id, created_at ON orders WHEN (OLD.status = 'cancelled') IS NOT (NEW.status = 'cancelled') OR OLD.customer_id IS NOT NEW.customer_id OR OLD.created_at IS NOT NEW.created_at",
    body: [
      ...sold(`FROM order_lines l LEFT JOIN variants v ON v.id = l.variant_id WHERE l.order_id = OLD.id AND OLD.status <> 'cancelled'`, 'l.quantity', 'OLD', '-1', scope),
      ...sold(`FROM order_lines l LEFT JOIN variants v ON v.id = l.variant_id WHERE l.order_id = NEW.id AND NEW.status <> 'cancelled'`, 'l.quantity', 'NEW', '1', scope),
      ordersPlaced('OLD', '-1', scope),
      ordersPlaced('NEW', '1', scope),
    ],
  },
  // A merge moves the order's returns to the surviving customer too.
  order_returns_update: {
    on: 'AFTER UPDATE OF customer_id, created_at ON orders WHEN OLD.customer_id IS NOT NEW.customer_id OR OLD.created_at IS NOT NEW.created_at',
    body: (['OLD', 'NEW'] as const).flatMap((R) => {
      const sign = R === 'OLD' ? '-1' : '1';
      const dims = ['total', 'product', 'reason', 'customer'] as const;
      return [
        ...returned(
          `FROM returns r JOIN return_lines x ON x.return_id = r.id JOIN order_lines l ON l.id = x.order_line_id LEFT JOIN variants v ON v.id = l.variant_id WHERE r.order_id = NEW.id AND r.status <> 'rejected'`,
          'x.quantity',
          "'code:' || x.reason",
          R,
          sign,
          scope,
          [...dims],
        ),
        ...returned(
          `FROM refunds f JOIN refund_lines y ON y.refund_id = f.id JOIN order_lines l ON l.id = y.order_line_id LEFT JOIN variants v ON v.id = l.variant_id WHERE f.order_id = NEW.id AND y.restock = 1 AND ${NOT_FROM_RETURN('f.id')}`,
          'y.quantity',
          REFUND_REASON,
          R,
          sign,
          scope,
          [...dims],
        ),
      ];
    }),
  },
  return_line_insert: { on: 'AFTER INSERT ON return_lines', body: returnLine('NEW', '1', scope) },
  return_line_update: {
    on: 'AFTER UPDATE OF quantity, reason, order_line_id, return_id ON return_lines WHEN OLD.quantity IS NOT NEW.quantity OR OLD.reason IS NOT NEW.reason OR OLD.order_line_id IS NOT NEW.order_line_id OR OLD.return_id IS NOT NEW.return_id',
    body: [...returnLine('OLD', '-1', scope), ...returnLine('NEW', '1', scope)],
  },
  return_line_delete: { on: 'AFTER DELETE ON return_lines', body: returnLine('OLD', '-1', scope) },
  // Rejected: its units are no longer returned (and back, should a rejection ever be undone).
  return_rejected: {
    on: "AFTER UPDATE OF status ON returns WHEN (OLD.status = 'rejected') IS NOT (NEW.status = 'rejected')",
    body: returned(
      `FROM return_lines x JOIN order_lines l ON l.id = x.order_line_id JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id WHERE x.return_id = NEW.id`,
      'x.quantity',
      "'code:' || x.reason",
      'o',
      "(CASE WHEN NEW.status = 'rejected' THEN -1 ELSE 1 END)",
      scope,
    ),
  },
  // A return's own refund: its lines were written (and counted as the platform's) just before the return pointed at it.
  return_refunded: {
    on: 'AFTER UPDATE OF refund_id ON returns WHEN OLD.refund_id IS NULL AND NEW.refund_id IS NOT NULL',
    body: returned(
      `FROM refunds f JOIN refund_lines y ON y.refund_id = f.id JOIN order_lines l ON l.id = y.order_line_id JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id WHERE f.id = NEW.refund_id AND y.restock = 1`,
      'y.quantity',
      REFUND_REASON,
      'o',
      '-1',
      scope,
    ),
  },
  refund_line_insert: { on: 'AFTER INSERT ON refund_lines', body: refundLine('NEW', '1', scope) },
  refund_line_update: { on: 'AFTER UPDATE OF quantity, restock, order_line_id, refund_id ON refund_lines', body: [...refundLine('OLD', '-1', scope), ...refundLine('NEW', '1', scope)] },
  refund_line_delete: { on: 'AFTER DELETE ON refund_lines', body: refundLine('OLD', '-1', scope) },
});
const TRIGGER_NAMES = Object.keys(triggers(EVERY_ORDER));

const triggerName = (name: string) => `return_rollup_${name}`;

/**
 * The rebuild's statements for the orders `scope` lets through (the caller
 * holds a transaction): every figure as a sum, added to what earlier pieces
 * wrote, so a rebuild can go a range of order ids at a time.
 */
function rebuildStatements(scope: Scope): string[] {
  return [
    ...sold(`FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id WHERE o.status <> 'cancelled'`, 'l.quantity', 'o', '1', scope),
    up(`SELECT 'orders_customer', ${day('o')}, o.customer_id, count(*) FROM orders o WHERE o.status <> 'cancelled' AND o.customer_id IS NOT NULL${scope('o.id')} GROUP BY 2, 3`),
    ...returned(
      `FROM returns r JOIN return_lines x ON x.return_id = r.id JOIN order_lines l ON l.id = x.order_line_id JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id WHERE r.status <> 'rejected'`,
      'x.quantity',
      "'code:' || x.reason",
      'o',
      '1',
      scope,
    ),
    // The refund's own order id, scoped as well, lets a piece seek its refunds instead of reading every refund line.
    ...returned(
      `FROM refunds f JOIN refund_lines y ON y.refund_id = f.id JOIN order_lines l ON l.id = y.order_line_id JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id WHERE y.restock = 1 AND ${NOT_FROM_RETURN('f.id')}${scope('f.order_id')}`,
      'y.quantity',
      REFUND_REASON,
      'o',
      '1',
      scope,
    ),
  ];
}

/**
 * A rebuild a piece at a time (a first import's closing work, bulk-load.ts)
 * keeps how far it has got in the table itself, in the same transaction as
 * each piece: the highest order id counted so far. Meanwhile the triggers
 * count only the orders at or below it (UP_TO_MARK): a write to an order the
 * rebuild has counted moves the figures as every day; one above it is
 * counted, as it then is, when the rebuild gets there. So nothing is counted
 * twice or missed, whatever is written between pieces; a process killed
 * between pieces goes on from the mark.
 */
const BUILDING = `dim = '_building' AND day = '' AND key = '${VERSION}'`;
const UP_TO_MARK: Scope = (id) => ` AND ${id} <= (SELECT n FROM return_rollups WHERE ${BUILDING})`;
/** A piece of the rebuild: the orders with ids in (@lo, @hi]. */
const ID_RANGE: Scope = (id) => ` AND ${id} > @lo AND ${id} <= @hi`;
/**
 * The secondary index (dim, key, day) would take each of the rebuild's rows
 * (two per order and more) at a scattered place, and a rebuild in pieces would
 * write those pages again with every piece (at 1M orders: 64 s in pieces with
 * it, 37 s without). It goes with the first piece and comes back with the
 * last, its SQL kept in settings meanwhile (db/suspended-indexes.ts).
 */
const SECONDARY_INDEX_KEY = 'returns.rollups_suspended_indexes';

function dropTriggers(sqlite: Sqlite): void {
  const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'return_rollup_%'").pluck().all() as string[];
  for (const n of names) sqlite.exec(`DROP TRIGGER ${n}`);
}

function createTriggers(sqlite: Sqlite, scope: Scope): void {
  for (const [name, t] of Object.entries(triggers(scope))) sqlite.exec(`CREATE TRIGGER ${triggerName(name)} ${t.on} BEGIN\n${t.body.join('\n')}\nEND`);
}

/** Where a rebuild is: built (nothing to do), part-built up to an order id, or not started. */
function rollupState(sqlite: Sqlite): { built: boolean; upTo: number | null } {
  const built = sqlite.prepare("SELECT 1 FROM return_rollups WHERE dim = '_built' AND day = '' AND key = ?").get(VERSION) !== undefined;
  const upTo = sqlite.prepare(`SELECT n FROM return_rollups WHERE ${BUILDING}`).pluck().get() as number | undefined;
  const triggersThere = (sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'return_rollup_%'").pluck().get() as number) === TRIGGER_NAMES.length;
  return { built: built && triggersThere && upTo === undefined, upTo: upTo !== undefined && triggersThere ? upTo : null };
}

/** While the rollups are not built (a first import loading, or its closing work): orders counted so far of all orders; null once built. */
export function rollupProgress(sqlite: Sqlite): { counted: number; of: number } | null {
  const state = rollupState(sqlite);
  if (state.built) return null;
  const of = sqlite.prepare('SELECT count(*) FROM orders').pluck().get() as number;
  const counted = state.upTo === null ? 0 : (sqlite.prepare('SELECT count(*) FROM orders WHERE id <= ?').pluck().get(state.upTo) as number);
  return { counted, of };
}

/** A rebuild in pieces has begun and not ended (the closing work of a first import was cut short). */
export function rollupRebuildUnderway(sqlite: Sqlite): boolean {
  return rollupState(sqlite).upTo !== null;
}

/**
 * The next piece of a rebuild: the next `chunk` orders by id (the first piece
 * starts from scratch: table emptied, triggers that count only what is
 * counted); in the caller's transaction. Returns how far it is (orders counted
 * of all orders), or null when the rollups are built. The piece that counts the
 * last orders puts back the triggers that count every order, and the built mark.
 */
export function rollupRebuildStep(sqlite: Sqlite, chunk: number): { done: number; total: number } | null {
  const state = rollupState(sqlite);
  if (state.built) return null;
  let from = state.upTo;
  if (from === null) {
    dropTriggers(sqlite);
    suspendIndexes(sqlite, ['return_rollups'], new Set(), new Date().toISOString(), { key: SECONDARY_INDEX_KEY });
    sqlite.exec('DELETE FROM return_rollups');
    sqlite.exec(`INSERT INTO return_rollups(dim, day, key, n) VALUES ('_building', '', '${VERSION}', 0)`);
    createTriggers(sqlite, UP_TO_MARK);
    from = 0;
  }
  const upTo = sqlite.prepare('SELECT max(id) FROM (SELECT id FROM orders WHERE id > ? ORDER BY id LIMIT ?)').pluck().get(from, chunk) as number | null;
  if (upTo !== null) {
    for (const sql of rebuildStatements(ID_RANGE)) sqlite.prepare(sql).run({ lo: from, hi: upTo });
  }
  const total = sqlite.prepare('SELECT count(*) FROM orders').pluck().get() as number;
  const more = upTo !== null && sqlite.prepare('SELECT 1 FROM orders WHERE id > ? LIMIT 1').get(upTo) !== undefined;
  if (more) {
    sqlite.prepare(`UPDATE return_rollups SET n = ? WHERE ${BUILDING}`).run(upTo);
    return { done: sqlite.prepare('SELECT count(*) FROM orders WHERE id <= ?').pluck().get(upTo) as number, total };
  }
  // Every order counted: the triggers count every order again, and the rollups are built.
  dropTriggers(sqlite);
  sqlite.exec(`DELETE FROM return_rollups WHERE ${BUILDING}`);
  sqlite.exec(MARK);
  createTriggers(sqlite, EVERY_ORDER);
  restoreSuspendedIndexes(sqlite, SECONDARY_INDEX_KEY);
  return { done: total, total };
}

/** The rest of a rebuild in one transaction (from scratch when `restart`). */
function rebuildInOneGo(sqlite: Sqlite, restart: boolean): void {
  sqlite.transaction(() => {
    if (restart) suspendReturnRollups(sqlite);
    while (rollupRebuildStep(sqlite, Number.MAX_SAFE_INTEGER));
  })();
}

/** Rebuilds the rollups from the rows and (re)creates the triggers; in one transaction. */
export function rebuildReturnRollups(sqlite: Sqlite): void {
  rebuildInOneGo(sqlite, true);
}

/**
 * On open: rebuild when the rollups were never built, or built by older
 * triggers; a rebuild left part-done goes on from where it stopped. In one
 * transaction.
 */
export function ensureReturnRollups(sqlite: Sqlite): { rebuilt: boolean } {
  if (rollupState(sqlite).built) return { rebuilt: false };
  rebuildInOneGo(sqlite, false);
  return { rebuilt: true };
}

/**
 * For a bulk load (the demo generator, a first import): drops the triggers
 * and the built mark (and any part-done rebuild), so the load pays nothing
 * per row; a rebuild afterwards (ensureReturnRollups, or the closing work's
 * pieces; or the next open, if the load dies) counts everything from scratch.
 */
export function suspendReturnRollups(sqlite: Sqlite): void {
  sqlite.transaction(() => {
    dropTriggers(sqlite);
    sqlite.exec("DELETE FROM return_rollups WHERE dim IN ('_built', '_building')");
  })();
}
