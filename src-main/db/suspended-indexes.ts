import type { Sqlite } from './open';

/**
 * Secondary indexes taken off for a bulk load and put back afterwards.
 *
 * The definitions are never a second copy of the migrations: they are read
 * from sqlite_master just before the indexes are dropped and kept, with the
 * exact SQL, in the settings row below — written in the same transaction as
 * the drop. So a store is always in one of two states: indexes present and no
 * row, or the row naming every index that is missing. A process killed in
 * between leaves the row; `restoreSuspendedIndexes` (on open, before the
 * migrations, and at the end of the load) recreates them from it.
 */
const KEY = 'db.suspended_indexes';

interface Suspended {
  /** When the indexes went, for the message of whoever finds them missing. */
  at: string;
  indexes: { name: string; table: string; sql: string }[];
}

const settingsExist = (sqlite: Sqlite) => sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get() !== undefined;

function read(sqlite: Sqlite): Suspended | null {
  if (!settingsExist(sqlite)) return null;
  const v = sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
  return v === undefined ? null : (JSON.parse(v) as Suspended);
}

/** The indexes `suspendIndexes` would drop: non-unique, declared (not automatic), on `tables`, not in `keep`. */
export function droppableIndexes(sqlite: Sqlite, tables: readonly string[], keep: ReadonlySet<string>): { name: string; table: string; sql: string }[] {
  const rows = sqlite
    .prepare(`SELECT name, tbl_name AS "table", sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY tbl_name, name`)
    .all(...tables) as { name: string; table: string; sql: string }[];
  const uniqueness = sqlite.prepare('SELECT "unique" FROM pragma_index_list(?) WHERE name = ?').pluck();
  // Unique indexes stay: they are constraints (a duplicate must be refused during the load too) and the upsert's look-ups.
  return rows.filter((r) => !keep.has(r.name) && uniqueness.get(r.table, r.name) !== 1);
}

/** True while some indexes are suspended (a bulk load is running, or one was killed). */
export function indexesSuspended(sqlite: Sqlite): boolean {
  return read(sqlite) !== null;
}

/**
 * Drops the droppable indexes of `tables` and records their SQL; call inside
 * the transaction of the load's first rows. A no-op when some are suspended already.
 */
export function suspendIndexes(sqlite: Sqlite, tables: readonly string[], keep: ReadonlySet<string>, at: string): number {
  if (read(sqlite)) return 0;
  const indexes = droppableIndexes(sqlite, tables, keep);
  sqlite.transaction(() => {
    sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify({ at, indexes } satisfies Suspended));
    for (const i of indexes) sqlite.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
  })();
  return indexes.length;
}

/**
 * Recreates suspended indexes from their recorded SQL and removes the record,
 * in one transaction. An index that exists already (recreated by hand, or by a
 * migration) is left as it is. Returns how many were recreated.
 */
export function restoreSuspendedIndexes(sqlite: Sqlite): number {
  const s = read(sqlite);
  if (!s) return 0;
  let n = 0;
  sqlite.transaction(() => {
    const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?");
    const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    for (const i of s.indexes) {
      // A table a later migration removed takes its indexes with it.
      if (exists.get(i.name) || !table.get(i.table)) continue;
      sqlite.exec(i.sql);
      n++;
    }
    sqlite.prepare('DELETE FROM settings WHERE key = ?').run(KEY);
  })();
  return n;
}
