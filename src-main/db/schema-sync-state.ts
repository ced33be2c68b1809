/** The platform link: sync cursors, the outbox of local changes, quarantined records. Part of the foundation's schema (see schema.ts). */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './schema-columns';

// ── sync ──────────────────────────────────────────────────────────────────
export const syncState = sqliteTable(
  'sync_state',
  {
    platform: text('platform').notNull(),
    resource: text('resource').notNull(),
    cursor: text('cursor'),
    lastSuccessAt: text('last_success_at'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.resource] })],
);

/** Local changes waiting to reach the platform; written in the same transaction as the change. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    kind: text('kind').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    payload: text('payload').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    status: text('status', { enum: ['pending', 'sending', 'done', 'failed', 'cancelled'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('outbox_status').on(t.status, t.nextAttemptAt)],
);

/** Platform records that failed validation: kept (scrubbed of card data) with the reason, never dropped. */
export const quarantine = sqliteTable(
  'quarantine',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    resource: text('resource').notNull(),
    externalId: text('external_id'),
    payload: text('payload').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['open', 'retried', 'discarded'] }).notNull().default('open'),
    createdAt: createdAt(),
  },
  (t) => [index('quarantine_status').on(t.status)],
);
