import type { Sqlite } from './open';

/**
 * Secondary indexes (and per-row triggers) taken off for a bulk load and put
 * back afterwards.
 *
 * The definitions are never a second copy of the migrations: they are read
 * from sqlite_master just before the objects are dropped and kept, with the
 * exact SQL, in the settings row below — written in the same transaction as
 * the drop. So a store is always in one of two states: everything present and
 * no row, or the row naming every index and trigger that is missing. A
 * process killed in between leaves the row; `restoreSuspendedIndexes` (on
 * open, before the migrations, and at the end of the load) recreates them
 * from it, then runs the row's `after` statements (the recounts of what the
 * dropped triggers kept, for rows written meanwhile by anyone who did not
 * keep the counts themselves).
 */
const KEY = 'db.suspended_indexes';

interface Suspended {
  /** When the indexes went, for the message of whoever finds them missing. */
  at: string;
  /** `type` is absent in rows written before triggers could be suspended: those are indexes. */
  indexes: { name: string; table: string; sql: string; type?: 'index' | 'trigger' }[];
  /** Run once everything is back, in the same transaction. */
  after?: string[];
}

const settingsExist = (sqlite: Sqlite) => sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get() !== undefined;

/**
 * `key`: the settings row; another caller with its own set to take off and
 * put back on its own schedule (the return rollups' rebuild) keeps its own row,
 * under a key that also ends in "suspended_indexes" (see `suspendedKeys`).
 */
function read(sqlite: Sqlite, key = KEY): Suspended | null {
  if (!settingsExist(sqlite)) return null;
  const v = sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
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

/** Every settings row that names indexes taken off, whoever took them (keys ending in "suspended_indexes"). */
export function suspendedKeys(sqlite: Sqlite): string[] {
  if (!settingsExist(sqlite)) return [];
  return sqlite.prepare("SELECT key FROM settings WHERE key LIKE '%suspended\\_indexes' ESCAPE '\\' ORDER BY key").pluck().all() as string[];
}

/** True while some indexes are suspended (a bulk load is running, or one was killed). */
export function indexesSuspended(sqlite: Sqlite): boolean {
  return read(sqlite) !== null;
}

/** True while the named trigger is off for a bulk load (or absent for any other reason). */
export function triggerMissing(sqlite: Sqlite, name: string): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name) === undefined;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Drops the droppable indexes of `tables` (and the named `triggers` that
 * exist) and records their SQL, with `after` to run once they are back; call
 * inside the transaction of the load's first rows. Returns how many indexes
 * went. A no-op when some are suspended already.
 */
export function suspendIndexes(sqlite: Sqlite, tables: readonly string[], keep: ReadonlySet<string>, at: string, extra: { triggers?: readonly string[]; after?: readonly string[]; key?: string } = {}): number {
  const key = extra.key ?? KEY;
  if (read(sqlite, key)) return 0;
  const indexes: Suspended['indexes'] = droppableIndexes(sqlite, tables, keep).map((i) => ({ ...i, type: 'index' }));
  const trigger = sqlite.prepare<[string], { name: string; table: string; sql: string }>("SELECT name, tbl_name AS \"table\", sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
  const triggers = (extra.triggers ?? []).flatMap((name) => trigger.all(name)).map((t) => ({ ...t, type: 'trigger' as const }));
  const record: Suspended = { at, indexes: [...indexes, ...triggers], ...(extra.after?.length ? { after: [...extra.after] } : {}) };
  sqlite.transaction(() => {
    sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(record));
    for (const i of indexes) sqlite.exec(`DROP INDEX ${quoted(i.name)}`);
    for (const t of triggers) sqlite.exec(`DROP TRIGGER ${quoted(t.name)}`);
  })();
  return indexes.length;
}

/**
 * Recreates suspended indexes and triggers from their recorded SQL, runs the
 * record's `after` statements and removes the record, in one transaction. An
 * object that exists already (recreated by hand, or by a migration) is left
 * as it is. Returns how many of each were recreated.
 */
export function restoreSuspendedIndexes(sqlite: Sqlite, key = KEY): { indexes: number; triggers: number } {
  const n = { indexes: 0, triggers: 0 };
  sqlite.transaction(() => {
    for (let step = restoreNextSuspended(sqlite, key); step; step = restoreNextSuspended(sqlite, key)) {
      if (step.index) n.indexes++;
      n.triggers += step.triggers;
    }
  })();
  return n;
}

/**
 * One piece of `restoreSuspendedIndexes`, in the caller's transaction: the
 * next missing index (building one is the long part: a sort of the whole
 * table), or, once every index is back, the triggers, the `after` statements
 * and the record's removal. Indexes come back one at a time so a caller can
 * commit, report and let other work run between them; the record keeps
 * naming the ones still missing. Returns null when nothing is suspended.
 */
export function restoreNextSuspended(sqlite: Sqlite, key = KEY): { index: string | null; triggers: number; indexesLeft: number; indexesTotal: number } | null {
  const s = read(sqlite, key);
  if (!s) return null;
  const exists = sqlite.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?');
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  // A table a later migration removed takes its indexes and triggers with it.
  const missing = (type: 'index' | 'trigger') => s.indexes.filter((i) => (i.type ?? 'index') === type && !exists.get(type, i.name) && table.get(i.table));
  const indexes = missing('index');
  const indexesTotal = s.indexes.filter((i) => (i.type ?? 'index') === 'index').length;
  const next = indexes[0];
  if (next) {
    sqlite.exec(next.sql);
    return { index: next.name, triggers: 0, indexesLeft: indexes.length - 1, indexesTotal };
  }
  const triggers = missing('trigger');
  for (const t of triggers) sqlite.exec(t.sql);
  for (const sql of s.after ?? []) sqlite.exec(sql);
  sqlite.prepare('DELETE FROM settings WHERE key = ?').run(key);
  return { index: null, triggers: triggers.length, indexesLeft: 0, indexesTotal };
}
