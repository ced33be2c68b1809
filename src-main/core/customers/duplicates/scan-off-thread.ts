import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerSource } from '../../worker-source';
import type { ScanJobProgress, ScanJobResult } from './scan-job';

/**
 * Runs the full duplicate scan in a worker thread, so the core keeps
 * answering calls (a scan of 250,000 customers is seconds of solid CPU).
 * Where the script is: worker-source.ts. Returns null when it is nowhere, and
 * the caller scans on its own thread.
 */
const workerFile = () => workerSource('duplicate-scan-worker.js', join(__dirname, 'scan-worker.ts'));

/** Whether the scan can run off the thread here (false: no worker bundle and no tsx). */
export const canScanOffThread = (): boolean => workerFile() !== null;

/** The worker could not start at all (no message came back): the caller may scan on its own thread instead. */
export class WorkerStartError extends Error {}

export function scanOffThread(dbPath: string, onProgress: (p: ScanJobProgress) => void): Promise<ScanJobResult> | null {
  const src = workerFile();
  if (!src) return null;
  return new Promise<ScanJobResult>((resolve, reject) => {
    // A larger young generation: the index build allocates a few short-lived objects per customer.
    const worker = new Worker(src.file, { eval: src.eval, workerData: { dbPath }, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    let settled = false;
    let heard = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: { type: 'progress'; progress: ScanJobProgress } | { type: 'done'; result: ScanJobResult } | { type: 'error'; message: string; stack?: string }) => {
      heard = true;
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') finish(() => resolve(m.result));
      else finish(() => reject(Object.assign(new Error(`The duplicate scan failed: ${m.message}`), { stack: m.stack })));
    });
    worker.on('error', (err) => finish(() => reject(heard ? new Error(`The duplicate scan failed: ${err.message}`) : new WorkerStartError(`The duplicate scan worker did not start: ${err.message}`))));
    worker.on('exit', (code) => finish(() => reject(heard ? new Error(`The duplicate scan stopped (worker exit code ${code}) before it finished.`) : new WorkerStartError(`The duplicate scan worker exited (code ${code}) before it started.`))));
  });
}
