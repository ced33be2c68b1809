import type { Sqlite } from '../../../db/open';
import { DuplicateEngine, type ScanProgress } from './engine';
import { loadCustomers } from './load-customers';
import type { MatchModel } from './model';
import type { CustomerFields } from './normalise';

/**
 * One full duplicate scan of a workspace's customers, from reading them to the
 * evidence of every pair that reaches "likely" — everything except writing the
 * review queue. It runs in a worker thread (scan-worker.ts) so the thread that
 * answers calls stays free; its result is plain data that crosses threads.
 */
export interface ScanJobPair {
  a: number;
  b: number;
  probability: number;
  band: 'certain' | 'likely';
  /** FieldEvidence[] as JSON, as the review queue stores it. */
  evidence: string;
}

export interface ScanJobResult {
  customers: number;
  candidates: number;
  model: MatchModel;
  pairs: ScanJobPair[];
}

export type ScanJobProgress = ScanProgress | { phase: 'evidence'; done: number; total: number };

const CHUNK = 20_000;

export function runScanJob(sqlite: Sqlite, onProgress: (p: ScanJobProgress) => void = () => {}): ScanJobResult {
  const total = sqlite.prepare('SELECT count(*) FROM customers WHERE merged_into_id IS NULL').pluck().get() as number;
  const engine = new DuplicateEngine();
  const batch: CustomerFields[] = [];
  let done = 0;
  onProgress({ phase: 'index', done: 0, total });
  for (const c of loadCustomers(sqlite)) {
    batch.push(c);
    if (batch.length === CHUNK) {
      engine.load(batch.splice(0));
      done += CHUNK;
      onProgress({ phase: 'index', done, total });
    }
  }
  engine.load(batch);
  onProgress({ phase: 'index', done: total, total });
  const scan = engine.scan(onProgress);
  const found = scan.pairs.filter((p) => p.band !== 'below');
  const pairs: ScanJobPair[] = found.map((p, i) => {
    if ((i + 1) % CHUNK === 0) onProgress({ phase: 'evidence', done: i + 1, total: found.length });
    return { a: p.a, b: p.b, probability: p.probability, band: p.band as 'certain' | 'likely', evidence: JSON.stringify(engine.explain(p.a, p.b)) };
  });
  return { customers: total, candidates: scan.candidates, model: scan.model, pairs };
}
