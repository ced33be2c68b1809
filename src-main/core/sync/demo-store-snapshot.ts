import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ShopData } from '../../emulator';

/**
 * The demo store's shop as it was generated, saved once when the store is
 * created. Later opens load it instead of running the generator again, so a
 * newer Orderhouse whose demo generator draws differently cannot change the
 * history a workspace already imported (ids, numbers, amounts stay the same).
 *
 * A compacted snapshot (version 2, demo-store-journal.ts) is the shop with the
 * journal's first entries applied: it records the last journal entry it holds
 * (`appliedSeq`, so those entries are never applied twice) and where the store's
 * activity dice stood then (`rng`, so later entries replay as they first ran).
 * A version 1 reader refuses it rather than replay the journal over it twice.
 */
type InventoryRow = Omit<ShopData['inventoryItems'][number], 'levels' | 'levelUpdatedAt'> & { levels: [number, number][]; levelUpdatedAt?: [number, string][] };
export interface SnapshotJournal { appliedSeq: number; rng: [number, number, number, number]; compactedAt: string }
interface Snapshot {
  version: 1 | 2;
  journal?: SnapshotJournal;
  shop: Omit<ShopData, 'variants' | 'inventoryItems' | 'inventoryById' | 'customerById' | 'orderById'> & { inventoryItems: InventoryRow[] };
}

/** The shop as it is now, gzipped (taken at once: later changes to `shop` do not reach it). */
export function encodeShopSnapshot(shop: ShopData, journal?: SnapshotJournal): Buffer {
  const { variants: _v, inventoryById: _i, customerById: _c, orderById: _o, inventoryItems, ...rest } = shop;
  const snap: Snapshot = {
    version: journal ? 2 : 1,
    ...(journal ? { journal } : {}),
    shop: { ...rest, inventoryItems: inventoryItems.map((it) => ({ ...it, levels: [...it.levels.entries()], levelUpdatedAt: [...it.levelUpdatedAt.entries()] })) },
  };
  return gzipSync(JSON.stringify(snap));
}

/** Replaces `file` with `content` so that a crash at any moment leaves the old file or the new one, whole. */
export function replaceFileDurably(file: string, content: Buffer | string): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  // The rename itself reaches the disk with the folder's entry.
  try {
    const dir = openSync(dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some platforms cannot open a folder for syncing (Windows); the rename is still atomic there.
  }
}

export function saveShopSnapshot(file: string, shop: ShopData): void {
  replaceFileDurably(file, encodeShopSnapshot(shop));
}

/** The snapshot and, when it is a compacted one, the journal position and dice it holds. */
export function loadDemoSnapshot(file: string): { shop: ShopData; journal: SnapshotJournal | null } | null {
  if (!existsSync(file)) return null;
  const snap = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Snapshot;
  if (snap.version !== 1 && snap.version !== 2) throw new Error(`${file} is from a newer Orderhouse (snapshot version ${String(snap.version)}).`);
  const s = snap.shop;
  // Maps are rebuilt over the same objects as the lists, as the generator builds them.
  // Snapshots written before levels had their own time have none: each level then reads as changed with its item.
  const inventoryItems = s.inventoryItems.map((it) => ({ ...it, levels: new Map(it.levels), levelUpdatedAt: new Map(it.levelUpdatedAt ?? []) }));
  const shop: ShopData = {
    ...s,
    variants: new Map(s.products.flatMap((p) => p.variants.map((v) => [v.id, v] as const))),
    inventoryItems,
    inventoryById: new Map(inventoryItems.map((it) => [it.id, it])),
    customerById: new Map(s.customers.map((c) => [c.id, c])),
    orderById: new Map(s.orders.map((o) => [o.id, o])),
  };
  return { shop, journal: snap.version === 2 && snap.journal ? snap.journal : null };
}

export function loadShopSnapshot(file: string): ShopData | null {
  return loadDemoSnapshot(file)?.shop ?? null;
}
