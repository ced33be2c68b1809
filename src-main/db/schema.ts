/**
 * The store. Money: integer minor units beside an ISO currency code.
 * Time: UTC ISO-8601 text. IDs: our own integer keys; platform IDs in their
 * own columns, unique per platform. Stock and audit are append-only ledgers.
 */
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The foundation's tables, one file per group (drizzle.config.ts reads schema.ts and schema-*.ts);
// re-exported here so `import * as schema from './schema'` and imports from './schema' see them all.
export * from './schema-people';
export * from './schema-catalogue';
export * from './schema-customer-records';
export * from './schema-orders';
export * from './schema-sync-state';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
