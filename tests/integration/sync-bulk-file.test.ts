import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connector, PullPage, SyncResource } from '../../src-main/core/sync/connector';
import type { BulkReadStats } from '../../src-main/core/sync/shopify/bulk-file';
import { bulkFiles, bulkOf, bulkSyncHarness, CHUNK, dyingAfter, localOrders, noDuplicates, opFile, orderCursor, READ_BYTES, run } from '../support/bulk-sync';

/**
 * A bulk first import streams the operation's JSONL into <workspace>/sync and
 * hands it out a page at a time from a byte offset kept in the cursor
 * (shopify/bulk-file.ts, bulk-pull.ts): memory follows the page, and a restart
 * reads on from the file instead of downloading it again. The operation's
 * lifecycle (disk space, expiry, old cursors, stale files): sync-bulk-file-lifecycle.test.ts.
 */
describe('sync: bulk results streamed to a file and read from a byte offset', () => {
  const h = bulkSyncHarness();

  it('imports 3,000 orders equal to the platform, each page read with a buffer bounded by the page, not the file', async () => {
    const { ws, workDir } = await h.workspace();
    const reads: (BulkReadStats & { fileBytes: number })[] = [];
    const { connector: real, downloads } = h.connector(workDir, { onBulkRead: (s) => reads.push(s) });
    const pages: { from: number; to: number | null; progress: PullPage<SyncResource>['progress'] }[] = [];
    const watching: Connector = {
      ...real,
      async pull(resource, cursor, signal) {
        const page = await real.pull(resource, cursor, signal);
        const from = bulkOf(cursor)?.offset;
        if (page.items.length && from !== undefined) pages.push({ from, to: bulkOf(page.nextCursor)?.offset ?? null, progress: page.progress });
        return page;
      },
    };
    const result = await run(ws, watching);
    expect(result.error).toBeNull();
    expect(localOrders(ws)).toBe(h.platformOrders());
    expect(downloads.n).toBe(1);

    expect(pages).toHaveLength(Math.ceil(3000 / CHUNK));
    expect(reads).toHaveLength(pages.length);
    const fileBytes = reads[0]!.fileBytes;
    // Meaningful only if the file is much larger than what the reader may hold.
    expect(fileBytes).toBeGreaterThan(20 * 2 * READ_BYTES);
    pages.forEach((p, i) => {
      const r = reads[i]!;
      // Never more than the page's own bytes plus one read-ahead buffer, never a buffer grown past two reads.
      const pageBytes = (p.to ?? fileBytes) - p.from;
      expect(r.bytesRead, `page ${i}`).toBeLessThanOrEqual(pageBytes + READ_BYTES);
      expect(r.bufferBytes, `page ${i}`).toBeLessThanOrEqual(2 * READ_BYTES);
      expect(p.progress).toEqual({ done: Math.min((i + 1) * CHUNK, 3000), total: 3000 });
    });
    // The whole file was read about once, not once per page.
    expect(reads.reduce((s, r) => s + r.bytesRead, 0)).toBeLessThanOrEqual(fileBytes + pages.length * READ_BYTES);
    // The pass is over: its file is gone, the cursor holds no operation.
    expect(bulkFiles(workDir)).toEqual([]);
    expect(bulkOf(orderCursor(ws))).toBeNull();
  }, 120_000);

  it('after a crash mid-import the next run reads on from the file on disk, without downloading it again', async () => {
    const { ws, workDir } = await h.workspace();
    const first = h.connector(workDir);
    expect((await run(ws, dyingAfter(first.connector, 3))).ok).toBe(false);
    expect(first.downloads.n).toBe(1);
    const cursor = bulkOf(orderCursor(ws))!;
    expect(cursor).toMatchObject({ done: 3 * CHUNK, total: 3000 });
    expect(cursor.offset).toBeGreaterThan(0);
    const name = basename(opFile(workDir, cursor.id));
    expect(bulkFiles(workDir).sort()).toEqual([name.replace(/\.jsonl$/, '.json'), name]);

    const again = h.connector(workDir);
    const progress: { done: number; total: number }[] = [];
    const watching: Connector = {
      ...again.connector,
      async pull(resource, c, signal) {
        const page = await again.connector.pull(resource, c, signal);
        if (page.progress) progress.push(page.progress);
        return page;
      },
    };
    const second = await run(ws, watching);
    expect(second.error).toBeNull();
    expect(again.downloads.n).toBe(0);
    // Progress carries on from where the killed run stopped.
    expect(progress[0]).toEqual({ done: 4 * CHUNK, total: 3000 });
    expect(localOrders(ws)).toBe(h.platformOrders());
    noDuplicates(ws);
    expect(bulkFiles(workDir)).toEqual([]);
  }, 120_000);

  it('downloads again when the file is missing, and never takes a truncated .part for the result', async () => {
    const { ws, workDir } = await h.workspace();
    const first = h.connector(workDir);
    expect((await run(ws, dyingAfter(first.connector, 2))).ok).toBe(false);
    const [jsonl] = bulkFiles(workDir).filter((f) => f.endsWith('.jsonl'));
    const path = join(workDir, jsonl!);
    const content = readFileSync(path);
    // As if the process was killed mid-download: only a half-written .part is there.
    for (const f of bulkFiles(workDir)) rmSync(join(workDir, f));
    writeFileSync(`${path}.part`, content.subarray(0, content.length >> 1));

    const again = h.connector(workDir);
    const second = await run(ws, again.connector);
    expect(second.error).toBeNull();
    expect(again.downloads.n).toBe(1);
    expect(localOrders(ws)).toBe(h.platformOrders());
    noDuplicates(ws);
    expect(bulkFiles(workDir)).toEqual([]);
  }, 120_000);

  it('a download cut mid-way is continued with a Range request from the bytes already on disk', async () => {
    const { ws, workDir } = await h.workspace();
    const asked: { range: string | null; status: number; contentRange: string | null }[] = [];
    let cut = false;
    // The first download of the orders file (the only one: the run reads orders only) loses its connection after about 1 MB.
    const cutting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/_emulator/bulk/')) return res;
      asked.push({ range: new Headers(init?.headers).get('range'), status: res.status, contentRange: res.headers.get('content-range') });
      if (cut) return res;
      cut = true;
      const reader = res.body!.getReader();
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(c) {
          const { value, done } = await reader.read();
          if (done) return c.close();
          if (sent > 1_000_000) {
            await reader.cancel();
            return c.error(new TypeError('terminated: other side closed'));
          }
          sent += value.byteLength;
          c.enqueue(value);
        },
      });
      return new Response(body, { status: res.status, headers: res.headers });
    };
    const c = h.connector(workDir, { fetch: cutting }).connector;
    const result = await run(ws, c);
    expect(result.error).toBeNull();
    expect(cut).toBe(true);
    expect(asked).toHaveLength(2);
    expect(asked[0]).toMatchObject({ range: null, status: 200 });
    const from = Number(/^bytes=(\d+)-$/.exec(asked[1]!.range ?? '')?.[1]);
    expect(from).toBeGreaterThan(1_000_000);
    expect(asked[1]).toMatchObject({ status: 206 });
    expect(asked[1]!.contentRange).toMatch(new RegExp(`^bytes ${from}-`));
    expect(localOrders(ws)).toBe(h.platformOrders());
    noDuplicates(ws);
    expect(bulkFiles(workDir)).toEqual([]);
  }, 120_000);
});
