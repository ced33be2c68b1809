import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ScanJobProgress, ScanJobResult } from './scan-job';

/**
 * Runs the full duplicate scan in a worker thread, so the core keeps
 * answering calls (a scan of 250,000 customers is seconds of solid CPU).
 * The built app has the worker as its own bundle next to the core's; from
 * source (tests, scripts) the TypeScript entry runs through tsx. Returns null
 * when neither is there, and the caller scans on its own thread.
 */
const BUNDLE = 'duplicate-scan-worker.js';

function workerSource(): { file: string; eval: boolean } | null {
  for (const dir of [__dirname, join(__dirname, '..')]) {
    const built = join(dir, BUNDLE);
    if (existsSync(built)) return { file: built, eval: false };
  }
  const source = join(__dirname, 'scan-worker.ts');
  if (!existsSync(source)) return null;
  try {
    const tsx = createRequire(__filename).resolve('tsx/cjs');
    return { file: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, eval: true };
  } catch {
    return null;
  }
}

/** Whether the scan can run off the thread here (false: no worker bundle and no tsx). */
export const canScanOffThread = (): boolean => workerSource() !== null;

export function scanOffThread(dbPath: string, onProgress: (p: ScanJobProgress) => void): Promise<ScanJobResult> | null {
  const src = workerSource();
  if (!src) return null;
  return new Promise<ScanJobResult>((resolve, reject) => {
    // A larger young generation: the index build allocates a few short-lived objects per customer.
    const worker = new Worker(src.file, { eval: src.eval, workerData: { dbPath }, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: { type: 'progress'; progress: ScanJobProgress } | { type: 'done'; result: ScanJobResult } | { type: 'error'; message: string; stack?: string }) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') finish(() => resolve(m.result));
      else finish(() => reject(Object.assign(new Error(`The duplicate scan failed: ${m.message}`), { stack: m.stack })));
    });
    worker.on('error', (err) => finish(() => reject(new Error(`The duplicate scan failed: ${err.message}`))));
    worker.on('exit', (code) => finish(() => reject(new Error(`The duplicate scan stopped (worker exit code ${code}) before it finished.`))));
  });
}
