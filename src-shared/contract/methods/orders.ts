import { z } from 'zod';
import type { OrderDetail, OrderSummary, QueueView } from '../../orders';
import { EXCEPTION_REASONS, ORDER_SORTS, QUEUE_VIEWS } from '../../orders';
import { id, isoDate, method, noInput } from './common';

/** The filters a queue view can apply; shared by orders.list and orders.count. */
const orderFilters = {
  /** A queue, "unfulfilled" (a view over the open queues: src-shared/orders.ts) or "all". */
  queue: z.enum(QUEUE_VIEWS, { message: 'must be a queue name, "unfulfilled" or "all"' }).default('all'),
  /** Only orders in Exceptions for this reason (counted exactly, like a queue). */
  exceptionReason: z.enum(EXCEPTION_REASONS, { message: 'must be an exception reason' }).optional(),
  search: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  tags: z.array(z.string().trim().min(1).max(64)).max(20, 'at most 20 tags').optional(),
};

export const CountOrdersInput = z.object(orderFilters).strict();
export type CountOrdersInput = z.input<typeof CountOrdersInput>;

export const ListOrdersInput = z
  .object({
    ...orderFilters,
    sort: z.enum(ORDER_SORTS).default('newest'),
    /**
     * false: do not count filtered results here (total is null unless it is free,
     * i.e. a whole queue); the UI asks orders.count separately so the rows never wait for it.
     */
    withTotal: z.boolean({ message: 'must be true or false' }).default(true),
    limit: z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ListOrdersInput = z.input<typeof ListOrdersInput>;

export interface OrderCount {
  total: number;
  /** True when the count was capped for speed: "10,000+" rather than an exact count. */
  totalIsLowerBound: boolean;
}

export interface ListOrdersResult {
  items: OrderSummary[];
  nextCursor: string | null;
  /** null only when `withTotal: false` and counting would cost real work. */
  total: number | null;
  totalIsLowerBound: boolean;
}

/** Every queue's count, plus "all" and "unfulfilled" (sums of queue counts, never a scan). */
export type QueueCounts = Record<QueueView, number>;

/** Reading the order queues. */
export const orderMethods = {
  'orders.list': method<ListOrdersResult>()({
    input: ListOrdersInput,
    permission: 'orders.read',
    summary: 'One page of a queue, with search, date range, tags and sort; keyset paging.',
  }),
  'orders.count': method<OrderCount>()({
    input: CountOrdersInput,
    permission: 'orders.read',
    summary: 'How many orders match a queue view’s filters (capped at 10,000); asked after the first page is shown.',
  }),
  'orders.counts': method<QueueCounts>()({
    input: noInput(),
    permission: 'orders.read',
    summary: 'Live count of every queue.',
  }),
  'orders.get': method<OrderDetail>()({
    input: z.object({ id }).strict(),
    permission: 'orders.read',
    summary: 'One order with lines, customer, address, payment, fulfilments and timeline.',
  }),
} as const;
