import { join } from 'node:path';
import type { EventMap } from '../../../src-shared/contract';
import type { CoreContext } from '../context';
import { connectionInfo, loadConnectionWith } from './connection';
import { DEMO_STORE_TOKEN, DEMO_STORE_URL, openDemoStore, type DemoStore } from './demo-store';
import { createSyncEngine, type SyncEngine } from './engine';
import { keyFileSecrets } from './secret-store';
import { createShopifyConnector } from './shopify/connector';

export interface EngineSourceOptions {
  connectorOptions?: { baseBackoffMs?: number; maxAttempts?: number; bulkPollMs?: number; bulkChunk?: number };
  /** Long-running hosts let the demo store's orders arrive on their own; CLI runs do not. */
  arrivals?: boolean;
  /** Arrival spacing (tests shorten it). */
  arrivalMs?: { min: number; max: number };
  /** Sees every progress event of the engine (the service keeps the run's live progress for status). */
  observe?: (p: EventMap['sync.progress']) => void;
}

/**
 * The engine for the workspace's current connection: a real shop, or the
 * built-in demo store (started here, inside the core, on first use). Rebuilt
 * when the connection changes; the demo store is closed when it is no longer
 * the connection or the core closes.
 */
export function createEngineSource(ctx: CoreContext, opts: EngineSourceOptions = {}) {
  let engine: SyncEngine | null = null;
  let engineFor = '';
  let demo: DemoStore | null = null;
  let demoOpening: Promise<DemoStore> | null = null;
  let arrivals = opts.arrivals ?? false;
  let arrivalMs = opts.arrivalMs;

  async function demoStore(): Promise<DemoStore> {
    if (demo) return demo;
    demoOpening ??= openDemoStore(ctx.paths, { clock: () => ctx.clock.now() }).then((d) => {
      demo = d;
      if (arrivals) d.startArrivals(arrivalMs ? { minMs: arrivalMs.min, maxMs: arrivalMs.max } : undefined);
      return d;
    });
    try {
      return await demoOpening;
    } finally {
      demoOpening = null;
    }
  }

  async function closeDemo() {
    const d = demo;
    demo = null;
    await d?.close();
  }

  return {
    /** The engine for the current connection, or null when nothing is connected. */
    async engine(): Promise<SyncEngine | null> {
      const info = connectionInfo(ctx.paths);
      if (!info) {
        await closeDemo();
        engine = null;
        engineFor = '';
        return null;
      }
      const conn = await loadConnectionWith(ctx.paths, ctx.secrets ?? keyFileSecrets);
      if (!conn) return null;
      const key = `${conn.demo ? 'demo' : conn.shopUrl}|${conn.token}`;
      if (engine && engineFor === key) return engine;
      if (!conn.demo) await closeDemo();
      // Bulk results are streamed to disk in the workspace, so a restart reads on from the file (shopify/bulk-file.ts).
      const workDir = join(ctx.paths.dir, 'sync');
      const connector = conn.demo
        ? createShopifyConnector({ shopUrl: DEMO_STORE_URL, token: DEMO_STORE_TOKEN, currency: conn.currency, bulkPollMs: 200, workDir, ...opts.connectorOptions, fetch: (await demoStore()).fetch })
        : createShopifyConnector({ shopUrl: conn.shopUrl, token: conn.token, currency: conn.currency, workDir, ...opts.connectorOptions });
      engine = createSyncEngine({ sqlite: ctx.sqlite, connector, now: () => ctx.clock.now(), before: () => ctx.closingWork, emit: (e, p) => {
          if (e === 'sync.progress') opts.observe?.(p as EventMap['sync.progress']);
          ctx.emit(e, p);
        },
      });
      engineFor = key;
      return engine;
    },
    /** The engine built last, without touching the connection (status, cancel checks). */
    get current(): SyncEngine | null {
      return engine;
    },
    get demoStore(): DemoStore | null {
      return demo;
    },
    /** Turns the demo store's arrivals on (long-running hosts). */
    enableArrivals(spacing?: { min: number; max: number }) {
      arrivals = true;
      if (spacing) arrivalMs = spacing;
      if (demo) demo.startArrivals(arrivalMs ? { minMs: arrivalMs.min, maxMs: arrivalMs.max } : undefined);
    },
    forget() {
      engine = null;
      engineFor = '';
    },
    async close() {
      engine = null;
      engineFor = '';
      await closeDemo();
    },
  };
}
export type EngineSource = ReturnType<typeof createEngineSource>;
