import type { ListOrdersResult, ParsedInputOf, QueueCounts } from '../../../src-shared/contract';
import { QUEUES, type OrderSort, type OrderSummary, type Queue } from '../../../src-shared/orders';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db/open';
import { decodeCursor, encodeCursor } from './cursor';
import { toFtsQuery } from './fts-query';

type ListInput = ParsedInputOf<'orders.list'>;

/** Each sort: its key column, direction, and whether id breaks ties (number is unique). */
const SORTS: Record<OrderSort, { column: string; dir: 'ASC' | 'DESC'; tieById: boolean }> = {
  newest: { column: 'created_at', dir: 'DESC', tieById: true },
  oldest: { column: 'created_at', dir: 'ASC', tieById: true },
  total_desc: { column: 'total_minor', dir: 'DESC', tieById: true },
  total_asc: { column: 'total_minor', dir: 'ASC', tieById: true },
  number_desc: { column: 'number', dir: 'DESC', tieById: false },
  number_asc: { column: 'number', dir: 'ASC', tieById: false },
  customer_asc: { column: 'customer_name', dir: 'ASC', tieById: true },
};

/** Counting stops here: "10,000+" is as useful to a person as an exact figure, and far cheaper. */
export const TOTAL_CAP = 10_000;

const SUMMARY_COLUMNS = `id, number, name, created_at, customer_name, email, total_minor, currency, financial_status,
  fulfillment_status, queue, exception_reason, item_count, tags, ship_country`;

interface SummaryRow {
  id: number;
  number: number;
  name: string;
  created_at: string;
  customer_name: string;
  email: string | null;
  total_minor: number;
  currency: string;
  financial_status: OrderSummary['financialStatus'];
  fulfillment_status: OrderSummary['fulfillmentStatus'];
  queue: Queue;
  exception_reason: OrderSummary['exceptionReason'];
  item_count: number;
  tags: string;
  ship_country: string | null;
}

export const toSummary = (r: SummaryRow): OrderSummary => ({
  id: r.id,
  number: r.number,
  name: r.name,
  createdAt: r.created_at,
  customerName: r.customer_name,
  email: r.email,
  totalMinor: r.total_minor,
  currency: r.currency,
  financialStatus: r.financial_status,
  fulfillmentStatus: r.fulfillment_status,
  queue: r.queue,
  exceptionReason: r.exception_reason,
  itemCount: r.item_count,
  tags: r.tags ? r.tags.split(',') : [],
  shipCountry: r.ship_country,
});

export function createOrderQueries(sqlite: Sqlite) {
  // Statements are prepared once per distinct SQL shape (there are few: sort × which filters are present).
  const cache = new Map<string, Statement<unknown[]>>();
  const prepared = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = sqlite.prepare<unknown[]>(sql)));
    return s;
  };
  const countsStmt = sqlite.prepare('SELECT queue, count FROM queue_counts');

  function counts(): QueueCounts {
    const out = { all: 0 } as QueueCounts;
    for (const q of QUEUES) out[q] = 0;
    for (const r of countsStmt.all() as { queue: Queue; count: number }[]) {
      out[r.queue] = r.count;
      out.all += r.count;
    }
    return out;
  }

  function list(input: ListInput): ListOrdersResult {
    const sort = SORTS[input.sort];
    const where: string[] = [];
    const params: (string | number)[] = [];

    if (input.queue !== 'all') {
      where.push('queue = ?');
      params.push(input.queue);
    }
    if (input.from) {
      where.push('created_at >= ?');
      params.push(new Date(input.from).toISOString());
    }
    if (input.to) {
      where.push('created_at < ?');
      params.push(new Date(input.to).toISOString());
    }
    for (const tag of new Set(input.tags ?? [])) {
      where.push('id IN (SELECT order_id FROM order_tags WHERE tag = ?)');
      params.push(tag);
    }
    const fts = input.search ? toFtsQuery(input.search) : null;
    if (input.search && !fts) {
      return { items: [], nextCursor: null, total: 0, totalIsLowerBound: false };
    }
    if (fts) {
      where.push('id IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?)');
      params.push(fts);
    }
    const filterWhere = [...where];
    const filterParams = [...params];

    if (input.cursor) {
      const c = decodeCursor(input.cursor, input.sort);
      const op = sort.dir === 'DESC' ? '<' : '>';
      if (sort.tieById) {
        where.push(`(${sort.column}, id) ${op} (?, ?)`);
        params.push(c.key, c.id);
      } else {
        where.push(`${sort.column} ${op} ?`);
        params.push(c.key);
      }
    }

    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const orderSql = sort.tieById ? `${sort.column} ${sort.dir}, id ${sort.dir}` : `${sort.column} ${sort.dir}`;
    const rows = prepared(`SELECT ${SUMMARY_COLUMNS} FROM orders ${whereSql} ORDER BY ${orderSql} LIMIT ?`).all(...params, input.limit + 1) as SummaryRow[];

    const more = rows.length > input.limit;
    const page = more ? rows.slice(0, input.limit) : rows;
    const last = page[page.length - 1];
    const nextCursor =
      more && last ? encodeCursor({ sort: input.sort, key: (last as unknown as Record<string, string | number>)[sort.column] as string | number, id: last.id }) : null;

    let total: number;
    let totalIsLowerBound = false;
    if (filterWhere.length === 0 || (filterWhere.length === 1 && input.queue !== 'all')) {
      const c = counts();
      total = c[input.queue];
    } else {
      const n = (
        prepared(`SELECT count(*) AS n FROM (SELECT 1 FROM orders WHERE ${filterWhere.join(' AND ')} LIMIT ${TOTAL_CAP + 1})`).get(...filterParams) as { n: number }
      ).n;
      totalIsLowerBound = n > TOTAL_CAP;
      total = Math.min(n, TOTAL_CAP);
    }

    return { items: page.map(toSummary), nextCursor, total, totalIsLowerBound };
  }

  return { list, counts };
}
export type OrderQueries = ReturnType<typeof createOrderQueries>;
