/**
 * Working the orders: each user's saved queue views, and the live count per
 * exception reason behind the Exceptions queue's breakdown.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './schema';

/** A named set of queue filters, sort and visible columns; personal to its user. */
export const orderViews = sqliteTable(
  'order_views',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** JSON of SavedViewSpec (src-shared/contract/methods/order-views.ts), validated on the way in and out. */
    spec: text('spec').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('order_views_user_name').on(t.userId, t.name), index('order_views_user').on(t.userId)],
);

/** Orders in the Exceptions queue per reason; kept exact by triggers on orders (see the migration), like queue_counts. */
export const exceptionCounts = sqliteTable('exception_counts', {
  reason: text('reason').primaryKey(),
  count: integer('count').notNull().default(0),
});
