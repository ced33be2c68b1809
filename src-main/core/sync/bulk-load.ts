import type { Sqlite } from '../../db/open';
import { ensureReturnRollups, suspendReturnRollups } from '../returns/rollups';

/**
 * A first import read in bulk loads orders as a bulk load: the return-rollup
 * triggers (three rollup upserts with joins per order line — about 40 µs a
 * line, most of the SQLite time of an import) are dropped with the first page
 * and the rollups rebuilt in one pass with the pass's last page.
 *
 * Crash safety comes from rollups.ts: suspending deletes the "built" mark in
 * the same transaction as the page it precedes, so a store left between the
 * two (a run killed mid-pass) is one whose rollups are known to be unbuilt.
 * The resumed pass keeps loading without triggers and rebuilds at its end; a
 * run that finds no pass to resume rebuilds before its first page
 * (`settle`), and so does opening the workspace in the app (returns/handlers).
 * Writes made by anything else while the triggers are off (an order action
 * between two pages) are counted by the rebuild, which reads the rows, not
 * the changes. Only the returns report reads the rollups; during a first
 * import it shows what the rows held when the import started.
 */
export function createBulkLoad(sqlite: Sqlite) {
  const triggersOn = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'return_rollup_%' LIMIT 1").pluck();
  return {
    /** Before a bulk page's rows, inside its transaction: the triggers go (once per pass; a no-op after). */
    beforePage(): void {
      if (triggersOn.get() !== undefined) suspendReturnRollups(sqlite);
    },
    /** After the pass's last page, inside its transaction; and before a run that resumes no bulk pass. */
    settle(): void {
      ensureReturnRollups(sqlite);
    },
  };
}
export type BulkLoad = ReturnType<typeof createBulkLoad>;
