import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import type { Connector, PullPage, SyncResource } from '../../src-main/core/sync/connector';
import { createSyncEngine } from '../../src-main/core/sync/engine';
import type { BulkReadStats } from '../../src-main/core/sync/shopify/bulk-file';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * A bulk first import streams the operation's JSONL into <workspace>/sync and
 * hands it out a page at a time from a byte offset kept in the cursor
 * (shopify/bulk-file.ts, bulk-pull.ts): memory follows the page, and a restart
 * reads on from the file instead of downloading it again.
 */
const CHUNK = 250;
const READ_BYTES = 64 * 1024;
type BulkCursor = { id: string; startedAt: string; offset?: number; done?: number; total?: number; line?: number };
const bulkOf = (cursor: string | null) => (cursor ? ((JSON.parse(cursor) as { bulk?: BulkCursor | null }).bulk ?? null) : null);
const sha = (rows: unknown) => createHash('sha256').update(JSON.stringify(rows)).digest('hex');

describe('sync: bulk results streamed to a file and read from a byte offset', () => {
  let emu: Emulator;
  let url: string;
  const spaces: TestWorkspace[] = [];

  beforeAll(async () => {
    emu = createEmulator({ orders: 3000, seed: 31, plan: 'enterprise' });
    url = (await emu.listen()).url;
  });
  afterAll(async () => {
    for (const ws of spaces) ws.dispose();
    await emu.close();
  });

  async function workspace() {
    const ws = await demoWorkspace();
    spaces.push(ws);
    return { ws, workDir: join(ws.dir, 'sync') };
  }

  /** A connector on the workspace's sync folder whose bulk-file downloads are counted. */
  function connector(workDir: string, onBulkRead?: (s: BulkReadStats & { fileBytes: number }) => void, freeDiskBytes?: () => number) {
    const downloads = { n: 0 };
    const counting: typeof fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('/_emulator/bulk/')) downloads.n++;
      return fetch(input, init);
    };
    const c = createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, bulkPollMs: 20, bulkChunk: CHUNK, bulkReadBytes: READ_BYTES, workDir, fetch: counting, onBulkRead, freeDiskBytes });
    return { connector: c, downloads };
  }

  /** Dies (as a killed process would) after `pages` pages of orders with rows in them were committed. */
  function dyingAfter(real: Connector, pages: number): Connector {
    let n = 0;
    return {
      ...real,
      async pull(resource, cursor, signal) {
        if (resource === 'orders' && n >= pages) throw new Error('killed mid-import');
        const page = await real.pull(resource, cursor, signal);
        if (resource === 'orders' && page.items.length) n++;
        return page;
      },
    };
  }

  const run = (ws: TestWorkspace, c: Connector) => createSyncEngine({ sqlite: ws.core.ctx.sqlite, connector: c, now: () => new Date() }).run({ resources: ['orders'] });

  const platformOrders = () =>
    sha([...emu.shop.orders].sort((a, b) => (a.id < b.id ? -1 : 1)).map((o) => ({ id: `gid://shopify/Order/${o.id}`, total: o.totalMinor, note: o.note, lines: o.lines.length, fulfilments: o.fulfillments.length, refunds: o.refunds.length })));
  const localOrders = (ws: TestWorkspace) =>
    sha(ws.core.ctx.sqlite.prepare(`SELECT o.external_id id, o.total_minor total, o.note, (SELECT count(*) FROM order_lines WHERE order_id = o.id) lines,
      (SELECT count(*) FROM fulfilments WHERE order_id = o.id) fulfilments, (SELECT count(*) FROM refunds WHERE order_id = o.id) refunds FROM orders o`).all()
      .map((r) => r as { id: string })
      // The platform's ids sort as text, like the local ones.
      .sort((a, b) => (a.id < b.id ? -1 : 1)));
  const orderCursor = (ws: TestWorkspace) => (ws.core.ctx.sqlite.prepare("SELECT cursor FROM sync_state WHERE platform = 'shopify' AND resource = 'orders'").get() as { cursor: string } | undefined)?.cursor ?? null;
  const bulkFiles = (workDir: string) => (existsSync(workDir) ? readdirSync(workDir).filter((f) => f.startsWith('bulk-')) : []);
  const noDuplicates = (ws: TestWorkspace) => expect(ws.core.ctx.sqlite.prepare('SELECT count(*) n FROM (SELECT 1 FROM orders GROUP BY platform, external_id HAVING count(*) > 1)').get()).toEqual({ n: 0 });

  it('imports 3,000 orders equal to the platform, each page read with a buffer bounded by the page, not the file', async () => {
    const { ws, workDir } = await workspace();
    const reads: (BulkReadStats & { fileBytes: number })[] = [];
    const { connector: real, downloads } = connector(workDir, (s) => reads.push(s));
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
    expect(localOrders(ws)).toBe(platformOrders());
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
    const { ws, workDir } = await workspace();
    const first = connector(workDir);
    expect((await run(ws, dyingAfter(first.connector, 3))).ok).toBe(false);
    expect(first.downloads.n).toBe(1);
    const cursor = bulkOf(orderCursor(ws))!;
    expect(cursor).toMatchObject({ done: 3 * CHUNK, total: 3000 });
    expect(cursor.offset).toBeGreaterThan(0);
    expect(bulkFiles(workDir).sort()).toEqual([`bulk-orders-${cursor.id.replace('gid://shopify/', '').replace('/', '_')}.json`, `bulk-orders-${cursor.id.replace('gid://shopify/', '').replace('/', '_')}.jsonl`]);

    const again = connector(workDir);
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
    expect(localOrders(ws)).toBe(platformOrders());
    noDuplicates(ws);
    expect(bulkFiles(workDir)).toEqual([]);
  }, 120_000);

  it('downloads again when the file is missing, and never takes a truncated .part for the result', async () => {
    const { ws, workDir } = await workspace();
    const first = connector(workDir);
    expect((await run(ws, dyingAfter(first.connector, 2))).ok).toBe(false);
    const [jsonl] = bulkFiles(workDir).filter((f) => f.endsWith('.jsonl'));
    const path = join(workDir, jsonl!);
    const content = readFileSync(path);
    // As if the process was killed mid-download: only a half-written .part is there.
    for (const f of bulkFiles(workDir)) rmSync(join(workDir, f));
    writeFileSync(`${path}.part`, content.subarray(0, content.length >> 1));

    const again = connector(workDir);
    const second = await run(ws, again.connector);
    expect(second.error).toBeNull();
    expect(again.downloads.n).toBe(1);
    expect(localOrders(ws)).toBe(platformOrders());
    noDuplicates(ws);
    expect(bulkFiles(workDir)).toEqual([]);
  }, 120_000);

  it('a download cut mid-way is continued with a Range request from the bytes already on disk', async () => {
    const { ws, workDir } = await workspace();
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
    const c = createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, bulkPollMs: 20, bulkChunk: CHUNK, workDir, fetch: cutting, sleep: async () => {} });
    const result = await run(ws, c);
    expect(result.error).toBeNull();
    expect(cut).toBe(true);
    expect(asked).toHaveLength(2);
    expect(asked[0]).toMatchObject({ range: null, status: 200 });
    const from = Number(/^bytes=(\d+)-$/.exec(asked[1]!.range ?? '')?.[1]);
    expect(from).toBeGreaterThan(1_000_000);
    expect(asked[1]).toMatchObject({ status: 206 });
    expect(asked[1]!.contentRange).toMatch(new RegExp(`^bytes ${from}-`));
    expect(localOrders(ws)).toBe(platformOrders());
    noDuplicates(ws);
    expect(bulkFiles(workDir)).toEqual([]);
  }, 120_000);

  it('a disk without room for the result stops the run before the download, saying how much to free; with room the next run imports', async () => {
    const { ws, workDir } = await workspace();
    const full = connector(workDir, undefined, () => 10 * 2 ** 20);
    const first = await run(ws, full.connector);
    expect(first.ok).toBe(false);
    expect(first.error).toMatch(/^Sync stopped: Not enough disk space to import orders: the shop's bulk result is [\d,]+ MB and .*sync has 10 MB free\. Free at least [\d,]+ MB and run the sync again\.$/);
    expect(full.downloads.n).toBe(0);
    expect(bulkFiles(workDir)).toEqual([]);
    // The operation is kept: the next run downloads its result.
    expect(bulkOf(orderCursor(ws))).toMatchObject({ offset: 0 });
    const roomy = connector(workDir);
    expect((await run(ws, roomy.connector)).error).toBeNull();
    expect(roomy.downloads.n).toBe(1);
    expect(localOrders(ws)).toBe(platformOrders());
  }, 120_000);

  it('an operation the platform gave up (EXPIRED) is started over, and its half-downloaded file is removed', async () => {
    const { ws, workDir } = await workspace();
    expect((await run(ws, dyingAfter(connector(workDir).connector, 1))).ok).toBe(false);
    const old = bulkOf(orderCursor(ws))!;
    // The complete file is gone and only a cut download of it is left, when the result expires at the platform.
    for (const f of bulkFiles(workDir)) rmSync(join(workDir, f));
    const oldPath = join(workDir, `bulk-orders-${old.id.replace('gid://shopify/', '').replace('/', '_')}.jsonl`);
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
    const c = createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, bulkPollMs: 20, bulkChunk: CHUNK, workDir, fetch: expiring });
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
    expect(localOrders(ws)).toBe(platformOrders());
    noDuplicates(ws);
    expect(bulkFiles(workDir)).toEqual([]);
  }, 120_000);

  it('a cursor of the old form (a line index) resumes at the same record as its byte offset', async () => {
    const { workDir } = await workspace();
    const { connector: c } = connector(workDir);
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

    const fromOffset = await connector(workDir).connector.pull('orders', cursor);
    const fromLine = await connector(workDir).connector.pull('orders', old);
    expect(fromLine.items).toEqual(fromOffset.items);
    expect(fromLine.nextCursor).toBe(fromOffset.nextCursor);
    expect(fromLine.progress).toEqual({ done: 3 * CHUNK, total: 3000 });
  }, 120_000);

  it('a new operation removes the files an abandoned pass of the same resource left behind', async () => {
    const { workDir } = await workspace();
    const { connector: c } = connector(workDir);
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
