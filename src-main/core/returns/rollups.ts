import type { Sqlite } from '../../db/open';

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
 * Units sold: `from` exposes the order as `o` (or OLD/NEW) and its variant as `v`
 * and ends in a WHERE clause; `qty` is the units per row; `sign` a SQL factor.
 */
function sold(from: string, qty: string, o: string, sign: string): string[] {
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
function returned(from: string, qty: string, reason: string, o: string, sign: string, dims: ('total' | 'product' | 'reason' | 'customer')[] = ['total', 'product', 'reason', 'customer']): string[] {
  const out: string[] = [];
  if (dims.includes('total')) out.push(up(`SELECT 'ret_total', ${day(o)}, '', ${sign} * sum(${qty}) ${from} GROUP BY 2`));
  if (dims.includes('product')) out.push(up(`SELECT 'ret_product', ${day(o)}, coalesce(v.product_id, 0), ${sign} * sum(${qty}) ${from} GROUP BY 2, 3`));
  if (dims.includes('reason')) out.push(up(`SELECT 'ret_reason', ${day(o)}, ${reason}, ${sign} * sum(${qty}) ${from} GROUP BY 2, 3`));
  if (dims.includes('customer')) out.push(up(`SELECT 'ret_customer', ${day(o)}, ${o}.customer_id, ${sign} * sum(${qty}) ${from} AND ${o}.customer_id IS NOT NULL GROUP BY 2, 3`));
  return out;
}

const ordersPlaced = (o: string, sign: string) => up(`SELECT 'orders_customer', ${day(o)}, ${o}.customer_id, ${sign} WHERE ${o}.status <> 'cancelled' AND ${o}.customer_id IS NOT NULL`);

const NOT_FROM_RETURN = (refundId: string) => `NOT EXISTS (SELECT 1 FROM returns rr WHERE rr.refund_id = ${refundId})`;
const REFUND_REASON = `'text:' || coalesce(f.reason, 'Not given')`;

/** One order line's sale (a row value such as OLD/NEW of order_lines). */
const lineSold = (L: string, sign: string) => sold(`FROM orders o LEFT JOIN variants v ON v.id = ${L}.variant_id WHERE o.id = ${L}.order_id AND o.status <> 'cancelled'`, `${L}.quantity`, 'o', sign);
/** One return line (OLD/NEW of return_lines), when its return is not rejected. */
const returnLine = (X: string, sign: string) =>
  returned(
    `FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id
      WHERE l.id = ${X}.order_line_id AND (SELECT status FROM returns WHERE id = ${X}.return_id) <> 'rejected'`,
    `${X}.quantity`,
    `'code:' || ${X}.reason`,
    'o',
    sign,
  );
/** One platform refund line (OLD/NEW of refund_lines), when it restocked and no return of ours made it. */
const refundLine = (Y: string, sign: string) =>
  returned(
    `FROM refunds f JOIN order_lines l ON l.id = ${Y}.order_line_id JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id
      WHERE f.id = ${Y}.refund_id AND ${Y}.restock = 1 AND ${NOT_FROM_RETURN(`${Y}.refund_id`)}`,
    `${Y}.quantity`,
    REFUND_REASON,
    'o',
    sign,
  );

const TRIGGERS: Record<string, { on: string; body: string[] }> = {
  order_line_insert: { on: 'AFTER INSERT ON order_lines', body: lineSold('NEW', '1') },
  order_line_update: {
    on: 'AFTER UPDATE OF quantity, variant_id, order_id ON order_lines WHEN OLD.quantity IS NOT NEW.quantity OR OLD.variant_id IS NOT NEW.variant_id OR OLD.order_id IS NOT NEW.order_id',
    body: [...lineSold('OLD', '-1'), ...lineSold('NEW', '1')],
  },
  order_line_delete: { on: 'AFTER DELETE ON order_lines', body: lineSold('OLD', '-1') },
  order_insert: { on: 'AFTER INSERT ON orders', body: [ordersPlaced('NEW', '1')] },
  // Cancelled or un-cancelled, or moved to another customer (a merge): take the old sale out, put the new one in.
  order_sale_update: {
    on: "AFTER UPDATE OF status, customer_id, created_at ON orders WHEN (OLD.status = 'cancelled') IS NOT (NEW.status = 'cancelled') OR OLD.customer_id IS NOT NEW.customer_id OR OLD.created_at IS NOT NEW.created_at",
    body: [
      ...sold(`FROM order_lines l LEFT JOIN variants v ON v.id = l.variant_id WHERE l.order_id = OLD.id AND OLD.status <> 'cancelled'`, 'l.quantity', 'OLD', '-1'),
      ...sold(`FROM order_lines l LEFT JOIN variants v ON v.id = l.variant_id WHERE l.order_id = NEW.id AND NEW.status <> 'cancelled'`, 'l.quantity', 'NEW', '1'),
      ordersPlaced('OLD', '-1'),
      ordersPlaced('NEW', '1'),
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
          [...dims],
        ),
        ...returned(
          `FROM refunds f JOIN refund_lines y ON y.refund_id = f.id JOIN order_lines l ON l.id = y.order_line_id LEFT JOIN variants v ON v.id = l.variant_id WHERE f.order_id = NEW.id AND y.restock = 1 AND ${NOT_FROM_RETURN('f.id')}`,
          'y.quantity',
          REFUND_REASON,
          R,
          sign,
          [...dims],
        ),
      ];
    }),
  },
  return_line_insert: { on: 'AFTER INSERT ON return_lines', body: returnLine('NEW', '1') },
  return_line_update: {
    on: 'AFTER UPDATE OF quantity, reason, order_line_id, return_id ON return_lines WHEN OLD.quantity IS NOT NEW.quantity OR OLD.reason IS NOT NEW.reason OR OLD.order_line_id IS NOT NEW.order_line_id OR OLD.return_id IS NOT NEW.return_id',
    body: [...returnLine('OLD', '-1'), ...returnLine('NEW', '1')],
  },
  return_line_delete: { on: 'AFTER DELETE ON return_lines', body: returnLine('OLD', '-1') },
  // Rejected: its units are no longer returned (and back, should a rejection ever be undone).
  return_rejected: {
    on: "AFTER UPDATE OF status ON returns WHEN (OLD.status = 'rejected') IS NOT (NEW.status = 'rejected')",
    body: returned(
      `FROM return_lines x JOIN order_lines l ON l.id = x.order_line_id JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id WHERE x.return_id = NEW.id`,
      'x.quantity',
      "'code:' || x.reason",
      'o',
      "(CASE WHEN NEW.status = 'rejected' THEN -1 ELSE 1 END)",
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
    ),
  },
  refund_line_insert: { on: 'AFTER INSERT ON refund_lines', body: refundLine('NEW', '1') },
  refund_line_update: { on: 'AFTER UPDATE OF quantity, restock, order_line_id, refund_id ON refund_lines', body: [...refundLine('OLD', '-1'), ...refundLine('NEW', '1')] },
  refund_line_delete: { on: 'AFTER DELETE ON refund_lines', body: refundLine('OLD', '-1') },
};

const triggerName = (name: string) => `return_rollup_${name}`;

/** Everything from scratch, in one pass per source (the caller holds a transaction). */
function rebuildStatements(): string[] {
  return [
    'DELETE FROM return_rollups',
    ...sold(`FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id WHERE o.status <> 'cancelled'`, 'l.quantity', 'o', '1'),
    up(`SELECT 'orders_customer', ${day('o')}, o.customer_id, count(*) FROM orders o WHERE o.status <> 'cancelled' AND o.customer_id IS NOT NULL GROUP BY 2, 3`),
    ...returned(
      `FROM returns r JOIN return_lines x ON x.return_id = r.id JOIN order_lines l ON l.id = x.order_line_id JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id WHERE r.status <> 'rejected'`,
      'x.quantity',
      "'code:' || x.reason",
      'o',
      '1',
    ),
    ...returned(
      `FROM refunds f JOIN refund_lines y ON y.refund_id = f.id JOIN order_lines l ON l.id = y.order_line_id JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id WHERE y.restock = 1 AND ${NOT_FROM_RETURN('f.id')}`,
      'y.quantity',
      REFUND_REASON,
      'o',
      '1',
    ),
    MARK,
  ];
}

function dropTriggers(sqlite: Sqlite): void {
  const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'return_rollup_%'").pluck().all() as string[];
  for (const n of names) sqlite.exec(`DROP TRIGGER ${n}`);
}

/** Rebuilds the rollups from the rows and (re)creates the triggers; in one transaction. */
export function rebuildReturnRollups(sqlite: Sqlite): void {
  sqlite.transaction(() => {
    dropTriggers(sqlite);
    // The secondary index (dim, key, day) would take each of the rebuild's rows
    // (two per order and more) at a scattered place; built once after, from
    // its own SQL as sqlite_master holds it, it costs ~10 % less at 100k orders.
    const secondary = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'return_rollups' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
    for (const i of secondary) sqlite.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
    for (const s of rebuildStatements()) sqlite.exec(s);
    for (const i of secondary) sqlite.exec(i.sql);
    for (const [name, t] of Object.entries(TRIGGERS)) sqlite.exec(`CREATE TRIGGER ${triggerName(name)} ${t.on} BEGIN\n${t.body.join('\n')}\nEND`);
  })();
}

/** On open: rebuild when the rollups were never built, or built by older triggers. */
export function ensureReturnRollups(sqlite: Sqlite): { rebuilt: boolean } {
  const built = sqlite.prepare("SELECT 1 FROM return_rollups WHERE dim = '_built' AND day = '' AND key = ?").get(VERSION);
  const triggers = (sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'return_rollup_%'").pluck().get() as number) === Object.keys(TRIGGERS).length;
  if (built && triggers) return { rebuilt: false };
  rebuildReturnRollups(sqlite);
  return { rebuilt: true };
}

/**
 * For a bulk load (the demo generator): drops the triggers and the built mark,
 * so the load pays nothing per row; ensureReturnRollups afterwards (or the next
 * open, if the load dies) rebuilds everything in one pass.
 */
export function suspendReturnRollups(sqlite: Sqlite): void {
  sqlite.transaction(() => {
    dropTriggers(sqlite);
    sqlite.exec("DELETE FROM return_rollups WHERE dim = '_built'");
  })();
}
