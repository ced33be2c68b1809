import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import type { Connector, PulledOrder, PullPage } from '../../src-main/core/sync/connector';
import { createSyncEngine } from '../../src-main/core/sync/engine';
import type { BulkReadStats } from '../../src-main/core/sync/shopify/bulk-file';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { demoWorkspace, type TestWorkspace } from './workspace';

/**
 * Shared by the bulk-file sync tests: an emulated shop of 3,000 orders, fresh
 * workspaces whose bulk files live in <workspace>/sync, connectors that count
 * their bulk downloads, and the store compared with the platform.
 */
export const CHUNK = 250;
export const READ_BYTES = 64 * 1024;
export const ORDERS = 3000;
export type BulkCursor = { id: string; startedAt: string; offset?: number; done?: number; total?: number; line?: number; read?: boolean };
export const bulkOf = (cursor: string | null) => (cursor ? ((JSON.parse(cursor) as { bulk?: BulkCursor | null }).bulk ?? null) : null);
/** The file name an operation's result gets (bulk-file.ts). */
export const opFile = (workDir: string, opId: string) => join(workDir, `bulk-orders-${opId.replace('gid://shopify/', '').replace('/', '_')}.jsonl`);
export const bulkFiles = (workDir: string) => (existsSync(workDir) ? readdirSync(workDir).filter((f) => f.startsWith('bulk-')) : []);
const sha = (rows: unknown) => createHash('sha256').update(JSON.stringify(rows)).digest('hex');

/** Dies (as a killed process would) after `pages` pages of orders with rows in them were committed. */
export function dyingAfter(real: Connector, pages: number): Connector {
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

/** Every order a connector hands out from a fresh cursor to the end of the pass (records it refused left out). */
export async function pullAllOrders(conn: Connector): Promise<PulledOrder[]> {
  const all: PulledOrder[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: PullPage<'orders'> = await conn.pull('orders', cursor);
    for (const i of page.items) if (i.ok) all.push(i.record);
    cursor = page.nextCursor;
    if (page.done) return all;
  }
}

export const run = (ws: TestWorkspace, c: Connector) => createSyncEngine({ sqlite: ws.core.ctx.sqlite, connector: c, now: () => new Date() }).run({ resources: ['orders'] });
export const orderCursor = (ws: TestWorkspace) => (ws.core.ctx.sqlite.prepare("SELECT cursor FROM sync_state WHERE platform = 'shopify' AND resource = 'orders'").get() as { cursor: string } | undefined)?.cursor ?? null;
export const noDuplicates = (ws: TestWorkspace) => expect(ws.core.ctx.sqlite.prepare('SELECT count(*) n FROM (SELECT 1 FROM orders GROUP BY platform, external_id HAVING count(*) > 1)').get()).toEqual({ n: 0 });
export const localOrders = (ws: TestWorkspace) =>
  sha(ws.core.ctx.sqlite.prepare(`SELECT o.external_id id, o.total_minor total, o.note, (SELECT count(*) FROM order_lines WHERE order_id = o.id) lines,
    (SELECT count(*) FROM fulfilments WHERE order_id = o.id) fulfilments, (SELECT count(*) FROM refunds WHERE order_id = o.id) refunds FROM orders o`).all()
    .map((r) => r as { id: string })
    // The platform's ids sort as text, like the local ones.
    .sort((a, b) => (a.id < b.id ? -1 : 1)));

/** Registers the emulator's start and stop with the suite; the getters work inside tests. */
export function bulkSyncHarness() {
  let emu: Emulator;
  let url = '';
  const spaces: TestWorkspace[] = [];
  beforeAll(async () => {
    emu = createEmulator({ orders: ORDERS, seed: 31, plan: 'enterprise' });
    url = (await emu.listen()).url;
  });
  afterAll(async () => {
    for (const ws of spaces) ws.dispose();
    await emu.close();
  });
  return {
    get url() {
      return url;
    },
    async workspace() {
      const ws = await demoWorkspace();
      spaces.push(ws);
      return { ws, workDir: join(ws.dir, 'sync') };
    },
    /** A connector on the workspace's sync folder whose bulk-file downloads are counted. */
    connector(workDir: string, extra: { onBulkRead?: (s: BulkReadStats & { fileBytes: number }) => void; freeDiskBytes?: () => number; fetch?: typeof fetch } = {}) {
      const downloads = { n: 0 };
      const inner = extra.fetch ?? fetch;
      const counting: typeof fetch = (input, init) => {
        if (String(input instanceof Request ? input.url : input).includes('/_emulator/bulk/')) downloads.n++;
        return inner(input, init);
      };
      const c = createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, bulkPollMs: 20, bulkChunk: CHUNK, bulkReadBytes: READ_BYTES, workDir, fetch: counting, onBulkRead: extra.onBulkRead, freeDiskBytes: extra.freeDiskBytes });
      return { connector: c, downloads };
    },
    platformOrders: () =>
      sha([...emu.shop.orders].sort((a, b) => (a.id < b.id ? -1 : 1)).map((o) => ({ id: `gid://shopify/Order/${o.id}`, total: o.totalMinor, note: o.note, lines: o.lines.length, fulfilments: o.fulfillments.length, refunds: o.refunds.length }))),
  };
}
