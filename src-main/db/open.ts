import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { MIGRATIONS } from './migrations';
import { restoreSuspendedIndexes, suspendedKeys } from './suspended-indexes';
import * as schema from './schema';

export type Sqlite = Database.Database;
export type Drizzle = BetterSQLite3Database<typeof schema>;

/** A start-up problem with the database file that the user must see in plain words. */
export class StoreOpenError extends Error {
  constructor(
    readonly kind: 'too_new' | 'locked' | 'corrupt' | 'unreadable' | 'foreign',
    message: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

export interface Store {
  sqlite: Sqlite;
  db: Drizzle;
  close(): void;
}

export interface OpenOptions {
  readonly?: boolean;
  /** Path of a better-sqlite3 binary built for this runtime (Electron's ABI in development). */
  nativeBinding?: string;
}

/** Opens (creating if needed) and migrates a workspace database. */
export function openStore(file: string, opts: OpenOptions = {}): Store {
  let sqlite: Sqlite;
  try {
    sqlite = new Database(file, {
      readonly: opts.readonly ?? false,
      nativeBinding: opts.nativeBinding ?? process.env.OMS_SQLITE_BINDING ?? undefined,
    });
  } catch (err) {
    throw classify(err, file);
  }
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('cache_size = -65536'); // 64 MiB page cache
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma('mmap_size = 268435456');
    migrate(sqlite, file);
  } catch (err) {
    sqlite.close();
    throw err instanceof StoreOpenError ? err : classify(err, file);
  }
  const db = drizzle(sqlite, { schema });
  return { sqlite, db, close: () => sqlite.close() };
}

function classify(err: unknown, file: string): StoreOpenError {
  const code = (err as { code?: string }).code ?? '';
  const msg = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || /locked/i.test(msg)) {
    return new StoreOpenError('locked', `The workspace database ${file} is locked by another program. Close other Orderhouse windows or processes using it and try again.`);
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(msg)) {
    return new StoreOpenError('corrupt', `The workspace database ${file} is damaged or is not an Orderhouse database (${msg}). Restore it from a backup in the workspace's backups folder.`);
  }
  return new StoreOpenError('unreadable', `Cannot open the workspace database ${file}: ${msg}`);
}

/**
 * Applies pending migrations in one transaction. `PRAGMA user_version` counts the
 * applied migrations; a database from a newer app version is refused, not touched.
 */
export function migrate(sqlite: Sqlite, file = 'database'): { applied: number } {
  const known = MIGRATIONS.length;
  const current = sqlite.pragma('user_version', { simple: true }) as number;
  if (current > known) {
    throw new StoreOpenError(
      'too_new',
      `The workspace database ${file} was written by a newer version of Orderhouse (schema ${current}, this version knows ${known}). Update Orderhouse to open it; nothing was changed.`,
    );
  }
  if (current === 0) {
    const tables = sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type='table'").get() as { n: number };
    if (tables.n > 0) {
      throw new StoreOpenError('foreign', `${file} already holds tables that are not an Orderhouse workspace; refusing to change it.`);
    }
  }
  const pending = MIGRATIONS.slice(current);
  if (pending.length === 0) return { applied: 0 };
  // Migrations are written against the full schema: indexes a killed bulk load (or rollup rebuild) left off come back first.
  for (const key of suspendedKeys(sqlite)) restoreSuspendedIndexes(sqlite, key);
  sqlite.transaction(() => {
    for (const m of pending) {
      for (const statement of m.statements) sqlite.exec(statement);
    }
    sqlite.pragma(`user_version = ${known}`);
  }).immediate();
  return { applied: pending.length };
}

export const SCHEMA_VERSION = MIGRATIONS.length;
