import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema } from 'graphql';
import { loadAdminSchema } from './admin-schema';
import { createBulkOperations } from './bulk';
import type { EmuContext, EmulatorEffects, EmulatorStats } from './context';
import { createExecutor, type GraphqlAnswer, type GraphqlRequest } from './execute';
import { NO_FAULTS, type Faults } from './faults';
import { createHttpHandler } from './http';
import { createIdempotency } from './idempotency';
import { createMutationResolvers } from './mutations';
import { ORDER_ADDRESS_SDL } from './order-address';
import { createOrderCreate, ORDER_CREATE_SDL } from './order-create';
import { createQueryResolvers } from './queries';
import { EMULATOR_SDL } from './schema';
import { seedShopData, type SeedOptions, type ShopData } from './shop-data';
import { plantFaultRecords, simulateChanges, type SimulateRequest } from './simulate';
import { createCostBucket, type ShopPlan } from './throttle';
import { createViews } from './views';

/*
 * The Shopify-wire emulator, assembled from its parts: http.ts (routes, token, transport
 * faults), execute.ts (validation, cost, throttling), queries.ts / mutations.ts / bulk.ts
 * (the resolvers), simulate.ts (shop activity and planted records). They share one EmuContext.
 */

export { PLAN_BUCKETS, type ShopPlan } from './throttle';
export { PLANTED_CARD_NUMBERS } from './simulate';
export type { EmulatorEffects } from './context';

/** The Admin API versions the emulator answers; the connector pins one of them. */
export const EMULATED_API_VERSIONS = ['2026-01', '2026-04'] as const;
export const DEFAULT_EMULATOR_TOKEN = 'shpat_emulator_token';

export interface EmulatorOptions extends Partial<SeedOptions> {
  /** Seeded shop data; default: generated from the demo generator with `orders`/`seed`. */
  shop?: ShopData;
  token?: string;
  /** Cost bucket of the shop's plan; default standard (2,000 points, 100 per second). */
  plan?: ShopPlan;
  faults?: Faults;
  /** The emulator's clock (tests pass a fixed or stepping clock). */
  now?: Date;
  clock?: () => Date;
  /** Check every request against Shopify's published 2026-04 schema too (default true when the file is shipped). */
  validateAgainstAdminSchema?: boolean;
  /** Deterministic fault dice for tests; default Math.random. */
  random?: () => number;
  /** Under which folder bulk results are written (a folder of this emulator's own, removed on close); default the OS temp dir. */
  bulkDir?: string;
}

export interface Emulator {
  readonly shop: ShopData;
  readonly faults: Faults;
  readonly effects: EmulatorEffects;
  /** Requests by outcome, for tests and the CLI summary. */
  readonly stats: EmulatorStats;
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Stops the server and removes the bulk result files. */
  close(): Promise<void>;
  setFaults(f: Partial<Faults>): void;
  /** Shop activity: new orders and changes to existing records, stamped with the emulator's clock. */
  simulate(opts: SimulateRequest): { created: string[]; updated: string[] };
  /** Runs one GraphQL request in-process (the HTTP handler uses the same path). */
  execute(body: GraphqlRequest): Promise<GraphqlAnswer>;
}

export function createEmulator(opts: EmulatorOptions = {}): Emulator {
  const shop = opts.shop ?? seedShopData({ orders: opts.orders ?? 200, seed: opts.seed ?? 42, now: opts.now, currency: opts.currency });
  const faults: Faults = { ...(opts.faults ?? NO_FAULTS) };
  const clock = opts.clock ?? (() => new Date());
  const ctx: EmuContext = {
    shop,
    faults,
    views: createViews(shop),
    effects: { fulfillmentCreate: 0, orderCreate: 0, orderUpdate: 0, inventoryAdjustQuantities: 0, refundCreate: 0, orderCancel: 0, replays: 0 },
    stats: { requests: 0, throttled: 0, errors5xx: 0, dropped: 0, status429: 0 },
    schema: buildSchema(EMULATOR_SDL + ORDER_CREATE_SDL + ORDER_ADDRESS_SDL),
    adminSchema: opts.validateAgainstAdminSchema === false ? null : loadAdminSchema(),
    clock,
    random: opts.random ?? Math.random,
    stamp: () => new Date(clock().getTime() - faults.skewSeconds * 1000).toISOString(),
    pendingDrop: false,
    pendingHold: false,
    baseUrl: 'http://emulator.invalid',
  };
  const bucket = createCostBucket(clock, faults, opts.plan ?? 'standard');

  plantFaultRecords(shop, faults);

  const orderCreates = createOrderCreate(shop, ctx.stamp, (o) => ctx.views.indexOrder(o));
  const bulk = createBulkOperations(ctx, () => root, { dir: opts.bulkDir });
  const root: Record<string, unknown> = {
    ...createQueryResolvers(ctx, orderCreates),
    ...bulk.resolvers,
    ...createMutationResolvers(ctx, createIdempotency(ctx), orderCreates),
  };
  const execute = createExecutor(ctx, bucket, root);
  const handle = createHttpHandler(ctx, { token: opts.token ?? DEFAULT_EMULATOR_TOKEN, apiVersions: EMULATED_API_VERSIONS, execute, bulkFile: bulk.file });

  let server: Server | null = null;
  return {
    shop,
    faults,
    effects: ctx.effects,
    stats: ctx.stats,
    execute,
    simulate: (o) => simulateChanges(ctx, o),
    setFaults(f) {
      Object.assign(faults, f);
      bucket.clamp();
    },
    listen(port = 0, host = '127.0.0.1') {
      server = createServer((req, res) => {
        handle(req, res).catch((err: unknown) => {
          if (!res.headersSent) {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ errors: `emulator failure: ${(err as Error).message}` }));
          }
        });
      });
      const s = server;
      return new Promise((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => {
          const a = s.address() as AddressInfo;
          ctx.baseUrl = `http://${host}:${a.port}`;
          resolve({ url: `http://${host}:${a.port}`, port: a.port });
        });
      });
    },
    close() {
      const s = server;
      server = null;
      bulk.close();
      if (!s) return Promise.resolve();
      s.closeAllConnections();
      return new Promise((resolve) => s.close(() => resolve()));
    },
  };
}
