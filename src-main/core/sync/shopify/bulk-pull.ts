import { mkdirSync, mkdtempSync, rmdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorError, type PullItem, type PullPage, type SyncResource } from '../connector';
import { bulkFilePath, BulkFileError, downloadBulkFile, offsetOfLine, openBulkFile, removeBulkFile, removeStaleBulkFiles, type BulkFile, type BulkReadStats } from './bulk-file';
import { createBulkPageReader, type BulkPageReader, type BulkWorkerMode } from './bulk-page-reader';
import type { createShopifyClient } from './client';
import { BULK_QUERIES, BULK_RUN, BULK_STATUS } from './queries';

type Obj = Record<string, unknown>;

/**
 * A first import in progress: the operation, when it started at the platform, and
 * where its result file is read next — `offset` in bytes, `done` roots handed out
 * of `total`. Cursors written before the file lived on disk hold `line` (an index
 * into the file's non-blank lines) instead of `offset`: it is mapped to a byte
 * offset by one scan, so a pass that was half-way stays half-way.
 * `read`: the last records were handed out, in the page this cursor was committed
 * with — the file is no longer needed, and the next pull removes it and ends the pass.
 */
export interface BulkCursor { id: string; startedAt: string; offset?: number; done?: number; total?: number; line?: number; read?: boolean }
export interface Cursor { since: string | null; after: string | null; maxSeen: string | null; bulk?: BulkCursor | null }

export interface BulkPullOptions {
  /** Where result files are kept while a pass reads them (the workspace's sync folder). Default: a fresh folder under the OS temp dir. */
  workDir?: string;
  /** How often a running bulk operation is polled. Default 1 s. */
  bulkPollMs?: number;
  /** Root records handed to the engine per page of a bulk result (one transaction each). Default 1,000. */
  bulkChunk?: number;
  /** Bytes read from the result file at a time. Default 1 MiB. */
  bulkReadBytes?: number;
  /** Where pages are read: in a worker thread one page ahead ('always'), in place ('never'), or by file size (default 'auto'; bulk-page-reader.ts). */
  bulkWorker?: BulkWorkerMode;
  /** Sees each finished download of a result: its size and how long it took (the bench tells the network's time from ours). */
  onBulkDownload?: (s: { bytes: number; ms: number }) => void;
  /** Sees what each page cost to read (tests hold the reader to the page, not the file). */
  onBulkRead?: (s: BulkReadStats & { fileBytes: number; downloads: number; reader: ReturnType<BulkPageReader['stats']> }) => void;
  /** Free bytes on the disk holding `dir` (tests pretend a full disk). Default: statfs. */
  freeDiskBytes?: (dir: string) => number;
}

interface Deps {
  client: ReturnType<typeof createShopifyClient>;
  opts: BulkPullOptions;
  overlap: number;
  doFetch: typeof fetch;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  mapNode: (resource: SyncResource, n: Obj, signal: AbortSignal | undefined, fromBulk: boolean) => Promise<PullItem<SyncResource>>;
  /** Shop currency (variant prices come without one): the page reader maps records itself. */
  currency: string;
}

/**
 * Fallback folders of connectors made without a workspace (tests, tools): removed when the
 * process exits, so a pass abandoned half-way (a test that "kills" a connector) leaves nothing in /tmp.
 */
const tempDirs = new Set<string>();
let exitHook = false;
function tempDirFor(): string {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  const d = mkdtempSync(join(tmpdir(), 'orderhouse-bulk-'));
  tempDirs.add(d);
  return d;
}

const ABANDONED = ['FAILED', 'CANCELED', 'EXPIRED'];

/**
 * First import through a bulk operation: start it (the operation id goes into the
 * cursor, committed by the engine), wait for it, stream its JSONL into a file, then
 * hand the file out a chunk of root records at a time, read from the cursor's byte
 * offset — so a crash resumes mid-file from the disk, and memory holds one page.
 * The file is removed by the pull after its last page, when that page is committed
 * (finishPass): never while a crash could still send the engine back into it.
 */
export function createBulkPull(deps: Deps) {
  const { client, opts, sleep } = deps;
  let tempDir: string | null = null;
  let downloads = 0;
  const pages = createBulkPageReader(opts.bulkWorker);
  // A connector made without a workspace (tests, tools) gets its own folder: two never share a file name.
  const dir = () => opts.workDir ?? (tempDir ??= tempDirFor());

  async function download(url: string, path: string, signal?: AbortSignal): Promise<BulkFile> {
    for (let attempt = 1; ; attempt++) {
      try {
        downloads++;
        const t0 = performance.now();
        const file = await downloadBulkFile(deps.doFetch, url, path, signal);
        opts.onBulkDownload?.({ bytes: file.bytes, ms: performance.now() - t0 });
        return file;
      } catch (err) {
        if (err instanceof BulkFileError) throw err;
        if (signal?.aborted || attempt >= 5) throw new ConnectorError('network', `Cannot download the bulk result (${(err as Error).message}).`, true);
        await sleep(500 * attempt, signal);
      }
    }
  }

  /** A full disk is said before the download starts, in words, rather than as ENOSPC half-way through it. */
  function checkDiskSpace(resource: SyncResource, path: string, fileSize: number): void {
    if (!fileSize) return;
    const folder = dir();
    let free: number;
    let have = 0;
    try {
      mkdirSync(folder, { recursive: true });
      if (opts.freeDiskBytes) free = opts.freeDiskBytes(folder);
      else {
        const fsStat = statfsSync(folder);
        free = Number(fsStat.bavail) * Number(fsStat.bsize);
      }
      have = statSync(`${path}.part`, { throwIfNoEntry: false })?.size ?? 0;
    } catch {
      return; // cannot tell: the download itself reports a disk error if there is one
    }
    // Room for the file, and some to spare for the database the import is about to fill.
    const need = fileSize - have + 64 * 2 ** 20;
    if (free < need) {
      const mb = (n: number) => `${Math.ceil(n / 2 ** 20).toLocaleString('en-US')} MB`;
      throw new BulkFileError(`Not enough disk space to import ${resource}: the shop's bulk result is ${mb(fileSize)} and ${folder} has ${mb(free)} free. Free at least ${mb(need - free)} and run the sync again.`);
    }
  }

  /** The operation's result on disk (downloaded when missing), null for an empty result, 'restart' when the platform gave the operation up. */
  async function resultFile(resource: SyncResource, bulk: BulkCursor, signal?: AbortSignal): Promise<BulkFile | null | 'restart'> {
    const path = bulkFilePath(dir(), resource, bulk.id);
    const onDisk = openBulkFile(path);
    if (onDisk) return onDisk;
    for (;;) {
      const st = await client.request<{ bulkOperation: { status: string; errorCode: string | null; url: string | null; fileSize?: string | null } | null }>(BULK_STATUS, { id: bulk.id }, signal);
      const op = st.bulkOperation;
      if (!op || ABANDONED.includes(op.status)) {
        removeBulkFile(path);
        return 'restart';
      }
      if (op.status === 'COMPLETED') {
        if (!op.url) return null;
        checkDiskSpace(resource, path, Number(op.fileSize ?? 0));
        return download(op.url, path, signal);
      }
      await sleep(opts.bulkPollMs ?? 1000, signal);
    }
  }

  return async function pullBulk<R extends SyncResource>(resource: R, cursor: Cursor, signal?: AbortSignal): Promise<PullPage<R>> {
    if (!cursor.bulk) {
      const res = await client.request<{ bulkOperationRunQuery: { bulkOperation: { id: string; createdAt: string } | null; userErrors: { message: string }[] } }>(BULK_RUN, { query: BULK_QUERIES[resource as keyof typeof BULK_QUERIES] }, signal);
      const op = res.bulkOperationRunQuery.bulkOperation;
      if (!op) {
        const msg = res.bulkOperationRunQuery.userErrors.map((e) => e.message).join('; ');
        if (/in progress/i.test(msg)) {
          await sleep(opts.bulkPollMs ?? 1000, signal);
          return { items: [], nextCursor: JSON.stringify(cursor), done: false };
        }
        throw new ConnectorError('query', `The shop refused the bulk import of ${resource}: ${msg}`, false);
      }
      // A new pass: files of an earlier, abandoned one are of no use any more.
      removeStaleBulkFiles(dir(), resource);
      return { items: [], nextCursor: JSON.stringify({ ...cursor, bulk: { id: op.id, startedAt: op.createdAt, offset: 0, done: 0 } }), done: false };
    }
    const bulk = cursor.bulk;
    if (bulk.read) return finishPass(resource, cursor, bulk);
    const file = await resultFile(resource, bulk, signal);
    // Start over with a new operation; nothing of this one was stored past its offset, and upserts are idempotent.
    if (file === 'restart') return { items: [], nextCursor: JSON.stringify({ ...cursor, bulk: null }), done: false };
    // Pages from a file on disk need no network: without this the whole pass would run in one
    // turn of the event loop, and timers, IPC and a cancel would wait for its end.
    await new Promise<void>((r) => setImmediate(r));

    let offset = bulk.offset ?? 0;
    let doneBefore = bulk.done ?? 0;
    if (file && bulk.offset === undefined) ({ offset, roots: doneBefore } = offsetOfLine(file.path, bulk.line ?? 0));

    const items: PullItem<R>[] = [];
    let maxSeen = cursor.maxSeen;
    let roots = 0;
    let next = offset;
    let atEnd = true;
    if (file) {
      const req = { path: file.path, offset, chunk: opts.bulkChunk ?? 1000, readBytes: opts.bulkReadBytes, resource, currency: deps.currency };
      const page = await pages.read(req, file.bytes);
      opts.onBulkRead?.({ ...page.stats, fileBytes: file.bytes, downloads, reader: pages.stats() });
      for (const item of page.items) items.push(('unmapped' in item ? await deps.mapNode(resource, item.unmapped, signal, true) : item) as PullItem<R>);
      if (page.maxSeen && (!maxSeen || page.maxSeen > maxSeen)) maxSeen = page.maxSeen;
      ({ roots, next, atEnd } = page);
    }
    const total = file?.total ?? 0;
    const progress = { done: doneBefore + roots, total };
    // An empty result: no file, nothing to hand out, the pass ends here.
    if (!file) {
      dropTempDir();
      return { items, nextCursor: passDone(maxSeen, bulk), done: true, progress, bulk: true };
    }
    // The last page of the file does not end the pass: its cursor says the file was read, and only the
    // next pull — made once the engine has committed this page — removes the file. A crash before that
    // commit reads the last page again from the disk instead of downloading the whole result again.
    const nextBulk: BulkCursor = { id: bulk.id, startedAt: bulk.startedAt, offset: next, done: progress.done, total, ...(atEnd ? { read: true } : {}) };
    return { items, nextCursor: JSON.stringify({ ...cursor, maxSeen, bulk: nextBulk }), done: false, progress, bulk: true };
  };

  /**
   * The pass's pages are all committed (the cursor says so): the file goes, and an empty last
   * page ends the pass. If that page's commit is lost, the next run comes back here and
   * removes nothing more — the cursor still says `read`, so the file is never downloaded again.
   */
  function finishPass<R extends SyncResource>(resource: R, cursor: Cursor, bulk: BulkCursor): PullPage<R> {
    removeBulkFile(bulkFilePath(dir(), resource, bulk.id));
    dropTempDir();
    const total = bulk.total ?? 0;
    return { items: [], nextCursor: passDone(cursor.maxSeen, bulk), done: true, progress: { done: bulk.done ?? total, total }, bulk: true };
  }

  /** The fallback folder goes with its last file (a folder still in use is not empty: left alone). */
  function dropTempDir(): void {
    if (!tempDir) return;
    try {
      rmdirSync(tempDir);
      tempDirs.delete(tempDir);
      tempDir = null;
    } catch {
      /* not empty */
    }
  }

  /** The cursor after a pass: changes made while the operation ran are read by the next incremental pass. */
  function passDone(maxSeen: string | null, bulk: BulkCursor): string {
    const from = [maxSeen, bulk.startedAt].filter((x): x is string => Boolean(x)).sort()[0] ?? null;
    return JSON.stringify({ since: from ? new Date(Date.parse(from) - deps.overlap).toISOString() : null, after: null, maxSeen: null, bulk: null });
  }
}
