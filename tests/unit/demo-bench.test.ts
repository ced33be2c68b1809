import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseBenchArgs } from '../../src-main/bench/args';
import { ensureFixture } from '../../src-main/bench/fixture';
import { runMeasures } from '../../src-main/bench/measure';
import { emit, percentile, type MeasureLine } from '../../src-main/bench/report';

/**
 * The bench's own plumbing on a small demo workspace (the 1M-order run is
 * `npm run bench`; no timing is asserted here, only that every measure is
 * produced through the real core and login).
 */

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function captureStdout<T>(fn: () => Promise<T>): Promise<{ result: T; lines: MeasureLine[] }> {
  const lines: MeasureLine[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as MeasureLine);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return fn()
    .then((result) => ({ result, lines }))
    .finally(() => {
      spy.mockRestore();
      err.mockRestore();
    });
}

describe('bench plumbing', () => {
  it('parses its flags', () => {
    expect(parseBenchArgs([])).toEqual({ orders: 1_000_000, seed: 42, keep: null, measure: null, coldStart: null, syncIngest: null, duplicates: null, only: null });
    expect(parseBenchArgs(['--measure', '/tmp/bench-1m', '--only', 'queue'])).toMatchObject({ measure: '/tmp/bench-1m', only: 'queue' });
    expect(() => parseBenchArgs(['--only', 'search'])).toThrow(/--only takes "queue"/);
    expect(parseBenchArgs(['--duplicates', '250_000'])).toMatchObject({ duplicates: 250_000 });
    expect(parseBenchArgs(['--orders', '20_000', '--keep', '/tmp/x'])).toMatchObject({ orders: 20_000, keep: '/tmp/x' });
    expect(parseBenchArgs(['--sync-ingest', '100_000'])).toMatchObject({ syncIngest: 100_000 });
    expect(() => parseBenchArgs(['--orders', 'many'])).toThrow(/--orders/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option/);
  });

  it('takes nearest-rank percentiles and judges budgets in the right direction', async () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100], 95)).toBe(19);
    const { lines } = await captureStdout(async () => {
      emit('queue_page_p95_ms', 12.345, 'ms', 10);
      emit('core_rss_mb', 120, 'MB', 10);
      emit('fixture_orders_per_s', 9000, 'orders/s', 10);
    });
    expect(lines[0]).toMatchObject({ measure: 'queue_page_p95_ms', value: 12.35, budget: 10, ok: false });
    expect(lines[1]).toMatchObject({ ok: true });
    expect(lines[2]).toMatchObject({ budget: null, ok: null });
  });

  it('builds a demo workspace, signs in as owner/demo and reports every query measure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oms-'));
    dirs.push(dir);
    const { result: fixture, lines: none } = await captureStdout(() => ensureFixture(dir, 2_000, 42));
    expect(none).toEqual([]);
    expect(fixture.generated?.summary.orders).toBe(2_000);
    const again = await captureStdout(() => ensureFixture(dir, 2_000, 42));
    expect(again.result.generated).toBeNull(); // --keep reuses the fixture

    const { lines } = await captureStdout(() => runMeasures(dir));
    const names = lines.map((l) => l.measure);
    // Every budgeted query measure is there (capabilities may add their own), memory last.
    expect(names).toEqual(expect.arrayContaining(['queue_page_p95_ms', 'queue_page_max_ms', 'filtered_count_p95_ms', 'queue_counts_ms', 'search_p95_ms', 'search_max_ms', 'bulk_10k_ms', 'fulfil_p95_ms']));
    expect(names).toContain('core_rss_mb');
    expect(names.at(-1)).toBe('core_rss_after_customer_jobs_mb');
    expect(new Set(names).size).toBe(names.length);
    for (const l of lines) {
      expect(l.orders).toBe(2_000);
      expect(Number.isFinite(l.value)).toBe(true);
    }
    const search = lines.find((l) => l.measure === 'search_p95_ms');
    expect(search?.noHits, JSON.stringify(search?.noHitExamples)).toBe(0);
  }, 120_000);
});
