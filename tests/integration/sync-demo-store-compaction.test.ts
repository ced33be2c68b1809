import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShopData } from '../../src-main/emulator';
import { encodeShopSnapshot } from '../../src-main/core/sync/demo-store-snapshot';
import { journalSize } from '../../src-main/core/sync/demo-store-journal';
import { DEMO_STORE_TOKEN, DEMO_STORE_URL, demoStoreDir, initDemoStore, openDemoStore, type CompactionStep, type DemoStore, type DemoStoreOptions } from '../../src-main/core/sync/demo-store';
import { SHOPIFY_API_VERSION } from '../../src-main/core/sync/shopify/version';
import type { WorkspacePaths } from '../../src-main/core/workspace/workspace';

/**
 * The demo store's journal is compacted on open when it grows long: the older
 * entries go into a new shop.json.gz, the journal keeps the last day. Whatever
 * moment the process dies at, the next open gives the same shop as a store that
 * never compacted — nothing applied twice, nothing lost — and later activity
 * continues exactly as it would have (same ids, numbers, times).
 */
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-02T08:00:00.000Z');

describe('demo store: journal compaction', () => {
  let root: string;
  /** A store folder with 40 journalled events: 30 over two days ago, 10 in the last hours, and keyed pushes in both. */
  let pristine: WorkspacePaths;
  const paths = (name: string): WorkspacePaths => ({ dir: join(root, name) }) as WorkspacePaths;
  const copyOf = (name: string) => {
    const p = paths(name);
    cpSync(pristine.dir, p.dir, { recursive: true });
    return p;
  };
  let clock = T0;
  const at = () => new Date(clock);
  const open = (p: WorkspacePaths, compaction?: DemoStoreOptions['compaction']) => openDemoStore(p, { clock: at, compaction: { keepMs: DAY, ...compaction } });
  const NO_COMPACTION = { maxLines: 1e9, maxBytes: 1e12 };

  /** The shop's content (orders, customers, stock, id counters) as one hash. */
  const fingerprint = (shop: ShopData) => {
    const snap = JSON.parse(gunzipSync(encodeShopSnapshot(shop)).toString('utf8')) as { shop: unknown };
    return createHash('sha256').update(JSON.stringify(snap.shop)).digest('hex');
  };
  async function adjust(store: DemoStore, key: string) {
    const item = store.emulator.shop.inventoryItems[0]!;
    const loc = store.emulator.shop.locations[0]!;
    const res = await store.fetch(`${DEMO_STORE_URL}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': DEMO_STORE_TOKEN },
      body: JSON.stringify({
        query: 'mutation A($input: InventoryAdjustQuantitiesInput!, $key: String!) { inventoryAdjustQuantities(input: $input) @idempotent(key: $key) { userErrors { message } } }',
        variables: { key, input: { reason: 'correction', name: 'available', changes: [{ delta: 1, inventoryItemId: `gid://shopify/InventoryItem/${item.id}`, locationId: `gid://shopify/Location/${loc.id}` }] } },
      }),
    });
    expect(res.ok).toBe(true);
  }
  const activity = (store: DemoStore, n: number) => {
    for (let i = 0; i < n; i++) {
      clock += 60_000;
      store.arrive({ newOrders: 2, orderUpdates: 1, stockChanges: 1 });
    }
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'oms-demo-compact-'));
    pristine = paths('pristine');
    initDemoStore(pristine, { orders: 200, seed: 4, now: new Date(T0) });
    const store = await open(pristine, NO_COMPACTION);
    activity(store, 15);
    await adjust(store, 'old-push');
    activity(store, 14);
    clock = T0 + 2 * DAY;
    activity(store, 5);
    await adjust(store, 'recent-push');
    activity(store, 4);
    await store.close();
    expect(journalSize(join(demoStoreDir(pristine), 'journal.jsonl')).lines).toBe(40);
    clock = T0 + 2 * DAY + 3 * 3_600_000;
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** The shop as a store that never compacted has it, and what the same later activity makes of it. */
  async function reference() {
    const store = await open(copyOf(`ref-${Math.random().toString(36).slice(2)}`), NO_COMPACTION);
    // Both journalled pushes ran again on open, the one from two days ago too (replayed at its own time, unthrottled).
    expect(store.emulator.effects.inventoryAdjustQuantities).toBe(2);
    const now = fingerprint(store.emulator.shop);
    const saved = clock;
    activity(store, 3);
    const after = fingerprint(store.emulator.shop);
    clock = saved;
    await store.close();
    return { now, after };
  }

  it('a long journal is folded into the snapshot on open; the last day stays; the shop is the same and carries on the same', async () => {
    const ref = await reference();
    const p = copyOf('compacted');
    const journal = join(demoStoreDir(p), 'journal.jsonl');
    const store = await open(p, { maxLines: 20 });
    expect(fingerprint(store.emulator.shop)).toBe(ref.now);
    // 30 entries older than a day went into the snapshot; the 10 recent ones (with the recent push) stay.
    expect(journalSize(journal).lines).toBe(10);
    const snap = JSON.parse(gunzipSync(readFileSync(join(demoStoreDir(p), 'shop.json.gz'))).toString('utf8')) as { version: number; journal: { appliedSeq: number } };
    expect(snap).toMatchObject({ version: 2, journal: { appliedSeq: 30 } });
    // The push made in the last day is still recognised when re-sent with its key: no second effect.
    const effects = store.emulator.effects.inventoryAdjustQuantities;
    const replays = store.emulator.effects.replays;
    await adjust(store, 'recent-push');
    expect(store.emulator.effects.inventoryAdjustQuantities).toBe(effects);
    expect(store.emulator.effects.replays).toBe(replays + 1);
    await store.close();

    // Reopened: same shop; then the same activity as the reference gives the same shop (dice and numbering continue).
    const again = await open(p, { maxLines: 20 });
    expect(fingerprint(again.emulator.shop)).toBe(ref.now);
    const saved = clock;
    activity(again, 3);
    expect(fingerprint(again.emulator.shop)).toBe(ref.after);
    clock = saved;
    await again.close();
    expect(journalSize(journal).lines).toBe(14);
    expect(existsSync(`${journal}.tmp`)).toBe(false);
  });

  it.each<CompactionStep>(['before-snapshot', 'snapshot-written', 'journal-cut'])('killed at %s: the next open gives the same shop, nothing applied twice', async (step) => {
    const ref = await reference();
    const p = copyOf(`killed-${step}`);
    const killed = new Error(`killed at ${step}`);
    await expect(open(p, { maxLines: 20, onStep: (s) => {
      if (s === step) throw killed;
    } })).rejects.toBe(killed);
    // Next open without compaction (what a store below the limits does) and with it: the same shop either way.
    const plain = await open(p, NO_COMPACTION);
    expect(fingerprint(plain.emulator.shop)).toBe(ref.now);
    await plain.close();
    const store = await open(p, { maxLines: 20 });
    expect(fingerprint(store.emulator.shop)).toBe(ref.now);
    const saved = clock;
    activity(store, 3);
    expect(fingerprint(store.emulator.shop)).toBe(ref.after);
    clock = saved;
    await store.close();
    expect(journalSize(join(demoStoreDir(p), 'journal.jsonl')).lines).toBe(13);
  });

  it('a short journal, or one with nothing older than a day, is left alone', async () => {
    const p = copyOf('short');
    const journal = join(demoStoreDir(p), 'journal.jsonl');
    const before = readFileSync(journal, 'utf8');
    await (await open(p, { maxLines: 100 })).close();
    expect(readFileSync(journal, 'utf8')).toBe(before);
    await (await open(p, { maxLines: 20, keepMs: 10 * DAY })).close();
    expect(readFileSync(journal, 'utf8')).toBe(before);
  });
});
