import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, seedShopData, type Emulator } from '../../emulator';
import { loadShopSnapshot, saveShopSnapshot } from './demo-store-snapshot';
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
 *     workspace pushed (fulfilments, refunds, stock adjustments).
 * Opening the store regenerates the shop and replays the journal with the
 * emulator's clock set to each event's time and its dice seeded from the seed,
 * so every id, number and timestamp comes out the same as before.
 */
export const DEMO_STORE_ORDERS = 5_000;
export const DEMO_STORE_SEED = 7;
/** Where the connector is pointed; the demo store's fetch swaps it for the live address. */
export const DEMO_STORE_URL = 'http://demo-store.invalid';
/** The token the connector sends to the demo store: part of the program, not a secret. */
export const DEMO_STORE_TOKEN = DEFAULT_EMULATOR_TOKEN;

interface StoreFile { seed: number; orders: number; generatedAt: string }
type JournalEntry =
  | { t: 'arrivals'; at: string; newOrders: number; orderUpdates: number; stockChanges: number }
  | { t: 'mutation'; at: string; body: { query: string; variables?: Record<string, unknown> } };

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

function readJournal(file: string): JournalEntry[] {
  if (!existsSync(file)) return [];
  const out: JournalEntry[] = [];
  const text = readFileSync(file, 'utf8');
  let whole = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) {
      try {
        out.push(JSON.parse(line) as JournalEntry);
      } catch {
        // A line cut short by a crash mid-append: it is the last one. Cut it off, or
        // every entry appended after it would be lost at the next open.
        writeFileSync(file, text.slice(0, whole), { mode: 0o600 });
        break;
      }
    }
    whole += line.length + 1;
  }
  return out;
}

/** Regenerates the demo store from its folder, replays its journal and starts it on 127.0.0.1. */
export async function openDemoStore(paths: WorkspacePaths, opts: { clock?: () => Date } = {}): Promise<DemoStore> {
  const spec = readStoreFile(paths);
  const journalFile = join(demoStoreDir(paths), 'journal.jsonl');
  const realClock = opts.clock ?? (() => new Date());
  let replayAt: Date | null = null;
  const rng = Rng.derive(spec.seed, 'demo-store-activity');
  // The shop as generated when the store was created (see demo-store-snapshot.ts); generated and saved on first open.
  const snapshotFile = join(demoStoreDir(paths), 'shop.json.gz');
  let shop = loadShopSnapshot(snapshotFile);
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
  });
  for (const e of readJournal(journalFile)) {
    replayAt = new Date(e.at);
    if (e.t === 'arrivals') emulator.simulate({ newOrders: e.newOrders, orderUpdates: e.orderUpdates, stockChanges: e.stockChanges });
    else await emulator.execute(e.body);
  }
  replayAt = null;
  const { url } = await emulator.listen(0, '127.0.0.1');
  const journal = (e: JournalEntry) => appendFileSync(journalFile, JSON.stringify(e) + '\n', { mode: 0o600 });

  const demoFetch: typeof fetch = async (input, init) => {
    const target = String(input instanceof Request ? input.url : input);
    const real = target.startsWith(DEMO_STORE_URL) ? url + target.slice(DEMO_STORE_URL.length) : target;
    const at = realClock().toISOString();
    const res = await fetch(real, init);
    // A mutation that took effect is journalled, so a restarted store still has the fulfilment or refund it made.
    if (res.ok && typeof init?.body === 'string' && /^\s*mutation\b/.test(bodyQuery(init.body))) {
      const body = JSON.parse(init.body) as { query: string; variables?: Record<string, unknown> };
      if (!/bulkOperationRunQuery/.test(body.query)) journal({ t: 'mutation', at, body });
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
