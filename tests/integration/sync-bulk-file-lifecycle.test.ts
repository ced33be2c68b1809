import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connector, PullPage } from '../../src-main/core/sync/connector';
import { bulkFiles, bulkOf, bulkSyncHarness, CHUNK, dyingAfter, localOrders, noDuplicates, opFile, orderCursor, run } from '../support/bulk-sync';

/**
 * The life of a bulk result file around the reading (sync-bulk-file.test.ts):
 * a disk without room, an operation the platform gave up, cursors written
 * before the file lived on disk, files an abandoned pass left behind, and the
 * end of a pass: the file goes only once its last page is committed.
 */
describe('sync: bulk result files — disk space, expiry, old cursors, stale files', () => {
  const h = bulkSyncHarness();

  it('a disk without room for the result stops the run before the download, saying how much to free; with room the next run imports', async () => {
    const { ws, workDir } = await h.workspace();
    const full = h.connector(workDir, { freeDiskBytes: () => 10 * 2 ** 20 });
    const first = await run(ws, full.connector);
    expect(first.ok).toBe(false);
    expect(first.error).toMatch(/^Sync stopped: Not enough disk space to import orders: the shop's bulk result is [\d,]+ MB and .*sync has 10 MB free\. Free at least [\d,]+ MB and run the sync again\.$/);
    expect(full.downloads.n).toBe(0);
    expect(bulkFiles(workDir)).toEqual([]);
    // The operation is kept: the next run downloads its result.
    expect(bulkOf(orderCursor(ws))).toMatchObject({ offset: 0 });
    const roomy = h.connector(workDir);
    expect((await run(ws, roomy.connector)).error).toBeNull();
    expect(roomy.downloads.n).toBe(1);
    expect(localOrders(ws)).toBe(h.platformOrders());
  }, 120_000);

  it('an operation the platform gave up (EXPIRED) is started over, and its half-downloaded file is removed', async () => {
    const { ws, workDir } = await h.workspace();
    expect((await run(ws, dyingAfter(h.connector(workDir).connector, 1))).ok).toBe(false);
    const old = bulkOf(orderCursor(ws))!;
    // The complete file is gone and only a cut download of it is left, when the result expires at the platform.
    for (const f of bulkFiles(workDir)) rmSync(join(workDir, f));
    const oldPath = opFile(workDir, old.id);
    writeFileSync(`${oldPath}.part`, '{"id":"gid://shopify/Order/1"}\n{"id":');
    writeFileSync(`${oldPath}.part.json`, JSON.stringify({ validator: '"x"' }));
    let expiredAnswers = 0;
    const expiring: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      if (body.includes('BulkStatus') && body.includes(old.id)) {
        expiredAnswers++;
        return new Response(JSON.stringify({ data: { bulkOperation: { id: old.id, status: 'EXPIRED', errorCode: null, objectCount: '0', fileSize: null, url: null, createdAt: old.startedAt } } }), { status: 200, headers: { 'content-type': 'application/json' } });
      }
      return fetch(input, init);
    };
    const c = h.connector(workDir, { fetch: expiring }).connector;
    const seen: (string | null)[] = [];
    const watching: Connector = {
      ...c,
      async pull(resource, cursor, signal) {
        const page = await c.pull(resource, cursor, signal);
        seen.push(bulkOf(page.nextCursor)?.id ?? null);
        return page;
      },
    };
    const result = await run(ws, watching);
    expect(result.error).toBeNull();
    expect(expiredAnswers).toBe(1);
    // Given up → the cursor drops the operation → a new one is started and read to the end.
    expect(seen[0]).toBeNull();
    expect(seen[1]).toMatch(/^gid:\/\/shopify\/BulkOperation\/\d+$/);
    expect(seen[1]).not.toBe(old.id);
    expect(existsSync(`${oldPath}.part`) || existsSync(`${oldPath}.part.json`)).toBe(false);
    expect(localOrders(ws)).toBe(h.platformOrders());
    noDuplicates(ws);
    expect(bulkFiles(workDir)).toEqual([]);
  }, 120_000);

  it('a cursor of the old form (a line index) resumes at the same record as its byte offset', async () => {
    const { workDir } = await h.workspace();
    const { connector: c } = h.connector(workDir);
    let cursor: string | null = null;
    let dataPages = 0;
    while (dataPages < 2) {
      const page: PullPage<'orders'> = await c.pull('orders', cursor);
      cursor = page.nextCursor;
      if (page.items.length) dataPages++;
    }
    const bulk = bulkOf(cursor)!;
    const [jsonl] = bulkFiles(workDir).filter((f) => f.endsWith('.jsonl'));
    const text = readFileSync(join(workDir, jsonl!));
    const line = text.subarray(0, bulk.offset).toString('utf8').split('\n').filter((l) => l.trim()).length;
    const old = JSON.stringify({ ...(JSON.parse(cursor!) as object), bulk: { id: bulk.id, line, startedAt: bulk.startedAt } });

    const fromOffset = await h.connector(workDir).connector.pull('orders', cursor);
    const fromLine = await h.connector(workDir).connector.pull('orders', old);
    expect(fromLine.items).toEqual(fromOffset.items);
    expect(fromLine.nextCursor).toBe(fromOffset.nextCursor);
    expect(fromLine.progress).toEqual({ done: 3 * CHUNK, total: 3000 });
  }, 120_000);

  it('a crash after the last page is handed out and before it is committed: the next run reads that page from the file, no download', async () => {
    const { ws, workDir } = await h.workspace();
    const first = h.connector(workDir);
    // Killed between the connector handing out the file's last records and the engine committing them.
    const dyingAtLastPage: Connector = {
      ...first.connector,
      async pull(resource, cursor, signal) {
        const page = await first.connector.pull(resource, cursor, signal);
        if (page.items.length && page.progress && page.progress.done === page.progress.total) throw new Error('killed before the last page was committed');
        return page;
      },
    };
    expect((await run(ws, dyingAtLastPage)).ok).toBe(false);
    expect(first.downloads.n).toBe(1);
    const cursor = bulkOf(orderCursor(ws))!;
    expect(cursor).toMatchObject({ done: 3000 - CHUNK, total: 3000 });
    expect(bulkFiles(workDir)).toContain(basename(opFile(workDir, cursor.id)));

    const again = h.connector(workDir);
    const second = await run(ws, again.connector);
    expect(second.error).toBeNull();
    expect(again.downloads.n).toBe(0);
    expect(localOrders(ws)).toBe(h.platformOrders());
    noDuplicates(ws);
    expect(bulkFiles(workDir)).toEqual([]);
    expect(bulkOf(orderCursor(ws))).toBeNull();
  }, 120_000);

  it('a crash after the last page is committed, before or after its file is removed: the next run ends the pass without a download', async () => {
    for (const removed of [false, true]) {
      const { ws, workDir } = await h.workspace();
      const first = h.connector(workDir);
      // The pull after the last page: the cursor says the file was read; killed before the pass's end is committed.
      const dyingAtEnd: Connector = {
        ...first.connector,
        async pull(resource, cursor, signal) {
          if (bulkOf(cursor)?.read) {
            if (removed) await first.connector.pull(resource, cursor, signal);
            throw new Error('killed before the end of the pass was committed');
          }
          return first.connector.pull(resource, cursor, signal);
        },
      };
      expect((await run(ws, dyingAtEnd)).ok).toBe(false);
      expect(bulkOf(orderCursor(ws)), `removed: ${removed}`).toMatchObject({ read: true, done: 3000, total: 3000 });
      expect(bulkFiles(workDir).length > 0, `removed: ${removed}`).toBe(!removed);
      expect(localOrders(ws)).toBe(h.platformOrders());

      const again = h.connector(workDir);
      const second = await run(ws, again.connector);
      expect(second.error, `removed: ${removed}`).toBeNull();
      expect(again.downloads.n, `removed: ${removed}`).toBe(0);
      expect(bulkFiles(workDir)).toEqual([]);
      expect(bulkOf(orderCursor(ws))).toBeNull();
      expect(localOrders(ws)).toBe(h.platformOrders());
      noDuplicates(ws);
    }
  }, 120_000);

  it('a new operation removes the files an abandoned pass of the same resource left behind', async () => {
    const { workDir } = await h.workspace();
    const { connector: c } = h.connector(workDir);
    // Leftovers of an earlier pass of orders (a cancelled or expired operation), and a products file in use.
    await c.pull('customers', null).then(async (p) => {
      // Let the customers operation finish, so the orders one can start (one at a time per shop).
      let cur = p.nextCursor;
      for (let page = await c.pull('customers', cur); !page.done; page = await c.pull('customers', cur)) cur = page.nextCursor;
    });
    for (const f of ['bulk-orders-BulkOperation_900.jsonl', 'bulk-orders-BulkOperation_900.json', 'bulk-orders-BulkOperation_901.jsonl.part', 'bulk-products-BulkOperation_902.jsonl']) writeFileSync(join(workDir, f), '{}\n');
    const started = await c.pull('orders', null);
    expect(bulkOf(started.nextCursor)).toMatchObject({ offset: 0, done: 0 });
    expect(bulkFiles(workDir)).toEqual(['bulk-products-BulkOperation_902.jsonl']);
  }, 120_000);
});
