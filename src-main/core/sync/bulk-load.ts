import type { Sqlite } from '../../db/open';
import { indexesSuspended, restoreSuspendedIndexes, suspendIndexes, triggerMissing } from '../../db/suspended-indexes';
import { rebuildSearchIndex } from '../orders/search-index';
import { ensureReturnRollups, suspendReturnRollups } from '../returns/rollups';

/**
 * A first import read in bulk loads orders as a bulk load. With the first page:
 *  - the return-rollup triggers go (three rollup upserts with joins per order
 *    line), and the rollups are rebuilt from the rows at the end;
 *  - when the store holds no order yet, the secondary indexes of orders and
 *    their child tables go too (db/suspended-indexes.ts, definitions read from
 *    sqlite_master; KEEP below), and search rows are not written page by page: the index
 *    and the search table are rebuilt in one pass at the end, which costs far
 *    less than keeping them row by row (see the bench, sync-ingest.ts);
 *  - in that same case the per-order count triggers go too (COUNT_TRIGGERS):
 *    the writer keeps those counts live instead, one UPDATE per queue, reason
 *    and hour at the end of each page, in the page's transaction
 *    (store-writer-orders.ts `flushCounts`), so the counts users watch during
 *    the import are right after every commit.
 * All of it is undone in the pass's last page transaction (`settle`).
 *
 * Crash safety: each suspension writes its mark in the same transaction as the
 * page it precedes (rollups: the "built" row deleted; indexes and count
 * triggers: their SQL kept in settings; search: SEARCH_PENDING set). A run killed mid-pass leaves the marks;
 * the resumed pass keeps loading without them and settles at its end; a run
 * that finds no pass to resume settles before its first orders page, and so
 * does opening the workspace (core.ts) — the store is never left without them.
 *
 * While a first import runs, the app stays usable but some reads are slower
 * (queue pages sorted by total, customer or number, a customer's orders, an
 * order's timeline, tag filters, SKU search scan instead of seeking) and
 * the search finds imported orders only once the pass ends. That is accepted
 * for a first import only: a store that already holds orders keeps its
 * indexes and search rows (the writer's update path reads them back).
 */

/** The tables a first import fills; their secondary indexes go during the load. */
const LOADED_TABLES = ['orders', 'order_lines', 'order_events', 'order_tags', 'fulfilments', 'fulfilment_lines', 'refunds', 'refund_lines'] as const;
/**
 * Indexes that stay. The load itself reads through the order_lines ones
 * (allocation after each page finds an order's lines and the open demand per
 * variant). The two date indexes of orders are named in INDEXED BY by
 * statements prepared once (number-bounds.ts, the queue page's date counts),
 * which would fail rather than slow without them; they are also the cheap ones
 * to keep, filled in date order. The queue page names the other queue indexes
 * only when they exist (list-orders.ts), so those go: their keys (customer
 * name, total) land at random places, which made them the dearest per order.
 */
const KEEP = new Set(['order_lines_order', 'order_lines_unshipped_variant', 'orders_created', 'orders_q_created']);
const SEARCH_PENDING = 'sync.bulk_load.search_pending';
/**
 * Per-order triggers on INSERT INTO orders that keep derived counts: about
 * 4-8 µs an order between them. Only the INSERT ones: the writer of a first
 * import inserts. Their UPDATE and DELETE siblings stay (allocation and users
 * move orders between queues during the load).
 */
const COUNT_TRIGGERS = ['orders_count_insert', 'orders_exception_count_insert', 'orders_number_hours_insert'] as const;
/**
 * Run when the triggers come back (suspended-indexes.ts `after`): the counts
 * from the rows. The writer's live tallies already make them right; this
 * catches orders another code path inserted while the triggers were off (a
 * return's replacement order made during the import), which nobody counted.
 * Same answers as the triggers: queue_counts and exception_counts equal to the
 * rows (as the migrations' backfills), hour bounds only ever widened.
 */
const RECOUNT = [
  'UPDATE queue_counts SET count = (SELECT count(*) FROM orders o WHERE o.queue = queue_counts.queue)',
  'UPDATE exception_counts SET count = 0',
  `INSERT INTO exception_counts(reason, count) SELECT coalesce(exception_reason, 'unknown'), count(*) FROM orders WHERE queue = 'exceptions' GROUP BY 1 ORDER BY 1
     ON CONFLICT(reason) DO UPDATE SET count = excluded.count`,
  `INSERT INTO order_number_hours(hour, min_number, max_number) SELECT substr(created_at, 1, 13), min(number), max(number) FROM orders GROUP BY 1 ORDER BY 1
     ON CONFLICT(hour) DO UPDATE SET min_number = min(min_number, excluded.min_number), max_number = max(max_number, excluded.max_number)`,
];

/** Which of the count triggers are off: the writer keeps those counts itself. */
export interface CountsOff { queue: boolean; exception: boolean; hours: boolean }

export function createBulkLoad(sqlite: Sqlite) {
  const triggersOn = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'return_rollup_%' LIMIT 1").pluck();
  const anyOrder = sqlite.prepare('SELECT 1 FROM orders LIMIT 1').pluck();
  const searchPending = sqlite.prepare('SELECT 1 FROM settings WHERE key = ?').pluck();
  const setSearchPending = sqlite.prepare("INSERT INTO settings (key, value) VALUES (?, '1') ON CONFLICT (key) DO NOTHING");
  return {
    /**
     * Before a bulk page's rows, inside its transaction (once per pass; cheap after).
     * Returns true when the page's search rows are to be left to the rebuild at the end.
     */
    beforePage(): boolean {
      if (triggersOn.get() !== undefined) suspendReturnRollups(sqlite);
      if (searchPending.get(SEARCH_PENDING) !== undefined) return true;
      if (anyOrder.get() !== undefined) return false;
      suspendIndexes(sqlite, LOADED_TABLES, KEEP, new Date().toISOString(), { triggers: COUNT_TRIGGERS, after: RECOUNT });
      setSearchPending.run(SEARCH_PENDING);
      return true;
    },
    /** Before an orders page's rows (after `beforePage`, or `settle`): what the writer must count itself. */
    countsOff(): CountsOff {
      return { queue: triggerMissing(sqlite, COUNT_TRIGGERS[0]), exception: triggerMissing(sqlite, COUNT_TRIGGERS[1]), hours: triggerMissing(sqlite, COUNT_TRIGGERS[2]) };
    },
    /** After the pass's last page, inside its transaction; and before a run that resumes no bulk pass. */
    settle(): void {
      settleBulkLoad(sqlite);
    },
  };
}
export type BulkLoad = ReturnType<typeof createBulkLoad>;

/**
 * Puts back whatever a bulk load took off (indexes, count triggers, search
 * rows, rollups), in one transaction; a no-op when nothing is off. Called at
 * the end of a bulk pass, before a run that resumes none, and when a
 * workspace is opened.
 */
export function settleBulkLoad(sqlite: Sqlite): { indexes: number; triggers: number; search: boolean; rollups: boolean } {
  return sqlite.transaction(() => {
    const { indexes, triggers } = indexesSuspended(sqlite) ? restoreSuspendedIndexes(sqlite) : { indexes: 0, triggers: 0 };
    // Reads first: on open, with nothing to put back, this must not take the write lock (another process may be syncing).
    const search = sqlite.prepare('SELECT 1 FROM settings WHERE key = ?').get(SEARCH_PENDING) !== undefined;
    if (search) {
      sqlite.prepare('DELETE FROM settings WHERE key = ?').run(SEARCH_PENDING);
      rebuildSearchIndex(sqlite);
    }
    const { rebuilt } = ensureReturnRollups(sqlite);
    return { indexes, triggers, search, rollups: rebuilt };
  })();
}

/** For tests: the indexes a first import into an empty store would take off. */
export const BULK_LOAD_TABLES: readonly string[] = LOADED_TABLES;
export const BULK_LOAD_KEEP: ReadonlySet<string> = KEEP;
export const BULK_LOAD_COUNT_TRIGGERS: readonly string[] = COUNT_TRIGGERS;
