import type { ListOrdersInput, ListOrdersResult } from '../../src-shared/contract';
import { ORDER_SORTS, QUEUE_VIEWS } from '../../src-shared/orders';
import { emit, percentile, progress } from './report';

type Call = <T>(method: string, input: unknown) => Promise<{ ms: number; result: T }>;

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Queue pages as the UI asks for them: every tab (each queue, Unfulfilled and
 * All) × every sort × the filters, first page and three keyset pages; then the
 * filtered counts the UI asks for after the rows. Prints the slowest shapes so
 * a regression names the page that caused it.
 */
export async function measureQueuePages(call: Call, orders: number, newestMs: number): Promise<void> {
  const filters: { name: string; input: Partial<ListOrdersInput> }[] = [
    { name: 'none', input: {} },
    { name: 'date', input: { from: new Date(newestMs - 90 * 86_400_000).toISOString(), to: new Date(newestMs - 60 * 86_400_000).toISOString() } },
    { name: 'tag', input: { tags: ['gift'] } },
    { name: 'date+tag', input: { from: new Date(newestMs - 120 * 86_400_000).toISOString(), to: new Date(newestMs).toISOString(), tags: ['priority'] } },
  ];
  const pageMs: number[] = [];
  const slowest: { ms: number; what: string }[] = [];
  for (const queue of QUEUE_VIEWS) {
    for (const sort of ORDER_SORTS) {
      for (const f of filters) {
        let cursor: string | undefined;
        for (let page = 0; page < 4; page++) {
          // As the UI asks: rows without the filtered count (measured below as orders.count).
          const { ms, result } = await call<ListOrdersResult>('orders.list', { queue, sort, limit: 50, withTotal: false, ...f.input, ...(cursor ? { cursor } : {}) });
          pageMs.push(ms);
          slowest.push({ ms, what: `${queue}/${sort}/${f.name}/page${page + 1}` });
          if (!result.nextCursor) break;
          cursor = result.nextCursor;
        }
      }
    }
  }
  slowest.sort((a, b) => b.ms - a.ms);
  progress(`slowest queue pages: ${slowest.slice(0, 12).map((s) => `${s.what} ${s.ms.toFixed(1)} ms`).join(', ')}`);
  emit('queue_page_p95_ms', percentile(pageMs, 95), 'ms', orders, { samples: pageMs.length, p50: round(percentile(pageMs, 50)), p99: round(percentile(pageMs, 99)) });
  emit('queue_page_max_ms', Math.max(...pageMs), 'ms', orders, { what: slowest[0]?.what });

  // ── filtered counts (orders.count, asked by the UI after the first page) ──
  const filteredCountMs: number[] = [];
  const slowCounts: { ms: number; what: string }[] = [];
  for (const queue of QUEUE_VIEWS) {
    for (const f of filters.slice(1)) {
      const { ms } = await call('orders.count', { queue, ...f.input });
      filteredCountMs.push(ms);
      slowCounts.push({ ms, what: `${queue}/${f.name}` });
    }
  }
  slowCounts.sort((a, b) => b.ms - a.ms);
  emit('filtered_count_p95_ms', percentile(filteredCountMs, 95), 'ms', orders, {
    samples: filteredCountMs.length,
    p50: round(percentile(filteredCountMs, 50)),
    slowest: slowCounts.slice(0, 3).map((s) => `${s.what} ${s.ms.toFixed(1)} ms`),
  });
}
