import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, executeSync, getDirectiveValues, graphql, Kind, parse, validate, visit, type DocumentNode, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import { loadAdminSchema } from './admin-schema';
import { actualCost, MAX_QUERY_COST, requestedCost } from './cost';
import { NO_FAULTS, type Faults } from './faults';
import { applyShippingAddress, ORDER_ADDRESS_SDL, shippingAddressErrors, type MailingAddressInput } from './order-address';
import { createOrderCreate, ORDER_CREATE_SDL, type OrderCreateArgs } from './order-create';
import { EMULATOR_SDL } from './schema';
import { seedShopData, type EmuOrder, type SeedOptions, type ShopData } from './shop-data';
import { createViews, CursorError, decimal, gid, page, parseGid, withBulkMode, type PageArgs } from './views';

/** The Admin API versions the emulator answers; the connector pins one of them. */
export const EMULATED_API_VERSIONS = ['2026-01', '2026-04'] as const;
export const DEFAULT_EMULATOR_TOKEN = 'shpat_emulator_token';
/** The platform's cost buckets per plan (points, points restored per second). */
export const PLAN_BUCKETS = {
  standard: { maximumAvailable: 2000, restoreRate: 100 },
  advanced: { maximumAvailable: 4000, restoreRate: 200 },
  plus: { maximumAvailable: 20000, restoreRate: 1000 },
  enterprise: { maximumAvailable: 40000, restoreRate: 2000 },
} as const;
export type ShopPlan = keyof typeof PLAN_BUCKETS;

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
}

/** Counts of real effects the mutations had (a replayed idempotent call adds nothing). */
export interface EmulatorEffects {
  fulfillmentCreate: number;
  orderCreate: number;
  orderUpdate: number;
  inventoryAdjustQuantities: number;
  refundCreate: number;
  orderCancel: number;
  replays: number;
}

export interface Emulator {
  readonly shop: ShopData;
  readonly faults: Faults;
  readonly effects: EmulatorEffects;
  /** Requests by outcome, for tests and the CLI summary. */
  readonly stats: { requests: number; throttled: number; errors5xx: number; dropped: number; status429: number };
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
  setFaults(f: Partial<Faults>): void;
  /** Shop activity: new orders and changes to existing records, stamped with the emulator's clock. */
  simulate(opts: { newOrders?: number; orderUpdates?: number; customerUpdates?: number; stockChanges?: number; deliveries?: number }): { created: string[]; updated: string[] };
  /** Runs one GraphQL request in-process (the HTTP handler uses the same path). */
  execute(body: { query: string; variables?: Record<string, unknown> }): Promise<{ status: number; headers: Record<string, string>; body: unknown }>;
}

export function createEmulator(opts: EmulatorOptions = {}): Emulator {
  const shop = opts.shop ?? seedShopData({ orders: opts.orders ?? 200, seed: opts.seed ?? 42, now: opts.now, currency: opts.currency });
  const token = opts.token ?? DEFAULT_EMULATOR_TOKEN;
  const faults: Faults = { ...(opts.faults ?? NO_FAULTS) };
  const clock = opts.clock ?? (() => new Date());
  const random = opts.random ?? Math.random;
  const schema = buildSchema(EMULATOR_SDL + ORDER_CREATE_SDL + ORDER_ADDRESS_SDL);
  /** Shopify's published 2026-04 schema, when shipped: requests are checked against it first. */
  const adminSchema = opts.validateAgainstAdminSchema === false ? null : loadAdminSchema();
  const idempotentDirective = schema.getDirective('idempotent');
  const views = createViews(shop);
  const effects: EmulatorEffects = { fulfillmentCreate: 0, orderCreate: 0, orderUpdate: 0, inventoryAdjustQuantities: 0, refundCreate: 0, orderCancel: 0, replays: 0 };
  const stats = { requests: 0, throttled: 0, errors5xx: 0, dropped: 0, status429: 0 };
  const idempotent = new Map<string, unknown>();
  const lastAfter = new Map<string, string | null>();
  const bucket = { available: 0, at: clock().getTime() };
  const planBucket = PLAN_BUCKETS[opts.plan ?? 'standard'];
  const limits = () => faults.throttle ?? planBucket;
  bucket.available = limits().maximumAvailable;
  let pendingDrop = false;
  let baseUrl = 'http://emulator.invalid';
  interface BulkOp { n: number; query: string; status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED'; errorCode: string | null; createdAt: string; completedAt: string | null; lines: string[]; roots: number }
  const bulkOps = new Map<number, BulkOp>();
  let nextBulk = 1;
  const bulkView = (op: BulkOp) => ({
    id: gid('BulkOperation', op.n), status: op.status, errorCode: op.errorCode, type: 'QUERY', query: op.query,
    objectCount: String(op.lines.length), rootObjectCount: String(op.roots), fileSize: op.status === 'COMPLETED' ? String(op.lines.reduce((a, l) => a + l.length + 1, 0)) : null,
    url: op.status === 'COMPLETED' && op.lines.length ? `${baseUrl}/_emulator/bulk/${op.n}.jsonl` : null, partialDataUrl: null, createdAt: op.createdAt, completedAt: op.completedAt,
  });

  /** The time the emulator stamps on changes: behind the real clock when the skew fault is on. */
  const stamp = () => new Date(clock().getTime() - faults.skewSeconds * 1000).toISOString();

  plantFaultRecords(shop, faults);

  const refill = () => {
    const nowMs = clock().getTime();
    const l = limits();
    bucket.available = Math.min(l.maximumAvailable, bucket.available + ((nowMs - bucket.at) / 1000) * l.restoreRate);
    bucket.at = nowMs;
  };
  const throttleStatus = () => ({ maximumAvailable: limits().maximumAvailable, currentlyAvailable: Math.floor(bucket.available), restoreRate: limits().restoreRate });

  /** A repeated page: with the `repeat` fault on, a list query sometimes answers for the previous cursor again. */
  const maybeRepeat = (field: string, args: PageArgs): PageArgs => {
    const key = `${field}|${args.query ?? ''}|${args.sortKey ?? ''}`;
    const prev = lastAfter.get(key);
    lastAfter.set(key, args.after ?? null);
    if (faults.repeat > 0 && args.after && prev !== undefined && prev !== args.after && random() < faults.repeat) return { ...args, after: prev };
    return args;
  };

  const keyOf = (info: GraphQLResolveInfo): string | null => {
    if (!idempotentDirective) return null;
    const node = info.fieldNodes[0];
    if (!node) return null;
    const v = getDirectiveValues(idempotentDirective, node, info.variableValues);
    return v && typeof v.key === 'string' ? `${info.fieldName}:${v.key}` : null;
  };
  /** Same key → the first call's result and no second effect. */
  const once = <T>(info: GraphQLResolveInfo, effect: () => T): T => {
    const key = keyOf(info);
    if (key && idempotent.has(key)) {
      effects.replays++;
      return idempotent.get(key) as T;
    }
    const result = effect();
    if (key) idempotent.set(key, result);
    if (faults.dropAfterMutation > 0 && random() < faults.dropAfterMutation) pendingDrop = true;
    return result;
  };
  const touch = (o: EmuOrder) => {
    o.updatedAt = stamp();
  };
  const userError = (field: string[], message: string) => [{ field, message }];

  const orderCreates = createOrderCreate(shop, stamp, (o) => views.indexOrder(o));
  const root = {
    shop: () => ({ name: shop.name, myshopifyDomain: shop.domain, currencyCode: shop.currency, ianaTimezone: 'UTC' }),
    locations: (args: PageArgs & { includeInactive?: boolean }) =>
      page(args.includeInactive ? shop.locations : shop.locations.filter((l) => l.active), maybeRepeat('locations', args), views.location),
    products: (args: PageArgs) => page(shop.products, maybeRepeat('products', args), views.product),
    inventoryItems: (args: PageArgs) => page(shop.inventoryItems, maybeRepeat('inventoryItems', { ...args, sortKey: null }), views.inventoryItem),
    customers: (args: PageArgs) => page(shop.customers, maybeRepeat('customers', args), views.customer),
    orders: (args: PageArgs) => page(orderCreates.ordersBySource(shop.orders, args), maybeRepeat('orders', args), views.order),
    order: ({ id }: { id: string }) => {
      const o = shop.orderById.get(parseGid('Order', id) ?? -1);
      return o ? views.order(o) : null;
    },
    bulkOperation: ({ id }: { id: string }) => {
      const op = bulkOps.get(parseGid('BulkOperation', id) ?? -1);
      return op ? bulkView(op) : null;
    },
    bulkOperationRunQuery: ({ query }: { query: string }) => {
      if ([...bulkOps.values()].some((o) => o.status === 'RUNNING' || o.status === 'CREATED')) {
        return { bulkOperation: null, userErrors: [{ field: ['query'], message: 'A bulk query operation for this app and shop is already in progress.' }] };
      }
      let doc: DocumentNode;
      try {
        doc = parse(query);
      } catch (err) {
        return { bulkOperation: null, userErrors: [{ field: ['query'], message: (err as Error).message }] };
      }
      const errors = [...(adminSchema ? validate(adminSchema, doc) : []), ...validate(schema, doc)];
      const op = doc.definitions[0];
      const top = op?.kind === Kind.OPERATION_DEFINITION && op.operation === 'query' && op.selectionSet.selections.length === 1 ? op.selectionSet.selections[0] : undefined;
      if (errors.length || !top || top.kind !== Kind.FIELD || !top.selectionSet?.selections.some((x) => x.kind === Kind.FIELD && x.name.value === 'edges')) {
        return { bulkOperation: null, userErrors: [{ field: ['query'], message: errors[0]?.message ?? 'Bulk queries must select exactly one top-level connection with edges { node { … } }.' }] };
      }
      const bulk: BulkOp = { n: nextBulk++, query, status: 'CREATED', errorCode: null, createdAt: stamp(), completedAt: null, lines: [], roots: 0 };
      bulkOps.set(bulk.n, bulk);
      runBulk(bulk, doc, top);
      return { bulkOperation: bulkView(bulk), userErrors: [] };
    },
    product: ({ id }: { id: string }) => {
      const pid = parseGid('Product', id);
      const p = shop.products.find((x) => x.id === pid);
      return p ? views.product(p) : null;
    },

    fulfillmentCreate: (args: { fulfillment: { lineItemsByFulfillmentOrder: { fulfillmentOrderId: string; fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null }[]; trackingInfo?: { company?: string; number?: string; url?: string } | null } }, _ctx: unknown, info: GraphQLResolveInfo) =>
      once(info, () => {
        const groups = args.fulfillment.lineItemsByFulfillmentOrder;
        const o = shop.orderById.get(parseGid('FulfillmentOrder', groups[0]?.fulfillmentOrderId) ?? -1);
        if (!o || groups.some((g) => parseGid('FulfillmentOrder', g.fulfillmentOrderId) !== o.id)) return { fulfillment: null, userErrors: userError(['fulfillment', 'lineItemsByFulfillmentOrder'], 'Fulfillment order does not exist.') };
        if (o.cancelledAt) return { fulfillment: null, userErrors: userError(['fulfillment'], 'Cannot fulfill a cancelled order.') };
        const wanted = groups.flatMap((g) => g.fulfillmentOrderLineItems ?? o.lines.map((l) => ({ id: gid('FulfillmentOrderLineItem', l.id), quantity: views.remainingOf(o, l) })));
        const lines: { lineId: number; quantity: number }[] = [];
        for (const w of wanted) {
          const lineId = parseGid('FulfillmentOrderLineItem', w.id);
          const line = o.lines.find((l) => l.id === lineId);
          if (!line) return { fulfillment: null, userErrors: userError(['fulfillment', 'lineItemsByFulfillmentOrder', 'fulfillmentOrderLineItems', 'id'], `Invalid fulfillment order line item id ${w.id}.`) };
          if (w.quantity < 1 || w.quantity > views.remainingOf(o, line)) return { fulfillment: null, userErrors: userError(['fulfillment', 'lineItemsByFulfillmentOrder', 'fulfillmentOrderLineItems', 'quantity'], `Quantity ${w.quantity} exceeds the ${views.remainingOf(o, line)} left to fulfil.`) };
          if (w.quantity > 0) lines.push({ lineId: line.id, quantity: w.quantity });
        }
        const f = { id: shop.nextId.fulfillment++, status: 'SUCCESS', createdAt: stamp(), locationId: shop.locations[0]?.id ?? null, company: args.fulfillment.trackingInfo?.company ?? null, number: args.fulfillment.trackingInfo?.number ?? null, url: args.fulfillment.trackingInfo?.url ?? null, lines };
        o.fulfillments.push(f);
        o.fulfillmentStatus = o.lines.every((l) => views.remainingOf(o, l) === 0) ? 'fulfilled' : 'partial';
        touch(o);
        effects.fulfillmentCreate++;
        return { fulfillment: views.fulfillment(f, o), userErrors: [] };
      }),

    orderUpdate: (args: { input: { id: string; note?: string | null; tags?: string[] | null; email?: string | null; shippingAddress?: MailingAddressInput | null } }, _ctx: unknown, info: GraphQLResolveInfo) =>
      once(info, () => {
        const o = shop.orderById.get(parseGid('Order', args.input.id) ?? -1);
        if (!o) return { order: null, userErrors: userError(['id'], 'Order does not exist') };
        if (args.input.shippingAddress !== undefined) {
          const refused = shippingAddressErrors(o, args.input.shippingAddress);
          if (refused) return { order: null, userErrors: refused };
          applyShippingAddress(o, args.input.shippingAddress as MailingAddressInput);
        }
        if (args.input.note !== undefined) o.note = args.input.note;
        if (args.input.tags != null) o.tags = [...new Set(args.input.tags.map((t) => t.trim()).filter(Boolean))];
        if (args.input.email !== undefined) o.email = args.input.email;
        touch(o);
        effects.orderUpdate++;
        return { order: views.order(o), userErrors: [] };
      }),

    inventoryAdjustQuantities: (args: { input: { reason: string; name: string; changes: { delta: number; inventoryItemId: string; locationId: string }[] } }, _ctx: unknown, info: GraphQLResolveInfo) => {
      if (!keyOf(info)) return { inventoryAdjustmentGroup: null, userErrors: [{ field: ['input'], message: 'The @idempotent directive is required for this mutation.', code: 'IDEMPOTENCY_KEY_REQUIRED' }] };
      return once(info, () => {
        if (!['available', 'on_hand'].includes(args.input.name)) return { inventoryAdjustmentGroup: null, userErrors: [{ field: ['input', 'name'], message: `Unknown quantity name ${args.input.name}`, code: 'INVALID_QUANTITY_NAME' }] };
        const resolved = [];
        for (const [i, c] of args.input.changes.entries()) {
          const item = shop.inventoryById.get(parseGid('InventoryItem', c.inventoryItemId) ?? -1);
          const locationId = parseGid('Location', c.locationId);
          if (!item) return { inventoryAdjustmentGroup: null, userErrors: [{ field: ['input', 'changes', String(i), 'inventoryItemId'], message: 'The specified inventory item could not be found.', code: 'INVALID_INVENTORY_ITEM' }] };
          if (locationId == null || !shop.locations.some((l) => l.id === locationId)) return { inventoryAdjustmentGroup: null, userErrors: [{ field: ['input', 'changes', String(i), 'locationId'], message: 'The specified location could not be found.', code: 'INVALID_LOCATION' }] };
          resolved.push({ item, locationId, delta: c.delta });
        }
        const at = stamp();
        const changes = resolved.map(({ item, locationId, delta }) => {
          const after = (item.levels.get(locationId) ?? 0) + delta;
          item.levels.set(locationId, after);
          item.updatedAt = at;
          return { name: args.input.name, delta, quantityAfterChange: after, item: views.inventoryItem(item), location: views.location(shop.locations.find((l) => l.id === locationId)!) };
        });
        effects.inventoryAdjustQuantities++;
        return { inventoryAdjustmentGroup: { id: gid('InventoryAdjustmentGroup', shop.nextId.adjustment++), createdAt: at, reason: args.input.reason, changes }, userErrors: [] };
      });
    },

    refundCreate: (args: { input: { orderId: string; note?: string | null; refundLineItems?: { lineItemId: string; quantity: number; restockType?: string | null }[] | null; transactions?: { amount: string; gateway: string; kind: string; orderId: string }[] | null } }, _ctx: unknown, info: GraphQLResolveInfo) => {
      if (!keyOf(info)) return { refund: null, order: null, userErrors: userError(['input'], 'The @idempotent directive is required for this mutation.') };
      return once(info, () => {
        const o = shop.orderById.get(parseGid('Order', args.input.orderId) ?? -1);
        if (!o) return { refund: null, order: null, userErrors: userError(['input', 'orderId'], 'Order does not exist') };
        const lines: { lineId: number; quantity: number; amountMinor: number; restock: boolean }[] = [];
        for (const [i, r] of (args.input.refundLineItems ?? []).entries()) {
          const lineId = parseGid('LineItem', r.lineItemId);
          const line = o.lines.find((l) => l.id === lineId);
          if (!line) return { refund: null, order: null, userErrors: userError(['input', 'refundLineItems', String(i), 'lineItemId'], 'Line item does not belong to this order') };
          const refunded = o.refunds.reduce((s, x) => s + x.lines.filter((y) => y.lineId === line.id).reduce((a, y) => a + y.quantity, 0), 0);
          if (r.quantity < 1 || r.quantity > line.quantity - refunded) return { refund: null, order: null, userErrors: userError(['input', 'refundLineItems', String(i), 'quantity'], `Quantity cannot refund more items than were purchased (${line.quantity - refunded} left).`) };
          lines.push({ lineId: line.id, quantity: r.quantity, amountMinor: Math.round((line.priceMinor * line.quantity - line.discountMinor + line.taxMinor) * (r.quantity / line.quantity)), restock: r.restockType === 'RETURN' || r.restockType === 'CANCEL' });
        }
        let amountMinor = 0;
        for (const t of args.input.transactions ?? []) {
          const [whole, frac = ''] = t.amount.split('.');
          amountMinor += Number(whole) * 100 + Number((frac + '00').slice(0, 2));
        }
        const already = o.refunds.reduce((s, r) => s + r.amountMinor, 0);
        if (already + amountMinor > o.totalMinor) return { refund: null, order: null, userErrors: userError(['input', 'transactions', '0', 'amount'], `Refund amount ${decimal(amountMinor, o.currency)} is more than the ${decimal(o.totalMinor - already, o.currency)} available.`) };
        const r = { id: shop.nextId.refund++, createdAt: stamp(), note: args.input.note ?? null, amountMinor, lines };
        o.refunds.push(r);
        for (const l of lines) {
          if (!l.restock) continue;
          const line = o.lines.find((x) => x.id === l.lineId);
          const v = line?.variantId != null ? shop.variants.get(line.variantId) : undefined;
          const item = v ? shop.inventoryById.get(v.inventoryItemId) : undefined;
          const loc = shop.locations[0];
          if (item && loc) {
            item.levels.set(loc.id, (item.levels.get(loc.id) ?? 0) + l.quantity);
            item.updatedAt = r.createdAt;
          }
        }
        o.financialStatus = already + amountMinor >= o.totalMinor ? 'refunded' : 'partially_refunded';
        touch(o);
        effects.refundCreate++;
        return { refund: views.refund(r, o), order: views.order(o), userErrors: [] };
      });
    },

    orderCreate: (args: OrderCreateArgs) => {
      const r = orderCreates.orderCreate(args);
      if (r.order) effects.orderCreate++;
      if (r.order && faults.dropAfterMutation > 0 && random() < faults.dropAfterMutation) pendingDrop = true;
      return { order: r.order ? views.order(r.order) : null, userErrors: r.userErrors };
    },
    orderCancel: (args: { orderId: string; reason: string; staffNote?: string | null }, _ctx: unknown, info: GraphQLResolveInfo) =>
      once(info, () => {
        const o = shop.orderById.get(parseGid('Order', args.orderId) ?? -1);
        if (!o) return { job: null, orderCancelUserErrors: [{ field: ['orderId'], message: 'Order does not exist', code: 'NOT_FOUND' }], userErrors: [] };
        if (!o.cancelledAt) {
          o.cancelledAt = stamp();
          o.cancelReason = args.reason.toLowerCase();
          o.closed = true;
          touch(o);
          effects.orderCancel++;
        }
        return { job: { id: gid('Job', o.id), done: true }, orderCancelUserErrors: [], userErrors: [] };
      }),
  };

  /**
   * Runs a bulk query in chunks of 1,000 root objects (the server stays responsive),
   * writing JSONL: one object per line, nested connection nodes on their own lines
   * after their parent with `__parentId`.
   */
  function runBulk(op: BulkOp, doc: DocumentNode, top: FieldNode): void {
    op.status = 'RUNNING';
    const field = top.alias?.value ?? top.name.value;
    const chunkDoc = (after: string | null): DocumentNode =>
      visit(doc, {
        Field(node) {
          if (node !== top) return undefined;
          const args = node.arguments?.filter((a) => a.name.value !== 'first' && a.name.value !== 'after') ?? [];
          args.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'first' }, value: { kind: Kind.INT, value: '1000' } });
          if (after) args.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'after' }, value: { kind: Kind.STRING, value: after } });
          const pageInfo = parse('{ pageInfo { hasNextPage endCursor } }').definitions[0] as unknown as { selectionSet: { selections: FieldNode[] } };
          return { ...node, arguments: args, selectionSet: { ...node.selectionSet!, selections: [...node.selectionSet!.selections, ...pageInfo.selectionSet.selections.map((x) => ({ ...x, alias: { kind: Kind.NAME, value: '__bulkPageInfo' } }))] } };
        },
      });
    const flatten = (node: Record<string, unknown>, parentId: string | null) => {
      const own: Record<string, unknown> = {};
      const children: Record<string, unknown>[] = [];
      for (const [k, v] of Object.entries(node)) {
        if (v && typeof v === 'object' && !Array.isArray(v) && Array.isArray((v as { edges?: unknown }).edges)) {
          for (const e of (v as { edges: { node: Record<string, unknown> }[] }).edges) children.push(e.node);
        } else own[k] = v;
      }
      if (parentId) own.__parentId = parentId;
      op.lines.push(JSON.stringify(own));
      for (const c of children) flatten(c, typeof node.id === 'string' ? node.id : null);
    };
    let after: string | null = null;
    const step = () => {
      try {
        const result = withBulkMode(() => executeSync({ schema, document: chunkDoc(after), rootValue: root, typeResolver: (v) => (v as { __typename?: string }).__typename }));
        if (result.errors?.length) throw new Error(result.errors[0]!.message);
        const conn = (result.data as Record<string, { edges: { node: Record<string, unknown> }[]; __bulkPageInfo: { hasNextPage: boolean; endCursor: string | null } }>)[field]!;
        for (const e of conn.edges) {
          flatten(e.node, null);
          op.roots++;
        }
        if (conn.__bulkPageInfo.hasNextPage && conn.__bulkPageInfo.endCursor) {
          after = conn.__bulkPageInfo.endCursor;
          setImmediate(step);
          return;
        }
        op.status = 'COMPLETED';
      } catch {
        op.status = 'FAILED';
        op.errorCode = 'INTERNAL_SERVER_ERROR';
      }
      op.completedAt = stamp();
    };
    setImmediate(step);
  }

  async function execute(body: { query: string; variables?: Record<string, unknown> }): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (typeof body?.query !== 'string') return { status: 400, headers, body: { errors: 'Bad Request: a "query" string is required' } };
    let doc;
    try {
      doc = parse(body.query);
    } catch (err) {
      return { status: 200, headers, body: { errors: [{ message: (err as Error).message, extensions: { code: 'PARSE_ERROR' } }] } };
    }
    const published = adminSchema ? validate(adminSchema, doc) : [];
    if (published.length) return { status: 200, headers, body: { errors: published.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', schema: 'Admin API 2026-04 (published)' } })) } };
    const validation = validate(schema, doc);
    if (validation.length) return { status: 200, headers, body: { errors: validation.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) } };
    const variables = body.variables ?? {};
    const requested = requestedCost(schema, doc, variables);
    refill();
    if (requested > MAX_QUERY_COST) {
      return { status: 200, headers, body: { errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_QUERY_COST } }] } };
    }
    if (requested > bucket.available) {
      stats.throttled++;
      return { status: 200, headers, body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }], extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() } } } };
    }
    bucket.available -= requested;
    const isMutation = doc.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'mutation');
    const result = await graphql({ schema, source: body.query, rootValue: root, variableValues: variables, typeResolver: (v) => (v as { __typename?: string }).__typename });
    if (result.errors?.some((e) => e.originalError instanceof CursorError)) {
      bucket.available += requested;
      return { status: 200, headers, body: { errors: result.errors.map((e) => ({ message: e.message, path: e.path, extensions: { code: 'BAD_REQUEST' } })) } };
    }
    const actual = actualCost(result.data, isMutation);
    bucket.available = Math.min(limits().maximumAvailable, bucket.available + Math.max(0, requested - actual));
    return {
      status: 200,
      headers,
      body: { ...(result.errors ? { errors: result.errors.map((e) => ({ message: e.message, path: e.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } })) } : {}), data: result.data, extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: throttleStatus() } } },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const url = new URL(req.url ?? '/', 'http://emulator');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (url.pathname === '/_emulator/summary' && req.method === 'GET') return send(200, summary());
    if (url.pathname === '/_emulator/simulate' && req.method === 'POST') {
      try {
        return send(200, simulateChanges(JSON.parse(raw || '{}') as Parameters<Emulator['simulate']>[0]));
      } catch (err) {
        return send(400, { error: (err as Error).message });
      }
    }
    const bulkFile = /^\/_emulator\/bulk\/(\d+)\.jsonl$/.exec(url.pathname);
    if (bulkFile && req.method === 'GET') {
      const op = bulkOps.get(Number(bulkFile[1]));
      if (!op || op.status !== 'COMPLETED') return send(404, { errors: 'Not Found' });
      res.writeHead(200, { 'content-type': 'application/jsonl' });
      res.end(op.lines.join('\n') + '\n');
      return;
    }
    const m = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
    if (!m) return send(404, { errors: 'Not Found' });
    if (req.method !== 'POST') return send(405, { errors: 'Method Not Allowed' }, { allow: 'POST' });
    if (!(EMULATED_API_VERSIONS as readonly string[]).includes(m[1] as string)) return send(404, { errors: `API version ${m[1]} is not supported by this emulator (${EMULATED_API_VERSIONS.join(', ')})` });
    if (req.headers['x-shopify-access-token'] !== token) return send(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });

    if (faults.slowMs) await new Promise((r) => setTimeout(r, faults.slowMs));
    if (faults.drop && random() < faults.drop) {
      stats.dropped++;
      req.socket.destroy();
      return;
    }
    for (const [status, p] of [[500, faults.status500], [502, faults.status502], [503, faults.status503]] as const) {
      if (p && random() < p) {
        stats.errors5xx++;
        return send(status, status === 500 ? { errors: 'Internal Server Error' } : `<html><body>${status} Service unavailable</body></html>`, status === 500 ? {} : { 'content-type': 'text/html' });
      }
    }
    if (faults.status429 && random() < faults.status429) {
      stats.status429++;
      return send(429, { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, { 'retry-after': '1.0' });
    }
    let body: { query: string; variables?: Record<string, unknown> };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return send(400, { errors: 'Bad Request: body is not JSON' });
    }
    const out = await execute(body);
    if (pendingDrop) {
      // The change is made, the answer is lost: the client must find out by retrying with the same key.
      pendingDrop = false;
      stats.dropped++;
      req.socket.destroy();
      return;
    }
    send(out.status, out.body, out.headers);
  }

  function summary() {
    return {
      shop: shop.domain,
      locations: shop.locations.length,
      products: shop.products.length,
      variants: shop.variants.size,
      inventoryItems: shop.inventoryItems.length,
      customers: shop.customers.length,
      orders: shop.orders.length,
      lineItems: shop.orders.reduce((s, o) => s + o.lines.length, 0),
      fulfillments: shop.orders.reduce((s, o) => s + o.fulfillments.length, 0),
      refunds: shop.orders.reduce((s, o) => s + o.refunds.length, 0),
      effects,
      stats,
    };
  }

  function simulateChanges(o: Parameters<Emulator['simulate']>[0]) {
    const created: string[] = [];
    const updated: string[] = [];
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    /** n different records: "2 updates" always means two records changed. */
    const sample = <T>(list: readonly T[], n: number): T[] => {
      const chosen = new Set<number>();
      while (chosen.size < Math.min(n, list.length)) chosen.add(Math.floor(random() * list.length));
      return [...chosen].map((i) => list[i] as T);
    };
    // Updates touch orders that existed before this call, so they are not also counted as new.
    const existingOrders = shop.orders.slice();
    for (let i = 0; i < (o.newOrders ?? 0); i++) {
      const template = pick(shop.orders.filter((x) => !x.malformed));
      const at = stamp();
      const id = shop.nextId.order++;
      const number = shop.orders.reduce((m, x) => Math.max(m, x.number), 1000) + 1;
      const order: EmuOrder = {
        ...structuredClone(template), id, number, createdAt: at, updatedAt: at, financialStatus: 'paid', fulfillmentStatus: 'unfulfilled', closed: false, cancelledAt: null, cancelReason: null,
        fulfillments: [], refunds: [], note: null, tags: [], customAttributes: [],
        lines: template.lines.map((l) => ({ ...l, id: shop.nextId.line++ })),
      };
      order.malformed = undefined;
      shop.orders.push(order);
      shop.orderById.set(id, order);
      views.indexOrder(order);
      created.push(gid('Order', id));
    }
    for (const x of sample(existingOrders, o.orderUpdates ?? 0)) {
      x.tags = [...new Set([...x.tags, 'vip'])];
      x.note = `Updated by the shop at ${stamp()}`;
      x.updatedAt = stamp();
      updated.push(gid('Order', x.id));
    }
    for (const c of sample(shop.customers, o.customerUpdates ?? 0)) {
      c.note = `Called the shop on ${stamp().slice(0, 10)}`;
      c.updatedAt = stamp();
      updated.push(gid('Customer', c.id));
    }
    for (const item of sample(shop.inventoryItems, o.stockChanges ?? 0)) {
      const loc = shop.locations[0];
      if (!loc) break;
      item.levels.set(loc.id, (item.levels.get(loc.id) ?? 0) + 5);
      item.updatedAt = stamp();
      updated.push(gid('InventoryItem', item.id));
    }
    // Carriers confirm parcels still on their way: the fulfilment gets its delivery time and the order changes.
    const inTransit = shop.orders.flatMap((x) => x.fulfillments.filter((f) => f.status === 'SUCCESS' && !f.deliveredAt).map((f) => ({ x, f })));
    for (const { x, f } of sample(inTransit, o.deliveries ?? 0)) {
      f.deliveredAt = stamp();
      x.updatedAt = f.deliveredAt;
      updated.push(gid('Order', x.id));
    }
    return { created, updated };
  }

  let server: Server | null = null;
  return {
    shop,
    faults,
    effects,
    stats,
    execute,
    simulate: simulateChanges,
    setFaults(f) {
      Object.assign(faults, f);
      refill();
      bucket.available = Math.min(bucket.available, limits().maximumAvailable);
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
          baseUrl = `http://${host}:${a.port}`;
          resolve({ url: `http://${host}:${a.port}`, port: a.port });
        });
      });
    },
    close() {
      const s = server;
      server = null;
      if (!s) return Promise.resolve();
      s.closeAllConnections();
      return new Promise((resolve) => s.close(() => resolve()));
    },
  };
}

/** Test cards of the card schemes (they pass Luhn): what a careless note or attribute could carry. */
export const PLANTED_CARD_NUMBERS = ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005'];

function plantFaultRecords(shop: ShopData, faults: Faults): void {
  const candidates = shop.orders.filter((o) => o.lines.length > 0);
  for (let i = 0; i < Math.min(faults.malformed, candidates.length); i++) {
    const o = candidates[Math.floor(((i + 1) * candidates.length) / (faults.malformed + 1))] as EmuOrder;
    o.malformed = i % 2 === 0 ? 'amount' : 'quantity';
    if (i === 0) o.note = `Customer phoned, paid by card ${PLANTED_CARD_NUMBERS[0]} exp 12/29`;
  }
  if (faults.cards) {
    const valid = shop.orders.filter((o) => !o.malformed);
    const o = valid[Math.floor(valid.length / 3)];
    if (o) {
      o.note = `Please charge ${PLANTED_CARD_NUMBERS[0]} for the upgrade`;
      o.customAttributes = [{ key: 'gift_message', value: `card ${PLANTED_CARD_NUMBERS[1]}` }];
    }
    const c = shop.customers[Math.floor(shop.customers.length / 2)];
    if (c?.addresses[0]) c.addresses[0].address2 = `PO ${PLANTED_CARD_NUMBERS[2]}`;
  }
}
