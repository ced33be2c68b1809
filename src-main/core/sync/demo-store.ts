import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, seedShopData, type Emulator } from '../../emulator';
import { encodeShopSnapshot, loadDemoSnapshot, replaceFileDurably, saveShopSnapshot } from './demo-store-snapshot';
import { compactionCut, createJournalWriter, cutJournal, DEFAULT_COMPACTION, readJournal, type CompactionLimits, type JournalEntry } from './demo-store-journal';
import { Rng } from '../demo/random';
import type { WorkspacePaths } from '../workspace/workspace';

/**
 * The built-in demo store: the Shopify-wire emulator, started inside the core
 * on 127.0.0.1 (a random port), which the ordinary Shopify connector and sync
 * engine talk to. No account, no internet.
 *
 * Restarts must not change history under the workspace: what the workspace
 * pulled before must still be there, with the same ids. So the store is a pure
 * function of its folder (`<workspace>/demo-store/`):
 *   - store.json: the seed, the order count and the moment the shop was generated
 *     (the generator is deterministic in (seed, orders, now));
 *   - shop.json.gz: the shop as generated then, so a later generator cannot change it;
 *   - journal.jsonl: every event that changed it since, in order — arrivals
 *     ("3 new orders, 1 update, 1 stock change at T") and the mutations the
 *     workspace pushed (fulfilments, refunds, stock adjustments);
 *   - emulator-bulk-XXXXXX/: bulk operation results while the store runs (not part of its state).
 * Opening the store loads the shop and replays the journal with the
 * emulator's clock set to each event's time and its dice seeded from the seed,
 * so every id, number and timestamp comes out the same as before. A long
 * journal is compacted on open into a new shop.json.gz (demo-store-journal.ts).
 */
export const DEMO_STORE_ORDERS = 5_000;
export const DEMO_STORE_SEED = 7;
/** Where the connector is pointed; the demo store's fetch swaps it for the live address. */
export const DEMO_STORE_URL = 'http://demo-store.invalid';
/** The token the connector sends to the demo store: part of the program, not a secret. */
export const DEMO_STORE_TOKEN = DEFAULT_EMULATOR_TOKEN;

interface StoreFile { seed: number; orders: number; generatedAt: string }
/** Steps of a compaction, for tests that kill the store between them. */
export type CompactionStep = 'before-snapshot' | 'snapshot-written' | 'journal-cut';
export interface DemoStoreOptions {
  clock?: () => Date;
  compaction?: Partial<CompactionLimits> & { onStep?: (step: CompactionStep) => void };
}

export interface DemoStore {
  readonly url: string;
  readonly emulator: Emulator;
  /** fetch for the connector: requests to DEMO_STORE_URL go to the live emulator, mutations are journalled. */
  fetch: typeof fetch;
  /** New shop activity now (journalled); what the arrival timer calls. */
  arrive(counts?: { newOrders?: number; orderUpdates?: number; stockChanges?: number }): { created: string[]; updated: string[] };
  /** Orders keep arriving every minMs–maxMs until stopped. */
  startArrivals(opts?: { minMs?: number; maxMs?: number }): void;
  stopArrivals(): void;
  close(): Promise<void>;
}

export const demoStoreDir = (paths: WorkspacePaths) => join(paths.dir, 'demo-store');

/** Writes store.json for a new demo store (first run); refuses to replace an existing one. */
export function initDemoStore(paths: WorkspacePaths, opts: { seed?: number; orders?: number; now: Date }): void {
  const dir = demoStoreDir(paths);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'store.json');
  if (existsSync(file)) return;
  const content: StoreFile = { seed: opts.seed ?? DEMO_STORE_SEED, orders: opts.orders ?? DEMO_STORE_ORDERS, generatedAt: opts.now.toISOString() };
  writeFileSync(`${file}.tmp`, JSON.stringify(content, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

function readStoreFile(paths: WorkspacePaths): StoreFile {
  const file = join(demoStoreDir(paths), 'store.json');
  if (!existsSync(file)) throw new Error(`The demo store's ${file} is missing; create the demo store again from the first-run screen.`);
  const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoreFile>;
  if (typeof s.seed !== 'number' || typeof s.orders !== 'number' || typeof s.generatedAt !== 'string') throw new Error(`${file} is incomplete (seed, orders, generatedAt).`);
  return { seed: s.seed, orders: s.orders, generatedAt: s.generatedAt };
}

/** Regenerates the demo store from its folder, replays its journal and starts it on 127.0.0.1. */
export async function openDemoStore(paths: WorkspacePaths, opts: DemoStoreOptions = {}): Promise<DemoStore> {
  const spec = readStoreFile(paths);
  const journalFile = join(demoStoreDir(paths), 'journal.jsonl');
  const realClock = opts.clock ?? (() => new Date());
  let replayAt: Date | null = null;
  let rng = Rng.derive(spec.seed, 'demo-store-activity');
  // The shop as generated when the store was created (see demo-store-snapshot.ts); generated and saved on first open.
  // A compacted snapshot holds the journal up to appliedSeq, and the dice as they stood there.
  const snapshotFile = join(demoStoreDir(paths), 'shop.json.gz');
  const snap = loadDemoSnapshot(snapshotFile);
  let shop = snap?.shop ?? null;
  const appliedSeq = snap?.journal?.appliedSeq ?? 0;
  if (snap?.journal) rng = Rng.fromState(snap.journal.rng);
  if (!shop) {
    shop = seedShopData({ orders: spec.orders, seed: spec.seed, now: new Date(spec.generatedAt) });
    saveShopSnapshot(snapshotFile, shop);
  }
  const emulator = createEmulator({
    shop,
    plan: 'enterprise',
    clock: () => replayAt ?? realClock(),
    random: () => rng.u32() / 2 ** 32,
    // The connector's queries are checked in the emulator's tests; a demo run need not pay for it.
    validateAgainstAdminSchema: false,
    // Bulk results go to files in a folder of the store's own there (removed on close, or by the next open after a crash).
    bulkDir: demoStoreDir(paths),
  });
  // A journalled mutation took effect when it was made: replaying it is not a client's request, so no cost bucket
  // applies (replayed at its own, earlier time, it used to find the bucket drained and be dropped as THROTTLED).
  const replayMutation = async (body: { query: string; variables?: Record<string, unknown> }) => {
    emulator.setFaults({ throttle: { maximumAvailable: Number.MAX_SAFE_INTEGER, restoreRate: Number.MAX_SAFE_INTEGER } });
    try {
      const res = await emulator.execute(body);
      const errors = (res.body as { errors?: { message: string }[] }).errors;
      if (errors?.length) console.warn(`Demo store: a journalled change could not be applied again: ${errors.map((x) => x.message).join('; ')}`);
    } finally {
      emulator.setFaults({ throttle: null });
    }
  };
  const { entries, bytes } = readJournal(journalFile);
  const limits = { ...DEFAULT_COMPACTION, ...opts.compaction };
  const cut = compactionCut(entries, bytes, appliedSeq, limits, realClock());
  let compacted: Buffer | null = null;
  for (const e of entries) {
    // Already in the snapshot: a compaction was stopped before it could cut the journal.
    if (e.seq <= appliedSeq) continue;
    replayAt = new Date(e.at);
    if (e.t === 'arrivals') emulator.simulate({ newOrders: e.newOrders, orderUpdates: e.orderUpdates, stockChanges: e.stockChanges });
    else await replayMutation(e.body);
    // The shop as it stands after the last entry to fold in, taken before later entries change it.
    if (e.seq === cut) compacted = encodeShopSnapshot(shop, { appliedSeq: cut, rng: rng.state(), compactedAt: realClock().toISOString() });
  }
  replayAt = null;
  if (compacted && cut !== null) {
    opts.compaction?.onStep?.('before-snapshot');
    replaceFileDurably(snapshotFile, compacted);
    opts.compaction?.onStep?.('snapshot-written');
    cutJournal(journalFile, entries, cut);
    opts.compaction?.onStep?.('journal-cut');
  } else if (entries.some((e) => e.seq <= appliedSeq)) {
    // A compaction stopped after writing the snapshot: finish it by cutting what the snapshot holds.
    cutJournal(journalFile, entries, appliedSeq);
  }
  const { url } = await emulator.listen(0, '127.0.0.1');
  const writer = createJournalWriter(journalFile, Math.max(appliedSeq, entries[entries.length - 1]?.seq ?? 0));
  const journal = (e: JournalEntry) => writer.append(e);

  const demoFetch: typeof fetch = async (input, init) => {
    const target = String(input instanceof Request ? input.url : input);
    const real = target.startsWith(DEMO_STORE_URL) ? url + target.slice(DEMO_STORE_URL.length) : target;
    const at = realClock().toISOString();
    const res = await fetch(real, init);
    // A mutation that took effect is journalled, so a restarted store still has the fulfilment or refund it made.
    // One answered with errors (THROTTLED, a query the schema refuses) did not run, and must not run on replay.
    if (res.ok && typeof init?.body === 'string' && /^\s*mutation\b/.test(bodyQuery(init.body))) {
      const body = JSON.parse(init.body) as { query: string; variables?: Record<string, unknown> };
      const answer = (await res.clone().json().catch(() => null)) as { errors?: unknown[] } | null;
      if (!/bulkOperationRunQuery/.test(body.query) && answer && !answer.errors?.length) journal({ t: 'mutation', at, body });
    }
    return res;
  };

  let timer: NodeJS.Timeout | null = null;
  const store: DemoStore = {
    url,
    emulator,
    fetch: demoFetch,
    arrive(counts = {}) {
      const e: JournalEntry = {
        t: 'arrivals',
        at: realClock().toISOString(),
        newOrders: counts.newOrders ?? 1 + Math.floor(Math.random() * 3),
        orderUpdates: counts.orderUpdates ?? (Math.random() < 0.5 ? 1 : 0),
        stockChanges: counts.stockChanges ?? 1,
      };
      journal(e);
      return emulator.simulate({ newOrders: e.newOrders, orderUpdates: e.orderUpdates, stockChanges: e.stockChanges });
    },
    startArrivals({ minMs = 20_000, maxMs = 60_000 } = {}) {
      if (timer) return;
      const next = () => {
        timer = setTimeout(() => {
          store.arrive();
          next();
        }, minMs + Math.random() * (maxMs - minMs));
        timer.unref();
      };
      next();
    },
    stopArrivals() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
    async close() {
      store.stopArrivals();
      await emulator.close();
    },
  };
  return store;
}

function bodyQuery(raw: string): string {
  try {
    return String((JSON.parse(raw) as { query?: unknown }).query ?? '');
  } catch {
    return '';
  }
}
