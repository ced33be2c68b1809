import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerSource } from '../../worker-source';
import { BulkFileError } from './bulk-file';
import { pageKey, readBulkPage, type BulkPage, type BulkPageRequest } from './bulk-page';

/**
 * Reads the pages of a bulk result for the connector. A large file is read in
 * a worker thread one page ahead: while the engine stores page k on the core's
 * thread, the worker parses, scrubs and maps page k+1 on the other core, so a
 * first import costs about the larger of the two instead of their sum, and the
 * core's thread stays free to answer calls. A small file (most shops, and
 * every test that does not ask) is read in place: starting a thread would cost
 * more than it saves. If no worker can start, every page is read in place.
 *
 * The worker itself keeps one more page ready (bulk-page-worker.ts), so it
 * never waits for this side to ask. A page read ahead is used only when the
 * next request is the same one (same file, offset, size); anything else (a
 * page the engine refused and replays, a restarted operation) drops it and
 * reads afresh.
 */
export type BulkWorkerMode = 'auto' | 'always' | 'never';

/** Files from this size (about 5,000 orders) are read in the worker (mode 'auto'). */
export const WORKER_FROM_BYTES = 16 * 2 ** 20;
/** A worker left without work this long ends (a pass abandoned half-way). */
const IDLE_MS = 30_000;

const source = () => workerSource('bulk-page-worker.js', join(__dirname, 'bulk-page-worker.ts'));

/** The thread itself went (crashed, out of memory): the page is read in place instead. */
class WorkerGone extends Error {}

/** `ready`: the worker had read the page before it was asked for (bulk-page-worker.ts). */
type Answer = { id: number; page: string; ready: boolean } | { id: number; error: { name: string; message: string } };

/** The default mode: OMS_BULK_WORKER (auto | always | never) lets a test run, or a user chasing a problem, pick the path. */
function defaultMode(): BulkWorkerMode {
  const v = process.env.OMS_BULK_WORKER;
  return v === 'always' || v === 'never' ? v : 'auto';
}

export function createBulkPageReader(mode: BulkWorkerMode = defaultMode()) {
  let worker: Worker | null = null;
  let unavailable = false;
  let seq = 0;
  const waiting = new Map<number, { resolve: (p: BulkPage) => void; reject: (e: Error) => void }>();
  let ahead: { key: string; page: Promise<BulkPage> } | null = null;
  let idle: NodeJS.Timeout | null = null;
  /**
   * Pages read in place, pages read by the worker, and of those how many were already read ahead
   * when asked for (this side's request sent early; the worker's own page kept ready: readyInWorker); ms this thread waited for the worker's pages, and spent parsing them (the part
   * of reading the worker cannot take off this thread).
   */
  const counts = { inPlace: 0, inWorker: 0, readAhead: 0, readyInWorker: 0, waitMs: 0, parseMs: 0 };

  function fail(err: Error): void {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    ahead = null;
    worker = null;
  }

  function start(): Worker | null {
    if (worker || unavailable) return worker;
    const src = source();
    if (!src) {
      unavailable = true;
      return null;
    }
    const w = new Worker(src.file, { eval: src.eval, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    // The worker must not keep a CLI run (or a test) alive once nothing waits for it.
    w.unref();
    w.on('message', (m: Answer) => {
      const pending = waiting.get(m.id);
      if (!pending) return;
      waiting.delete(m.id);
      if ('page' in m) {
        if (m.ready) counts.readyInWorker++;
        const t0 = performance.now();
        const page = JSON.parse(m.page) as BulkPage;
        counts.parseMs += performance.now() - t0;
        pending.resolve(page);
      }
      else {
        const E = m.error.name === 'BulkFileError' ? BulkFileError : Error;
        const err = new E(m.error.message);
        if (E === Error) err.name = m.error.name;
        pending.reject(err);
      }
      if (waiting.size === 0) w.unref();
    });
    w.on('error', (err) => fail(new WorkerGone(`The bulk page reader stopped: ${err.message}`)));
    w.on('exit', (code) => {
      if (worker === w) fail(new WorkerGone(`The bulk page reader exited (code ${code}).`));
    });
    worker = w;
    return w;
  }

  function send(req: BulkPageRequest): Promise<BulkPage> {
    const w = start();
    if (!w) return Promise.reject(new WorkerGone('The bulk page reader is not running.'));
    const id = ++seq;
    // While a page is being read the thread is wanted: keep the process alive for the answer.
    w.ref();
    return new Promise<BulkPage>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      w.postMessage({ id, req });
    });
  }

  function inPlace(req: BulkPageRequest): BulkPage {
    counts.inPlace++;
    return readBulkPage(req);
  }

  function stop(): void {
    if (idle) clearTimeout(idle);
    idle = null;
    ahead = null;
    const w = worker;
    worker = null;
    if (w) void w.terminate();
  }

  return {
    /** Page `req`, and (in the worker) the page after it started meanwhile. `fileBytes` picks the path in mode 'auto'. */
    async read(req: BulkPageRequest, fileBytes: number): Promise<BulkPage> {
      if (mode === 'never' || (mode === 'auto' && fileBytes < WORKER_FROM_BYTES) || !start()) return inPlace(req);
      if (idle) clearTimeout(idle);
      const key = pageKey(req);
      const hit = ahead?.key === key;
      const mine = hit ? ahead!.page : send(req);
      ahead = null;
      // An abandoned read-ahead still settles in the worker: never leave its rejection unhandled.
      mine.catch(() => undefined);
      let page: BulkPage;
      const t0 = performance.now();
      try {
        page = await mine;
        counts.waitMs += performance.now() - t0;
      } catch (err) {
        if (!(err instanceof WorkerGone)) throw err;
        stop();
        return inPlace(req);
      }
      counts.inWorker++;
      if (hit) counts.readAhead++;
      if (!page.atEnd) {
        const nextReq = { ...req, offset: page.next };
        const p = send(nextReq);
        p.catch(() => undefined);
        ahead = { key: pageKey(nextReq), page: p };
      } else stop();
      if (worker) {
        idle = setTimeout(stop, IDLE_MS);
        idle.unref();
      }
      return page;
    },
    /** Ends the worker (a pass done or abandoned); a later read starts another. */
    close: stop,
    stats: () => ({ ...counts }),
  };
}
export type BulkPageReader = ReturnType<typeof createBulkPageReader>;
