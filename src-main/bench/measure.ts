import type { CallReply, ListOrdersResult } from '../../src-shared/contract';
import { createCore, type Core } from '../core/core';
import { measureOrderActions } from './order-actions';
import { measureDuplicates } from './duplicates';
import { measureQueuePages } from './queue-pages';
import { emit, percentile, progress } from './report';
import { searchSamples } from './samples';

/**
 * The query measures, run in a fresh process that only opened the workspace,
 * so its memory is the core's and not the generator's. Every call goes
 * through `core.call`: validation, session check, permission, handler.
 */

export async function login(core: Core): Promise<string> {
  const reply = await core.call({ method: 'auth.login', input: { username: 'owner', password: 'demo' }, token: null, client: 'bench' });
  if (!reply.ok) throw new Error(`bench login failed: ${reply.error.code} ${reply.error.message}`);
  return (reply.result as { token: string }).token;
}

async function timed<T>(fn: () => Promise<CallReply<T>>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const reply = await fn();
  const ms = performance.now() - t0;
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return { ms, result: reply.result };
}

/** `only: 'queue'`: the queue pages, filtered and live counts only (see args.ts). */
export async function runMeasures(dir: string, only: 'queue' | null = null): Promise<void> {
  const core = createCore({ workspaceDir: dir });
  try {
    const token = await login(core);
    const call = <T>(method: string, input: unknown) => timed<T>(() => core.call({ method, input, token, client: 'bench' }) as Promise<CallReply<T>>);
    const orders = (core.store.sqlite.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
    const newest = (core.store.sqlite.prepare('SELECT max(created_at) AS t FROM orders').get() as { t: string }).t;
    const newestMs = Date.parse(newest);

    // Warm the statement cache and the page cache the way a user's first clicks would.
    for (let i = 0; i < 3; i++) await call('orders.list', { limit: 50 });

    await measureQueuePages(call, orders, newestMs);

    // ── live counts ──
    const countMs: number[] = [];
    for (let i = 0; i < 200; i++) countMs.push((await call('orders.counts', {})).ms);
    emit('queue_counts_ms', percentile(countMs, 95), 'ms', orders, { stat: 'p95', samples: countMs.length, p50: round(percentile(countMs, 50)) });
    if (only === 'queue') return;

    // ── search: terms sampled from the data ──
    const samples = searchSamples(core.store.sqlite, 20);
    const searchMs: number[] = [];
    const byKind = new Map<string, number[]>();
    const slowSearch: { ms: number; what: string }[] = [];
    const misses: string[] = [];
    for (const s of samples) {
      const { ms, result } = await call<ListOrdersResult>('orders.list', { search: s.text, limit: 50, withTotal: false });
      searchMs.push(ms);
      byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), ms]);
      slowSearch.push({ ms, what: `${s.kind} "${s.text}"` });
      if (result.items.length === 0) misses.push(`${s.kind} "${s.text}"`);
    }
    slowSearch.sort((a, b) => b.ms - a.ms);
    progress(`slowest searches: ${slowSearch.slice(0, 6).map((s) => `${s.what} ${s.ms.toFixed(1)} ms`).join(', ')}`);
    const perKind = Object.fromEntries([...byKind].map(([k, v]) => [k, round(percentile(v, 95))]));
    emit('search_p95_ms', percentile(searchMs, 95), 'ms', orders, { samples: searchMs.length, p50: round(percentile(searchMs, 50)), p95ByKind: perKind, noHits: misses.length, noHitExamples: misses.slice(0, 3) });
    emit('search_max_ms', Math.max(...searchMs), 'ms', orders, { what: slowSearch[0]?.what });

    // ── order actions (writes; last, so the read measures see the fixture as generated) ──
    await measureOrderActions(core, token, orders);

    // ── memory of a core that has served the queue, search and order work ──
    const rss = () => {
      (globalThis as { gc?: () => void }).gc?.();
      return { rssMb: process.memoryUsage().rss / 1_048_576, heapUsedMb: round(process.memoryUsage().heapUsed / 1_048_576) };
    };
    const served = rss();
    emit('core_rss_mb', served.rssMb, 'MB', orders, { heapUsedMb: served.heapUsedMb, after: 'queue pages, counts, search, bulk actions, fulfil' });

    // ── customers: the duplicate scan and a CSV import are the heaviest jobs; memory after them is reported too ──
    await measureDuplicates(core, token, orders);
    const afterScan = rss();
    emit('core_rss_after_customer_jobs_mb', afterScan.rssMb, 'MB', orders, { heapUsedMb: afterScan.heapUsedMb, after: 'full duplicate scan of every customer and a 100,000-row CSV import' });
  } finally {
    core.close();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
