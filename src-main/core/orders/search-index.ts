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
  const rebuild = createRebuildState(sqlite);
  const insertRow = (id: number, r: SearchRow) => ins.run(id, r.number, r.customer, r.email, r.phone, r.items);

  return {
    /** Rewrites the search row of each order. Call inside the writer's transaction. */
    reindexOrders(orderIds: Iterable<number>): void {
      // While a rebuild is pending, the rows above its mark are its to write, from the rows as they are then.
      const mark = rebuild.writtenUpTo();
      for (const id of orderIds) {
        if (mark !== null && id > mark) continue;
        const o = order.get(id) as (SearchSource & { id: number }) | undefined;
        del.run(id);
        if (!o) continue;
        insertRow(id, searchRow(o, (lines.get(id) as { items: string | null }).items ?? ''));
      }
    },
    /** The search rows of orders that have none yet (just inserted; order ids are never reused), built by the caller. */
    insertRows(rows: Iterable<readonly [number, SearchRow]>): void {
      const mark = rebuild.writtenUpTo();
      for (const [id, row] of rows) if (mark === null || id <= mark) insertRow(id, row);
    },
  };
}
export type SearchIndexer = ReturnType<typeof createSearchIndexer>;

/** The search columns of orders `o`, as the writers compute them (searchRow); the caller adds the WHERE. */
const REBUILD_SELECT = `
    INSERT INTO orders_fts(rowid, number, customer, email, phone, items)
    SELECT o.id,
           o.number || ' ' || o.name,
           trim(o.customer_name || ' ' || coalesce(o.ship_name, '')),
           coalesce(o.email, ''),
           trim(oms_phone_digits(o.phone) || ' ' || oms_phone_digits(o.ship_phone)),
           coalesce((SELECT group_concat(coalesce(l.sku,'') || ' ' || l.title || ' ' || coalesce(l.variant_title,''), ' ')
                     FROM order_lines l WHERE l.order_id = o.id), '')
    FROM orders o`;

function definePhoneDigits(sqlite: Sqlite): void {
  sqlite.function('oms_phone_digits', { deterministic: true }, (p: unknown) => phoneDigits(typeof p === 'string' ? p : null));
}

/**
 * Rebuilds the whole index in one statement; for bulk loads (demo generator,
 * first import) where per-order reindexing would be wasteful.
 */
export function rebuildSearchIndex(sqlite: Sqlite): void {
  sqlite.exec('DELETE FROM orders_fts');
  definePhoneDigits(sqlite);
  withHashSize(sqlite, REBUILD_HASH_SIZE, () => sqlite.exec(REBUILD_SELECT));
}

/**
 * A rebuild that can be done a piece at a time (a first import's closing
 * work, bulk-load.ts): `markSearchRebuild` says the table is to be rebuilt;
 * each `searchRebuildStep` writes the rows of the next `chunk` orders by id
 * and moves a mark, in the caller's transaction. While it is pending, the
 * writers leave the rows above the mark alone (createSearchIndexer), so each
 * order gets exactly one row, from its row as it is when its chunk is written;
 * and search finds the orders below the mark only. A process killed between
 * pieces resumes from the mark.
 *
 * The pending key is the one a first import has always set, so a store
 * killed mid-import by an older version still gets its rebuild.
 */
const PENDING = 'sync.bulk_load.search_pending';
const WRITTEN_UP_TO = 'search.rebuild_written_up_to';

function createRebuildState(sqlite: Sqlite) {
  const get = sqlite.prepare('SELECT key, value FROM settings WHERE key IN (?, ?)');
  return {
    /** null: no rebuild pending (write every row); else the highest order id whose row the rebuild has written (0: none yet). */
    writtenUpTo(): number | null {
      const rows = get.all(PENDING, WRITTEN_UP_TO) as { key: string; value: string }[];
      if (!rows.some((r) => r.key === PENDING)) return null;
      return Number(rows.find((r) => r.key === WRITTEN_UP_TO)?.value ?? 0);
    },
  };
}

/** The index is to be rebuilt (writers stop writing rows until the rebuild reaches them). In the caller's transaction. */
export function markSearchRebuild(sqlite: Sqlite): void {
  sqlite.prepare("INSERT INTO settings (key, value) VALUES (?, '1') ON CONFLICT (key) DO NOTHING").run(PENDING);
}

export function searchRebuildPending(sqlite: Sqlite): boolean {
  return createRebuildState(sqlite).writtenUpTo() !== null;
}

/**
 * Writes the next `chunk` orders' rows of a pending rebuild (the first piece
 * clears the table); in the caller's transaction. Returns how far it is
 * (orders written of orders there are), or null when nothing was pending; the
 * piece that writes the last rows also clears the pending mark.
 */
export function searchRebuildStep(sqlite: Sqlite, chunk: number): { done: number; total: number } | null {
  const mark = createRebuildState(sqlite).writtenUpTo();
  if (mark === null) return null;
  const setMark = sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  if (mark === 0) sqlite.exec('DELETE FROM orders_fts');
  const upTo = sqlite.prepare('SELECT max(id) FROM (SELECT id FROM orders WHERE id > ? ORDER BY id LIMIT ?)').pluck().get(mark, chunk) as number | null;
  const total = sqlite.prepare('SELECT count(*) FROM orders').pluck().get() as number;
  if (upTo !== null) {
    definePhoneDigits(sqlite);
    withHashSize(sqlite, REBUILD_HASH_SIZE, () => sqlite.prepare(`${REBUILD_SELECT} WHERE o.id > ? AND o.id <= ?`).run(mark, upTo));
  }
  const more = upTo !== null && sqlite.prepare('SELECT 1 FROM orders WHERE id > ? LIMIT 1').get(upTo) !== undefined;
  if (more) setMark.run(WRITTEN_UP_TO, String(upTo));
  else sqlite.prepare('DELETE FROM settings WHERE key IN (?, ?)').run(PENDING, WRITTEN_UP_TO);
  const done = more ? (sqlite.prepare('SELECT count(*) FROM orders WHERE id <= ?').pluck().get(upTo) as number) : total;
  return { done, total };
}

// FTS5 writes its in-memory terms out as a new segment every `hashsize` bytes
// (1 MiB by default) and keeps merging the segments as they pile up. For a
// rebuild's big statements, a 16 MiB hash means a sixteenth of the segments
// to merge: ~15 % less CPU at 30k orders. Same terms, same answers; set back
// after, so the writes of every day keep their 1 MiB bound (orders_fts_config
// keeps a 'hashsize' row at the default).
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
