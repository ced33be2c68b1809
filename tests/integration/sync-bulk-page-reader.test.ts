import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBulkPage, type BulkPage, type BulkPageRequest } from '../../src-main/core/sync/shopify/bulk-page';
import { createBulkPageReader } from '../../src-main/core/sync/shopify/bulk-page-reader';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { createEmulator, DEFAULT_EMULATOR_TOKEN } from '../../src-main/emulator';

/**
 * A large bulk result is read in a worker thread one page ahead of the engine
 * (bulk-page-reader.ts). What the engine gets must not depend on where a page
 * was read: the same records, the same scrubbing, the same offsets, the same errors.
 */
const CARD = '4111 1111 1111 1111';
const CHUNK = 97;

describe('sync: bulk result pages read in a worker thread, one page ahead', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oms-bulk-page-'));
    const emu = createEmulator({ orders: 600, seed: 11, plan: 'enterprise', validateAgainstAdminSchema: false });
    const { url } = await emu.listen();
    try {
      const c = createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', bulkPollMs: 20, workDir: dir, bulkWorker: 'never' });
      // Start the operation, then pull until its result is on disk.
      let cursor: string | null = null;
      for (let i = 0; i < 200 && !readdirSync(dir).some((f) => f.endsWith('.jsonl')); i++) cursor = (await c.pull('orders', cursor)).nextCursor;
    } finally {
      await emu.close();
    }
    file = join(dir, readdirSync(dir).find((f) => f.endsWith('.jsonl'))!);
    // Two more orders at the end with a card number in the note (the emulator's orders hold none):
    // one good, one the mapping refuses (its fulfilment names a line it does not have), which goes to the quarantine.
    const first = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    const planted = (id: number, extra: object) => JSON.stringify({ ...first, id: `gid://shopify/Order/${id}`, name: `#${id}`, note: `card ${CARD} exp 12/29`, ...extra });
    appendFileSync(file, `${planted(99998, { fulfillments: [], refunds: [] })}\n${planted(99999, {})}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const req = (offset: number): BulkPageRequest => ({ path: file, offset, chunk: CHUNK, resource: 'orders', currency: 'USD' });
  /** Every page of the file, asked for in order through `read`. */
  async function allPages(read: (r: BulkPageRequest) => BulkPage | Promise<BulkPage>): Promise<BulkPage[]> {
    const pages: BulkPage[] = [];
    for (let offset = 0; ; ) {
      const p = await read(req(offset));
      pages.push(p);
      if (p.atEnd) return pages;
      offset = p.next;
    }
  }

  it('hands out the same pages as reading in place: records, offsets, newest change, scrubbed card numbers', async () => {
    const inPlace = await allPages(readBulkPage);
    const reader = createBulkPageReader('always');
    const inWorker = await allPages((r) => reader.read(r, 0));
    expect(inPlace).toHaveLength(Math.ceil(602 / CHUNK));
    expect(inWorker).toEqual(inPlace);
    // Every page but the first was read while the one before it was handed out, and was ready in the worker when asked for.
    expect(reader.stats()).toMatchObject({ inPlace: 0, inWorker: inPlace.length, readAhead: inPlace.length - 1, readyInWorker: inPlace.length - 1 });
    const [good, refused] = inWorker.at(-1)!.items.slice(-2) as unknown as [{ ok: true; record: { externalId: string; note: string | null } }, { ok: false; reason: string; payload: { note: string } }];
    expect(good.record).toMatchObject({ externalId: 'gid://shopify/Order/99998', note: 'card [card •••• 1111] exp 12/29' });
    expect(refused).toMatchObject({ ok: false, reason: expect.stringContaining('is not a line of this order'), payload: { note: 'card [card •••• 1111] exp 12/29' } });
    expect(JSON.stringify(inWorker)).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
  });

  it('drops the page read ahead when the engine asks for another (a page replayed), and reads that one afresh', async () => {
    const reader = createBulkPageReader('always');
    const p1 = await reader.read(req(0), 0);
    const p2 = await reader.read(req(p1.next), 0);
    // The page after p2 is being read ahead; the engine asks for p2 again instead.
    const again = await reader.read(req(p1.next), 0);
    expect(again).toEqual(p2);
    expect(again).toEqual(readBulkPage(req(p1.next)));
    expect(reader.stats()).toMatchObject({ inPlace: 0, inWorker: 3, readAhead: 1 });
    reader.close();
  });

  it('a broken line fails the page with the same error in the worker as in place', async () => {
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, `${readFileSync(file, 'utf8').split('\n').slice(0, 3).join('\n')}\n{"id": "gid://shopify/Order/1", "name": \n`);
    const r = { ...req(0), path: broken };
    let inPlace: Error | null = null;
    try {
      readBulkPage(r);
    } catch (err) {
      inPlace = err as Error;
    }
    expect(inPlace).toBeInstanceOf(SyntaxError);
    const reader = createBulkPageReader('always');
    await expect(reader.read(r, 0)).rejects.toMatchObject({ name: 'SyntaxError', message: inPlace!.message });
    reader.close();
  });

  it("in 'auto', a small result is read in place: no thread is started for a few thousand orders", async () => {
    const reader = createBulkPageReader('auto');
    await allPages((r) => reader.read(r, 1024 * 1024));
    expect(reader.stats()).toMatchObject({ inPlace: Math.ceil(602 / CHUNK), inWorker: 0, readAhead: 0 });
  });
});
