import type { Sqlite } from '../../db/open';

/**
 * Where a list sorted by order number should start walking the number index
 * when a date range is set.
 *
 * Order numbers grow with time, but not strictly (imports, orders created
 * elsewhere), so the range's orders cannot be assumed to sit between the
 * numbers of its first and last order. order_number_hours (kept by trigger,
 * migration 0012) holds the smallest and largest number created in each hour;
 * over the hours the range touches they bound every number in the range
 * exactly, so the walk can start there — not at the first order ever, which at
 * 1M orders meant crossing hundreds of thousands of orders outside the range.
 *
 * The bound is tight when numbers follow time (the usual case): the walk then
 * crosses only the orders of the range's first hour that fall before it. When
 * they do not, the number index holds many orders between the bound and the
 * range; `walkStart` counts them (capped) and says "far", and the caller reads
 * the range through the date index and sorts it instead.
 */
export type NumberWalk = { start: number } | 'far' | null;

export function createNumberBounds(sqlite: Sqlite, narrow: number) {
  const hours = sqlite.prepare<[string, string], { lo: number | null; hi: number | null }>(
    'SELECT min(min_number) AS lo, max(max_number) AS hi FROM order_number_hours WHERE hour >= ? AND hour <= ?',
  );
  const firstFrom = sqlite.prepare<[string], number>('SELECT number FROM orders INDEXED BY orders_created WHERE created_at >= ? ORDER BY created_at, id LIMIT 1').pluck();
  const lastBefore = sqlite.prepare<[string], number>('SELECT number FROM orders INDEXED BY orders_created WHERE created_at < ? ORDER BY created_at DESC, id DESC LIMIT 1').pluck();
  const numbersIn = sqlite.prepare<[number, number, number], number>('SELECT count(*) FROM (SELECT 1 FROM orders INDEXED BY orders_number WHERE number >= ? AND number <= ? LIMIT ?)').pluck();

  /** `from`/`to`: the range as ISO strings (to exclusive); `dir`: the sort's direction. */
  return function walkStart(from: string | null, to: string | null, dir: 'ASC' | 'DESC'): NumberWalk {
    // Walking up from the smallest number, or down from the largest, meets the range's
    // open end first: nothing to skip.
    if (dir === 'ASC' ? from === null : to === null) return null;
    // An hour key is a prefix of created_at, and prefixes keep the order of the strings
    // they cut, so every order in [from, to) has its hour in [from's hour, to's hour].
    const b = hours.get(from ? from.slice(0, 13) : '', to ? to.slice(0, 13) : '\uffff');
    // No hour in reach holds an order: the range is empty, and a walk from past the end finds nothing.
    if (!b || b.lo === null || b.hi === null) return { start: dir === 'ASC' ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER };
    if (dir === 'ASC') {
      const first = firstFrom.get(from as string);
      const skipped = first === undefined || first <= b.lo ? 0 : numbersIn.get(b.lo, first - 1, narrow + 1)!;
      return skipped > narrow ? 'far' : { start: b.lo };
    }
    const last = lastBefore.get(to as string);
    const skipped = last === undefined || last >= b.hi ? 0 : numbersIn.get(last + 1, b.hi, narrow + 1)!;
    return skipped > narrow ? 'far' : { start: b.hi };
  };
}
