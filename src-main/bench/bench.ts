import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseBenchArgs } from './args';
import { coldStartChild, measureColdStart } from './cold-start';
import { ensureFixture } from './fixture';
import { runMeasures } from './measure';
import { measureSyncIngest } from './sync-ingest';
import { benchDuplicates } from './duplicates';
import { emit, percentile, progress } from './report';

/**
 * `npm run bench [-- --orders N] [-- --keep DIR]`: builds the large-shop
 * fixture and prints one JSON line per measure (see report.ts). The query
 * measures and the cold start each run in a fresh child process of this same
 * entry, so memory and caches are the core's own, not the generator's.
 */

const entry = process.argv[1] as string;

function runChild(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...process.execArgv, entry, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`bench child ${args.join(' ')} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.coldStart) return coldStartChild(args.coldStart);
  if (args.measure) return runMeasures(args.measure, args.only);
  if (args.syncIngest) return measureSyncIngest(args.syncIngest);
  if (args.duplicates) return benchDuplicates(args.duplicates, args.seed);

  const dir = args.keep ? resolve(args.keep) : mkdtempSync(join(tmpdir(), 'oms-bench-'));
  try {
    const fx = await ensureFixture(dir, args.orders, args.seed);
    if (fx.generated) {
      const { ms, dbBytes, summary } = fx.generated;
      emit('fixture_generation_ms', ms, 'ms', fx.orders, {
        dbMb: Math.round(dbBytes / 1_048_576),
        customers: summary.customers,
        skus: summary.variants,
        lines: summary.orderLines,
        locations: summary.locations,
      });
      emit('fixture_orders_per_s', fx.orders / (ms / 1000), 'orders/s', fx.orders);
    }

    progress('query measures (fresh process)');
    await runChild(['--measure', dir]);

    progress('sync ingest (fresh process)');
    await runChild(['--sync-ingest', String(Math.min(fx.orders, 100_000))]);

    progress('cold start (3 fresh processes)');
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await measureColdStart(entry, dir));
    const wall = runs.map((r) => r.wallMs);
    const median = runs.slice().sort((a, b) => a.wallMs - b.wallMs)[1] ?? runs[0];
    emit('cold_start_ms', percentile(wall, 50), 'ms', fx.orders, {
      stat: 'median of 3, spawn to first page',
      runsMs: wall.map((w) => Math.round(w)),
      inside: median && Object.fromEntries(Object.entries(median.inside).map(([k, v]) => [k, Math.round(v)])),
    });
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
