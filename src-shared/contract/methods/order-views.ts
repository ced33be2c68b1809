import { z } from 'zod';
import { EXCEPTION_REASONS, ORDER_SORTS, QUEUE_VIEWS, type ExceptionReason } from '../../orders';
import { id, method, noInput } from './common';

/** The queue columns a person may show or hide; the order number is always shown. */
export const ORDER_COLUMNS = ['date', 'customer', 'items', 'total', 'payment', 'fulfilment', 'tags'] as const;
export type OrderColumn = (typeof ORDER_COLUMNS)[number];
export const ORDER_COLUMN_LABELS: Record<OrderColumn, string> = {
  date: 'Date',
  customer: 'Customer',
  items: 'Items',
  total: 'Total',
  payment: 'Payment',
  fulfilment: 'Fulfilment',
  tags: 'Tags',
};

const day = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day like 2026-01-31')]);

/**
 * What a saved view restores: the queue, filters, sort and visible columns of
 * the order list, exactly as the toolbar holds them (date ranges as presets or
 * local days, so "Last 7 days" stays relative).
 */
export const SavedViewSpec = z
  .object({
    queue: z.enum(QUEUE_VIEWS, { message: 'must be a queue name, "unfulfilled" or "all"' }),
    exceptionReason: z.enum(EXCEPTION_REASONS, { message: 'must be an exception reason' }).nullable().default(null),
    search: z.string({ message: 'must be text' }).max(200, 'must be at most 200 characters').default(''),
    range: z
      .object({ preset: z.enum(['any', 'today', '7d', '30d', 'custom'], { message: 'must be any, today, 7d, 30d or custom' }), fromDay: day, toDay: day })
      .strict()
      .default({ preset: 'any', fromDay: '', toDay: '' }),
    tags: z.array(z.string().trim().min(1).max(64)).max(20, 'at most 20 tags').default([]),
    sort: z.enum(ORDER_SORTS, { message: 'must be one of the list sorts' }),
    columns: z
      .array(z.enum(ORDER_COLUMNS, { message: `must be one of ${ORDER_COLUMNS.join(', ')}` }))
      .max(ORDER_COLUMNS.length)
      .refine((c) => new Set(c).size === c.length, 'lists a column twice')
      .default([...ORDER_COLUMNS]),
  })
  .strict();
export type SavedViewSpec = z.output<typeof SavedViewSpec>;

const viewName = z
  .string({ message: 'must be text' })
  .trim()
  .min(1, 'give the view a name')
  .max(60, 'must be at most 60 characters')
  .regex(/^[^\p{Cc}]+$/u, 'may not contain control characters');

export interface SavedView {
  id: number;
  name: string;
  spec: SavedViewSpec;
  updatedAt: string;
}

export type ExceptionCounts = Record<ExceptionReason, number>;

/** Personal queue views (each user sees only their own) and the Exceptions breakdown. */
export const orderViewMethods = {
  'orders.views.list': method<SavedView[]>()({
    input: noInput(),
    permission: 'orders.read',
    summary: 'Your saved queue views (filters, sort, columns), by name.',
  }),
  'orders.views.save': method<SavedView>()({
    input: z
      .object({
        /** Given: rename/overwrite that view (it must be yours); absent: a new view, or overwrite yours of the same name. */
        id: id.optional(),
        name: viewName,
        spec: SavedViewSpec,
      })
      .strict(),
    permission: 'orders.read',
    summary: 'Save the current queue view under a name (new, overwrite by name, or rename/update by id). At most 50 views per user.',
  }),
  'orders.views.delete': method<{ deleted: true }>()({
    input: z.object({ id }).strict(),
    permission: 'orders.read',
    summary: 'Delete one of your saved views.',
  }),
  'orders.exceptionCounts': method<ExceptionCounts>()({
    input: noInput(),
    permission: 'orders.read',
    summary: 'Live count of the Exceptions queue per reason (payment pending/failed, address problem, not enough stock, sync error).',
  }),
} as const;
