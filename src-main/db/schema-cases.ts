/**
 * Service cases: a customer's question or complaint, opened from a customer or
 * an order, with status, priority, due time, assignee and internal notes.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { customers, orders, users } from './schema';

export const serviceCases = sqliteTable(
  'service_cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id').references(() => customers.id),
    orderId: integer('order_id').references(() => orders.id),
    type: text('type', { enum: ['question', 'complaint', 'damaged_item', 'missing_item', 'return_request', 'other'] }).notNull(),
    status: text('status', { enum: ['open', 'waiting_on_customer', 'resolved'] }).notNull().default('open'),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] }).notNull().default('normal'),
    subject: text('subject').notNull(),
    assigneeId: integer('assignee_id').references(() => users.id),
    dueAt: text('due_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    resolvedAt: text('resolved_at'),
  },
  (t) => [index('service_cases_status_due').on(t.status, t.dueAt), index('service_cases_customer').on(t.customerId), index('service_cases_order').on(t.orderId)],
);

export const serviceCaseNotes = sqliteTable(
  'service_case_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id').notNull().references(() => serviceCases.id),
    /** 'note': internal; 'reply': a reply written to the customer (copied or sent). */
    kind: text('kind', { enum: ['note', 'reply', 'status'] }).notNull(),
    body: text('body').notNull(),
    userId: integer('user_id').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('service_case_notes_case').on(t.caseId, t.createdAt)],
);
