import type { Sqlite } from '../../db/open';
import { indexesSuspended, restoreNextSuspended, suspendIndexes, triggerMissing } from '../../db/suspended-indexes';
import { markSearchRebuild, searchRebuildPending, searchRebuildStep } from '../orders/search-index';
import { rollupRebuildStep, rollupRebuildUnderway, suspendReturnRollups } from '../returns/rollups';

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
 * All of it is undone after the pass's last page has committed, a piece per
 * transaction (`settleBulkLoadInSteps`: each index, the triggers and counts,
 * the search table and the rollups in chunks of orders), so the thread that
 * answers calls is free between pieces and the Sync screen can show how far
 * the closing work is.
 *
 * Crash safety: each suspension writes its mark in the same transaction as the
 * page it precedes (rollups: the "built" row deleted; indexes and count
 * triggers: their SQL kept in settings; search: the rebuild marked pending),
 * and each piece of the settling removes its own mark in its own transaction. A run killed mid-pass or mid-settle leaves the marks;
 * opening the workspace goes on with the settling in pieces once the core is
 * up (core.ts), and a sync run waits for that before it reads the shop; a run
 * that finds no pass to resume settles before its first orders page anyway
 * (in one go) — the store is never left without them.
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
  return {
    /**
     * Before a bulk page's rows, inside its transaction (once per pass; cheap after).
     * Returns true when the page's search rows are to be left to the rebuild at the end.
     */
    beforePage(): boolean {
      if (triggersOn.get() !== undefined) suspendReturnRollups(sqlite);
      if (searchRebuildPending(sqlite)) return true;
      if (anyOrder.get() !== undefined) return false;
      suspendIndexes(sqlite, LOADED_TABLES, KEEP, new Date().toISOString(), { triggers: COUNT_TRIGGERS, after: RECOUNT });
      markSearchRebuild(sqlite);
      return true;
    },
    /** Before an orders page's rows (after `beforePage`, or `settle`): what the writer must count itself. */
    countsOff(): CountsOff {
      return { queue: triggerMissing(sqlite, COUNT_TRIGGERS[0]), exception: triggerMissing(sqlite, COUNT_TRIGGERS[1]), hours: triggerMissing(sqlite, COUNT_TRIGGERS[2]) };
    },
    /** Before a page that is not part of a bulk pass, inside its transaction: whatever a killed import left off goes back first. */
    settle(): void {
      settleBulkLoad(sqlite);
    },
  };
}
export type BulkLoad = ReturnType<typeof createBulkLoad>;

/**
 * How many orders one piece of the closing work indexes for search, or counts
 * into the rollups: ~0.3 s of this machine's time for search; for rollups
 * ~0.15 s at 100k orders, ~0.4 s at 1M.
 */
const CHUNK = 20_000;

/** One piece of the closing work, as the Sync screen names it. */
export interface SettleStep {
  stage: 'indexes' | 'counts' | 'search' | 'rollups';
  /** Indexes rebuilt of those taken off; orders searchable, or counted in the rollups, of all; 1 of 1 for the counts. */
  done: number;
  total: number;
}

interface Settled { indexes: number; triggers: number; search: boolean; rollups: boolean }

/**
 * The next piece of putting back what a bulk load took off, in the caller's
 * transaction; null when nothing is off. Indexes first (one per piece), then
 * the count triggers with their recount, then the search table and then the
 * rollups, each a chunk of orders per piece. `tally` adds up what was put back.
 */
function nextSettleStep(sqlite: Sqlite, tally: Settled, chunk = CHUNK): SettleStep | null {
  const restored = restoreNextSuspended(sqlite);
  if (restored) {
    if (restored.index) tally.indexes++;
    tally.triggers += restored.triggers;
    return restored.index ? { stage: 'indexes', done: restored.indexesTotal - restored.indexesLeft, total: restored.indexesTotal } : { stage: 'counts', done: 1, total: 1 };
  }
  const search = searchRebuildStep(sqlite, chunk);
  if (search) {
    tally.search = true;
    return { stage: 'search', ...search };
  }
  const rollups = rollupRebuildStep(sqlite, chunk);
  if (rollups) {
    tally.rollups = true;
    return { stage: 'rollups', ...rollups };
  }
  return null;
}

/** Whether a bulk load left something off (a first import killed or closed before its closing work ended): cheap reads only. */
export function bulkLoadUnsettled(sqlite: Sqlite): boolean {
  return indexesSuspended(sqlite) || searchRebuildPending(sqlite) || rollupRebuildUnderway(sqlite);
}

/**
 * Puts back whatever a bulk load took off (indexes, count triggers, search
 * rows, rollups), in one transaction; a no-op when nothing is off. Called when
 * a workspace is opened and before a page that is not part of a bulk pass
 * (after a killed import): there, nothing may run between the pieces.
 */
export function settleBulkLoad(sqlite: Sqlite): Settled {
  const tally: Settled = { indexes: 0, triggers: 0, search: false, rollups: false };
  // On open, with nothing to put back, this only reads: it must not take the write lock (another process may be syncing).
  // One transaction either way, so search and rollups are each written in one go (chunks cost ~15 % more).
  sqlite.transaction(() => {
    while (nextSettleStep(sqlite, tally, Number.MAX_SAFE_INTEGER));
  })();
  return tally;
}

/**
 * The same, a piece per transaction, with `onStep` told after each commit and
 * the event loop let run before the next: the end of a first import. An
 * aborted `signal` stops it between pieces. At 100k
 * orders the pieces take from a few ms to ~0.65 s; one statement for all of
 * it held the thread ~3.4 s (at 1M: pieces of at most ~4.3 s, against ~85 s).
 */
export async function settleBulkLoadInSteps(sqlite: Sqlite, onStep: (step: SettleStep) => void = () => {}, opts: { chunk?: number; signal?: AbortSignal } = {}): Promise<Settled> {
  const tally: Settled = { indexes: 0, triggers: 0, search: false, rollups: false };
  for (;;) {
    // Closing the app stops between pieces: the next open (or the next run) does the rest.
    if (opts.signal?.aborted) throw opts.signal.reason as Error;
    const step = sqlite.transaction(() => nextSettleStep(sqlite, tally, opts.chunk)).immediate();
    if (!step) return tally;
    onStep(step);
    await new Promise((res) => setImmediate(res));
  }
}

/** For tests: the indexes a first import into an empty store would take off. */
export const BULK_LOAD_TABLES: readonly string[] = LOADED_TABLES;
export const BULK_LOAD_KEEP: ReadonlySet<string> = KEEP;
export const BULK_LOAD_COUNT_TRIGGERS: readonly string[] = COUNT_TRIGGERS;
