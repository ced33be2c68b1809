import type { ExceptionCounts, ListOrdersResult, OrderCount, ParsedInputOf, QueueCounts } from '../../../src-shared/contract';
import { EXCEPTION_REASONS, QUEUES, UNFULFILLED_QUEUES, queuesOf, type OrderSort, type Queue } from '../../../src-shared/orders';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db/open';
import { decodeCursor, encodeCursor } from './cursor';
import { splitSkuTerms, toFtsQuery } from './fts-query';
import { createNumberBounds, type NumberWalk } from './number-bounds';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './summary-row';

type ListInput = ParsedInputOf<'orders.list'>;
type FilterInput = ParsedInputOf<'orders.count'>;

/**
 * Each sort: its key column, direction, whether id breaks ties (number is unique),
 * and its indexes. `all: null`: "All" in that order is the merge of every queue's
 * page (see list), which spares every write the upkeep of one more index.
 */
const SORTS: Record<OrderSort, { column: string; dir: 'ASC' | 'DESC'; tieById: boolean; index: { all: string | null; queue: string } }> = {
  newest: { column: 'created_at', dir: 'DESC', tieById: true, index: { all: 'orders_created', queue: 'orders_q_created' } },
  oldest: { column: 'created_at', dir: 'ASC', tieById: true, index: { all: 'orders_created', queue: 'orders_q_created' } },
  total_desc: { column: 'total_minor', dir: 'DESC', tieById: true, index: { all: null, queue: 'orders_q_total' } },
  total_asc: { column: 'total_minor', dir: 'ASC', tieById: true, index: { all: null, queue: 'orders_q_total' } },
  number_desc: { column: 'number', dir: 'DESC', tieById: false, index: { all: 'orders_number', queue: 'orders_q_number' } },
  number_asc: { column: 'number', dir: 'ASC', tieById: false, index: { all: 'orders_number', queue: 'orders_q_number' } },
  customer_asc: { column: 'customer_name', dir: 'ASC', tieById: true, index: { all: null, queue: 'orders_q_customer' } },
};

/**
 * Above this many full-text matches, fetching every match and sorting it costs
 * hundreds of milliseconds at a million orders; walking the sort's index and
 * keeping the rows that match stops after one page instead.
 */
const BROAD_SEARCH = 3_000;

/**
 * A date range holding more than this many orders is read in the sort's own
 * index order, checking dates as it goes, so the page is found without sorting
 * the whole range; a narrower one may be read through the date index and sorted
 * when that costs less (chooseIndex).
 */
const NARROW_DATES = 5_000;

/** Counting stops here: "10,000+" is as useful to a person as an exact figure, and far cheaper. */
export const TOTAL_CAP = 10_000;

export function createOrderQueries(sqlite: Sqlite, opts: { broadSearch?: number; narrowDates?: number } = {}) {
  const broadAbove = opts.broadSearch ?? BROAD_SEARCH;
  const narrowDates = opts.narrowDates ?? NARROW_DATES;
  // Statements are prepared once per distinct SQL shape (there are few: sort × which filters are present).
  const cache = new Map<string, Statement<unknown[]>>();
  const prepared = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = sqlite.prepare<unknown[]>(sql)));
    return s;
  };
  const indexExists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").pluck();
  const countsStmt = sqlite.prepare('SELECT queue, count FROM queue_counts');
  const exceptionCountsStmt = sqlite.prepare<[], { reason: string; count: number }>('SELECT reason, count FROM exception_counts');
  const skuExists = sqlite.prepare('SELECT 1 FROM order_lines WHERE upper(sku) >= ? AND upper(sku) < ? LIMIT 1');
  const skuCount = sqlite.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM order_lines WHERE upper(sku) >= ? AND upper(sku) < ? LIMIT ?)');
  const datesInAll = sqlite.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM orders INDEXED BY orders_created WHERE created_at >= ? AND created_at < ? LIMIT ?)');
  const datesInQueue = sqlite.prepare(
    'SELECT count(*) AS n FROM (SELECT 1 FROM orders INDEXED BY orders_q_created WHERE queue = ? AND created_at >= ? AND created_at < ? LIMIT ?)',
  );
  const broadSearch = sqlite.prepare('SELECT count(*) AS n FROM (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ? LIMIT ?)');
  const numberWalk = createNumberBounds(sqlite, narrowDates);
  const tagSize = sqlite.prepare('SELECT count(*) FROM (SELECT 1 FROM order_tags WHERE tag = ? LIMIT ?)').pluck();

  /** Every queue from queue_counts (7 rows); "all" and "unfulfilled" are sums of them, so they are as live as the queues. */
  function counts(): QueueCounts {
    const out = { all: 0, unfulfilled: 0 } as QueueCounts;
    for (const q of QUEUES) out[q] = 0;
    for (const r of countsStmt.all() as { queue: Queue; count: number }[]) {
      out[r.queue] = r.count;
      out.all += r.count;
    }
    for (const q of UNFULFILLED_QUEUES) out.unfulfilled += out[q];
    return out;
  }

  /** The Exceptions queue per reason, from the trigger-kept exception_counts table (a 5-row read). */
  function exceptionCounts(): ExceptionCounts {
    const out = {} as ExceptionCounts;
    for (const r of EXCEPTION_REASONS) out[r] = 0;
    for (const r of exceptionCountsStmt.all()) if (r.reason in out) out[r.reason as keyof ExceptionCounts] = r.count;
    return out;
  }

  /**
   * WHERE terms for the filters; null when the search has nothing searchable.
   * `broad`: the search matches more than `broadAbove` orders (see BROAD_SEARCH).
   */
  function filterTerms(input: FilterInput): { where: string[]; params: (string | number)[]; broad: boolean } | null {
    let fts: string | null = null;
    // The smallest candidate set among the search's parts bounds what it can match.
    let searchSize = Infinity;
    const where: string[] = [];
    const params: (string | number)[] = [];

    // Always the first term when present: list() swaps it for one member queue at a time.
    const members = queuesOf(input.queue);
    if (members) {
      where.push(members.length === 1 ? 'queue = ?' : `queue IN (${members.map(() => '?').join(', ')})`);
      params.push(...members);
    }
    if (input.exceptionReason) {
      where.push('exception_reason = ?');
      params.push(input.exceptionReason);
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
      // Correlated EXISTS, not IN (…): the plan then walks the queue/sort index and
      // probes order_tags per row, instead of fetching every order with a common tag.
      where.push('EXISTS (SELECT 1 FROM order_tags t WHERE t.tag = ? AND t.order_id = orders.id)');
      params.push(tag);
    }
    if (input.search) {
      // SKU-like terms go to the SKU index when some SKU starts with them; the rest is full text.
      const { skus, rest } = splitSkuTerms(input.search);
      const ftsText = [rest];
      let skuMatched = false;
      for (const sku of skus) {
        if (skuExists.get(sku, `${sku}\uffff`)) {
          skuMatched = true;
          searchSize = Math.min(searchSize, (skuCount.get(sku, `${sku}\uffff`, broadAbove + 1) as { n: number }).n);
          where.push('id IN (SELECT order_id FROM order_lines WHERE upper(sku) >= ? AND upper(sku) < ?)');
          params.push(sku, `${sku}\uffff`);
        } else ftsText.push(sku);
      }
      fts = toFtsQuery(ftsText.join(' '));
      if (!fts && !skuMatched) return null;
      if (fts) {
        searchSize = Math.min(searchSize, (broadSearch.get(fts, broadAbove + 1) as { n: number }).n);
        where.push('id IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?)');
        params.push(fts);
      }
    }
    return { where, params, broad: Number.isFinite(searchSize) && searchSize > broadAbove };
  }

  /** A reason narrows the Exceptions queue (an order on hold may carry a reason too; it is not in the breakdown). */
  function withReasonQueue<T extends FilterInput>(input: T): T {
    return input.exceptionReason && input.queue === 'all' ? { ...input, queue: 'exceptions' } : input;
  }

  /** Exact when it is free (a whole queue: queue_counts), otherwise counted up to TOTAL_CAP. */
  function count(raw: FilterInput): OrderCount {
    const input = withReasonQueue(raw);
    const terms = filterTerms(input);
    if (!terms) return { total: 0, totalIsLowerBound: false };
    const free = freeTotal(input, terms.where);
    if (free !== null) return { total: free, totalIsLowerBound: false };
    const tag = drivingTag(input);
    // A tag rarer than the queue drives the count: its order_tags entries are walked and each
    // order checked, instead of walking the queue and probing every order for the tag
    // (fulfilled + "gift" at 1M orders: ≈340,000 probes to find 10,001 matches).
    // All orders filtered by tags alone never needs an orders row: order_tags answers it
    // (reading orders rows by id, scattered over the whole table, was the slow part).
    const tagsOnly = tag !== null && input.queue === 'all' && !input.exceptionReason;
    const from = tag === null ? 'orders' : tagsOnly ? 'order_tags t0' : 'order_tags t0 CROSS JOIN orders ON orders.id = t0.order_id';
    // (With tags alone, every term is a tag's EXISTS on orders.id: the same test on t0's order.)
    const where = tag === null ? terms.where : ['t0.tag = ?', ...(tagsOnly ? terms.where.map((w) => w.replace('orders.id', 't0.order_id')) : terms.where)];
    const params = tag === null ? terms.params : [tag, ...terms.params];
    const n = (prepared(`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where.join(' AND ')} LIMIT ${TOTAL_CAP + 1})`).get(...params) as { n: number }).n;
    return { total: Math.min(n, TOTAL_CAP), totalIsLowerBound: n > TOTAL_CAP };
  }

  /** The rarest tag of a count filtered by tags only (no dates, no search), if it is rarer than the queue. */
  function drivingTag(input: FilterInput): string | null {
    if (!input.tags?.length || input.from || input.to || input.search) return null;
    const c = counts();
    const size = (queuesOf(input.queue) ?? ['all' as const]).reduce((n, q) => n + c[q], 0);
    let best: { tag: string; n: number } | null = null;
    for (const tag of new Set(input.tags)) {
      const n = tagSize.get(tag, size) as number;
      if (n < size && (!best || n < best.n)) best = { tag, n };
    }
    return best?.tag ?? null;
  }

  function freeTotal(input: FilterInput, where: string[]): number | null {
    if (input.exceptionReason) return where.length === 2 && input.queue === 'exceptions' ? exceptionCounts()[input.exceptionReason] : null;
    if (where.length === 0 || (where.length === 1 && input.queue !== 'all')) return counts()[input.queue];
    return null;
  }

  /**
   * The planner cannot know how orders spread over dates, tags and sort keys, and
   * at a million orders a wrong guess costs hundreds of milliseconds; so for the
   * two shapes where it matters the choice is made here from cheap, capped counts.
   */
  function chooseIndex(input: ListInput & { queue: Queue | 'all' }, broadSearch: boolean, walk: NumberWalk): string | null {
    const sort = SORTS[input.sort];
    const byQueue = input.queue !== 'all';
    if (broadSearch) return byQueue ? sort.index.queue : sort.index.all;
    if (input.search || (!input.from && !input.to) || sort.column === 'created_at') return null;
    const from = input.from ? new Date(input.from).toISOString() : '';
    const to = input.to ? new Date(input.to).toISOString() : '\uffff';
    const datesBetween = (a: string, b: string) =>
      (byQueue ? datesInQueue.get(input.queue, a, b, narrowDates + 1) : datesInAll.get(a, b, narrowDates + 1)) as { n: number };
    const dateIndex = byQueue ? 'orders_q_created' : 'orders_created';
    const sortIndex = byQueue ? sort.index.queue : sort.index.all;
    // By number, the walk starts at the range's bound (number-bounds.ts) unless numbers
    // stray so far from time there that reading the range by date and sorting it is cheaper.
    if (sort.column === 'number') return walk === 'far' ? dateIndex : sortIndex;
    const inRange = datesBetween(from, to).n;
    if (inRange > narrowDates) return sortIndex;
    // Both are cheap to read now; pick by cost. The sort index holds created_at, so its walk
    // checks dates without reading rows and passes about (page × queue size ÷ rows in range)
    // index entries; the date index reads every row in the range (≈10 entries' worth each) and sorts them.
    const size = input.queue === 'all' ? counts().all : counts()[input.queue];
    return inRange * inRange * 10 <= (input.limit + 1) * size ? dateIndex : sortIndex;
  }

  function list(raw: ListInput): ListOrdersResult {
    const input = withReasonQueue(raw);
    const sort = SORTS[input.sort];
    const terms = filterTerms(input);
    if (!terms) return { items: [], nextCursor: null, total: 0, totalIsLowerBound: false };

    const after: string[] = [];
    const afterParams: (string | number)[] = [];
    const op = sort.dir === 'DESC' ? '<' : '>';
    const c = input.cursor ? decodeCursor(input.cursor, input.sort) : null;
    const dated = !input.search && (input.from || input.to);
    const walk = sort.column === 'number' && dated ? numberWalk(input.from ? new Date(input.from).toISOString() : null, input.to ? new Date(input.to).toISOString() : null, sort.dir) : null;
    if (walk && walk !== 'far') {
      // One bound on the number index: the cursor or the range's start, whichever is further along.
      const start = sort.dir === 'ASC' ? walk.start - 1 : walk.start + 1;
      const key = c ? (sort.dir === 'ASC' ? Math.max(Number(c.key), start) : Math.min(Number(c.key), start)) : start;
      after.push(`number ${op} ?`);
      afterParams.push(key);
    } else if (c) {
      if (sort.tieById) {
        after.push(`(${sort.column}, id) ${op} (?, ?)`);
        afterParams.push(c.key, c.id);
      } else {
        after.push(`${sort.column} ${op} ?`);
        afterParams.push(c.key);
      }
    }

    const orderSql = sort.tieById ? `${sort.column} ${sort.dir}, id ${sort.dir}` : `${sort.column} ${sort.dir}`;
    const viewed = queuesOf(input.queue);
    // "All" in an order no index of its own serves: merge every queue's page like a view.
    const members = viewed ?? (sort.index.all === null ? QUEUES : null);
    const select = (queue: Queue | 'all', where: string[]) => {
      const index = chooseIndex({ ...input, queue }, terms.broad, walk);
      // A first import may have the queue indexes off for a while (sync/bulk-load.ts): naming a missing one is an error, so the planner picks then.
      const hint = index && indexExists.get(index) !== undefined ? ` INDEXED BY ${index}` : '';
      return `SELECT ${SUMMARY_COLUMNS} FROM orders${hint} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderSql} LIMIT ?`;
    };
    let rows: SummaryRow[];
    if (members && members.length > 1 && (!input.search || terms.broad)) {
      // A view over several queues (Unfulfilled): no index yields "queue IN (…)" in sort
      // order, so SQLite would sort every open order for each page. Instead each member
      // queue gives its own next page from its (queue, sort key) range, and the union
      // is cut to one page: exact keyset paging, at most members × (limit + 1) rows read.
      // A narrow search skips this: its few matches are fetched and sorted in one go.
      const rest = viewed ? terms.where.slice(1) : terms.where;
      const restParams = viewed ? terms.params.slice(members.length) : terms.params;
      const arms = members.map((q) => `SELECT * FROM (${select(q, ['queue = ?', ...rest, ...after])})`);
      const params = members.flatMap((q) => [q, ...restParams, ...afterParams, input.limit + 1]);
      rows = prepared(`${arms.join(' UNION ALL ')} ORDER BY ${orderSql} LIMIT ?`).all(...params, input.limit + 1) as SummaryRow[];
    } else {
      const queue = members?.length === 1 ? members[0]! : 'all';
      rows = prepared(select(queue, [...terms.where, ...after])).all(...terms.params, ...afterParams, input.limit + 1) as SummaryRow[];
    }

    const more = rows.length > input.limit;
    const page = more ? rows.slice(0, input.limit) : rows;
    const last = page[page.length - 1];
    const nextCursor =
      more && last ? encodeCursor({ sort: input.sort, key: (last as unknown as Record<string, string | number>)[sort.column] as string | number, id: last.id }) : null;

    const free = freeTotal(input, terms.where);
    const { total, totalIsLowerBound } =
      free !== null ? { total: free, totalIsLowerBound: false } : input.withTotal ? count(input) : { total: null, totalIsLowerBound: false };

    return { items: page.map(toSummary), nextCursor, total, totalIsLowerBound };
  }

  return { list, count, counts, exceptionCounts };
}
export type OrderQueries = ReturnType<typeof createOrderQueries>;
