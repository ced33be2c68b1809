/**
 * Customers: notes, the duplicate review queue with its remembered decisions,
 * and merges (with everything needed to undo them, and the platform identity
 * of the merged record so a later sync does not split it again).
 */
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { customers, users } from './schema';

export const customerNotes = sqliteTable(
  'customer_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id').notNull().references(() => customers.id),
    body: text('body').notNull(),
    userId: integer('user_id').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('customer_notes_customer').on(t.customerId, t.createdAt)],
);

/** Pairs the engine put in front of a person; a_id < b_id. 'not_same' and 'merged' are never asked again. */
export const customerDuplicatePairs = sqliteTable(
  'customer_duplicate_pairs',
  {
    aId: integer('a_id').notNull().references(() => customers.id),
    bId: integer('b_id').notNull().references(() => customers.id),
    probability: real('probability').notNull(),
    band: text('band', { enum: ['likely', 'certain'] }).notNull(),
    /** FieldEvidence[] JSON, as the engine explained the pair when it found it. */
    evidence: text('evidence').notNull(),
    status: text('status', { enum: ['open', 'not_same', 'merged'] }).notNull().default('open'),
    foundAt: text('found_at').notNull(),
    decidedAt: text('decided_at'),
    decidedBy: integer('decided_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.aId, t.bId] }), index('customer_duplicate_pairs_status').on(t.status, t.probability), index('customer_duplicate_pairs_b').on(t.bId)],
);

export const customerMerges = sqliteTable(
  'customer_merges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    survivorId: integer('survivor_id').notNull().references(() => customers.id),
    mergedId: integer('merged_id').notNull().references(() => customers.id),
    /** Field → 'survivor' | 'merged': whose value was kept. */
    choices: text('choices').notNull(),
    /** The survivor's contact fields before the merge (JSON), restored on undo. */
    survivorBefore: text('survivor_before').notNull(),
    /** Ids moved from the merged customer to the survivor, per table (JSON), moved back on undo. */
    moved: text('moved').notNull(),
    mergedPlatform: text('merged_platform'),
    mergedExternalId: text('merged_external_id'),
    userId: integer('user_id').references(() => users.id),
    at: text('at').notNull(),
    undoneAt: text('undone_at'),
    undoneBy: integer('undone_by').references(() => users.id),
  },
  (t) => [index('customer_merges_survivor').on(t.survivorId), index('customer_merges_merged').on(t.mergedId)],
);
