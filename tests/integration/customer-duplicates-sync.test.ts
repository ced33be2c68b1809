import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSyncEngine, type SyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import { demoWorkspace, type Session, type TestWorkspace } from '../support/workspace';

/**
 * A sync that brings new or changed customers runs the incremental duplicate
 * check for them (one batch per page, after the page commits), so a duplicate
 * created in the shop shows up in the review queue without a full scan.
 */
describe('sync → incremental duplicate check', () => {
  let emu: Emulator;
  let ws: TestWorkspace;
  let staff: Session;
  let engine: SyncEngine;
  const sqlite = () => ws.core.ctx.sqlite;
  const idOf = (ext: number) => sqlite().prepare("SELECT id FROM customers WHERE platform = 'shopify' AND external_id = ?").pluck().get(`gid://shopify/Customer/${ext}`) as number;
  const openPairsOf = (id: number) => sqlite().prepare("SELECT a_id AS a, b_id AS b, band FROM customer_duplicate_pairs WHERE status = 'open' AND (a_id = ? OR b_id = ?)").all(id, id) as { a: number; b: number; band: string }[];

  beforeAll(async () => {
    emu = createEmulator({ orders: 300, seed: 21 });
    const { url } = await emu.listen();
    ws = await demoWorkspace();
    staff = await ws.as('backoffice');
    engine = createSyncEngine({ sqlite: sqlite(), connector: createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, maxBackoffMs: 20 }), now: () => new Date() });
    expect((await engine.run()).ok).toBe(true);
  }, 120_000);
  afterAll(async () => {
    ws?.dispose();
    await emu?.close();
  });

  /** Turns shop customer `copy` into a second account of `of`: same person, another email spelling, edited now. */
  function makeDuplicateInShop(copyIndex: number, ofIndex: number) {
    const of = emu.shop.customers[ofIndex]!;
    const copy = emu.shop.customers[copyIndex]!;
    copy.firstName = of.firstName;
    copy.lastName = of.lastName;
    copy.phone = of.phone;
    copy.email = of.email ? of.email.replace('@', '+shop@').toUpperCase() : 'someone.else@example.com';
    copy.addresses = structuredClone(of.addresses);
    copy.updatedAt = new Date(Date.now() + 1000).toISOString();
    return { copy: copy.id, of: of.id };
  }

  it('before the first full scan there is no model: synced customers wait for that scan', async () => {
    const { copy } = makeDuplicateInShop(3, 4);
    expect((await engine.run({ resources: ['customers'] })).ok).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(openPairsOf(idOf(copy))).toEqual([]);
  }, 60_000);

  it('after a scan, a customer the shop changed into a second account of another appears in the review queue after the sync', async () => {
    const scan = await staff.ok('duplicates.scan', {});
    expect(scan.customers).toBeGreaterThan(20);
    const { copy, of } = makeDuplicateInShop(10, 11);
    const [copyId, ofId] = [idOf(copy), idOf(of)];
    expect(openPairsOf(copyId).some((p) => p.a === Math.min(copyId, ofId) && p.b === Math.max(copyId, ofId))).toBe(false);
    const run = await engine.run({ resources: ['customers'] });
    expect(run.ok).toBe(true);
    expect(run.resources.customers!.updated).toBeGreaterThanOrEqual(1);
    await vi.waitFor(() => expect(openPairsOf(copyId)).toContainEqual({ a: Math.min(copyId, ofId), b: Math.max(copyId, ofId), band: expect.stringMatching(/certain|likely/) }), { timeout: 5000 });
    const q = await staff.ok('duplicates.review', { limit: 100 });
    expect(q.items.some((p) => [p.a.id, p.b.id].sort().join() === [copyId, ofId].sort().join())).toBe(true);
  }, 60_000);
});
