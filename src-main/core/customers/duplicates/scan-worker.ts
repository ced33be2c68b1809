import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { runScanJob } from './scan-job';

/**
 * Worker-thread entry (built as out/main/duplicate-scan-worker.js): opens the
 * workspace database read-only on its own connection, runs the full scan and
 * posts progress and the result back. See scan-off-thread.ts.
 */
const { dbPath } = workerData as { dbPath: string };
const port = parentPort!;
let db: Database.Database | null = null;
try {
  db = new Database(dbPath, { readonly: true, fileMustExist: true, nativeBinding: process.env.OMS_SQLITE_BINDING || undefined });
  const result = runScanJob(db, (p) => port.postMessage({ type: 'progress', progress: p }));
  port.postMessage({ type: 'done', result });
} catch (err) {
  port.postMessage({ type: 'error', message: (err as Error).message, stack: (err as Error).stack });
} finally {
  db?.close();
}
