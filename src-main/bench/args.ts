/**
 * Command line of `npm run bench`:
 *   --orders N       size of the fixture (default 1,000,000; customers and SKUs scale with it)
 *   --keep DIR       build the fixture in DIR and keep it; reuse it if DIR already holds one
 *   --seed S         generator seed (default 42)
 * Internal modes (the bench runs itself in fresh child processes):
 *   --measure DIR    run the query measures against the workspace in DIR
 *                    (also by hand, on a store kept with --keep: `--measure /tmp/bench-1m --only queue`)
 *   --only queue     with --measure: only the queue pages and counts (a minute, not the whole suite)
 *   --cold-start DIR open the workspace and show the first queue page, then exit
 *   --sync-ingest N  only the sync ingest measure, with an emulated shop of N orders
 *   --duplicates N   only the customer measures (duplicate scan, check, import) on N generated customers
 */
export interface BenchArgs {
  orders: number;
  seed: number;
  keep: string | null;
  measure: string | null;
  coldStart: string | null;
  syncIngest: number | null;
  duplicates: number | null;
  only: 'queue' | null;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const out: BenchArgs = { orders: 1_000_000, seed: 42, keep: null, measure: null, coldStart: null, syncIngest: null, duplicates: null, only: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (name: string, min: number) => {
      const n = Number(value().replace(/_/g, ''));
      if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
      return n;
    };
    switch (flag) {
      case '--orders':
        out.orders = int('orders', 1);
        break;
      case '--sync-ingest':
        out.syncIngest = int('sync-ingest', 1);
        break;
      case '--duplicates':
        out.duplicates = int('duplicates', 10);
        break;
      case '--seed':
        out.seed = int('seed', 0);
        break;
      case '--keep':
        out.keep = value();
        break;
      case '--measure':
        out.measure = value();
        break;
      case '--only': {
        const v = value();
        if (v !== 'queue') throw new Error('--only takes "queue" (the queue pages and counts)');
        out.only = v;
        break;
      }
      case '--cold-start':
        out.coldStart = value();
        break;
      default:
        throw new Error(`unknown option ${flag}; use --orders N, --keep DIR, --seed S, --measure DIR [--only queue]`);
    }
  }
  return out;
}
