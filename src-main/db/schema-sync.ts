/**
 * Sync run history: one row per run of the sync engine (scheduled, at start,
 * "Sync now" or `oms sync`), so the Sync screen can show what happened when.
 * Counts per resource are kept as JSON: they are shown, never queried.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const syncRuns = sqliteTable(
  'sync_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    /** What started it: 'schedule', 'start', 'manual' (Sync now), 'cli'. */
    trigger: text('trigger').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    ok: integer('ok', { mode: 'boolean' }),
    error: text('error'),
    /** { [resource]: { pages, inserted, updated, unchanged, quarantined } } */
    resources: text('resources').notNull().default('{}'),
    outboxSent: integer('outbox_sent').notNull().default(0),
    outboxFailed: integer('outbox_failed').notNull().default(0),
  },
  (t) => [index('sync_runs_started').on(t.startedAt)],
);
