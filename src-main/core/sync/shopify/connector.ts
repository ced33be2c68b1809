import type { Address } from '../../../../src-shared/orders';
import { mayContainCardNumber } from '../../../../src-shared/security/pan';
import { ConnectorError, type Connector, type PullItem, type PullPage, type PushItem, type PushResult, type SyncResource } from '../connector';
import { createShopifyClient, defaultSleep, scrubPayload, type ShopifyClientOptions } from './client';
import { mapCustomer, mapInventoryItem, mapLocation, mapOrder, mapProduct, orderOverflows, productHasMoreVariants, RecordError } from './map';
import {
  BULK_QUERIES, BULK_RUN, BULK_STATUS,
  CUSTOMERS_QUERY, INVENTORY_ADJUST, INVENTORY_QUERY, LOCATIONS_QUERY, ORDER_DETAIL_LIMITS,
  ORDER_DETAIL_QUERY, ORDER_PAGE_LIMITS, ORDER_UPDATE, ORDERS_QUERY, PAGE_SIZE, PRODUCT_VARIANTS_QUERY, PRODUCTS_QUERY, REFUND_CREATE,
} from './queries';
import { createOrderOnce, type OrderCreatePayload } from './order-create';
import { pushShippingAddress } from './order-address';
import { pushCancel, pushFulfilment } from './order-push';
import { SHOPIFY_PLATFORM } from './version';

/**
 * The Shopify connector. Cursor (opaque to the engine): where the current pass
 * started (`since`, already moved back by the overlap window), the page cursor
 * inside it (`after`), and the newest `updatedAt` seen so far. A finished pass
 * starts the next one at that newest time minus the overlap, so a record
 * stamped by a clock running behind is still picked up.
 */
export interface ShopifyConnectorOptions extends ShopifyClientOptions {
  /** Shop currency: variant prices and costs come without one. */
  currency: string;
  /** How far back each pass starts before the newest change seen. Default 5 minutes. */
  overlapMs?: number;
  /** First import of products, customers and orders through a bulk operation (default true). */
  bulk?: boolean;
  /** How often a running bulk operation is polled. Default 1 s. */
  bulkPollMs?: number;
  /** Root records handed to the engine per page of a bulk result (one transaction each). Default 1,000. */
  bulkChunk?: number;
}

/** `bulk`: a first import in progress: the operation, the next JSONL line to read, and when it started at the platform. */
interface Cursor { since: string | null; after: string | null; maxSeen: string | null; bulk?: { id: string; line: number; startedAt: string } | null }
type Obj = Record<string, unknown>;
interface Conn { nodes: Obj[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }

export function parseCursor(raw: string | null): Cursor {
  if (!raw) return { since: null, after: null, maxSeen: null };
  try {
    const c = JSON.parse(raw) as Partial<Cursor>;
    return { since: c.since ?? null, after: c.after ?? null, maxSeen: c.maxSeen ?? null, bulk: c.bulk ?? null };
  } catch {
    return { since: null, after: null, maxSeen: null };
  }
}

export function createShopifyConnector(opts: ShopifyConnectorOptions): Connector & { client: ReturnType<typeof createShopifyClient> } {
  const client = createShopifyClient(opts);
  const overlap = opts.overlapMs ?? 5 * 60_000;

  const FIELD: Record<SyncResource, string> = { locations: 'locations', products: 'products', inventory: 'inventoryItems', customers: 'customers', orders: 'orders' };
  const QUERY: Record<SyncResource, string> = { locations: LOCATIONS_QUERY, products: PRODUCTS_QUERY, inventory: INVENTORY_QUERY, customers: CUSTOMERS_QUERY, orders: ORDERS_QUERY };

  const externalIdOf = (n: Obj): string | null => (typeof n.id === 'string' ? n.id : null);
  const updatedOf = (n: Obj): string | null => (typeof n.updatedAt === 'string' && !Number.isNaN(Date.parse(n.updatedAt)) ? new Date(n.updatedAt).toISOString() : null);

  async function mapNode(resource: SyncResource, n: Obj, signal?: AbortSignal, fromBulk = false): Promise<PullItem<SyncResource>> {
    try {
      switch (resource) {
        case 'locations':
          return { ok: true, record: mapLocation(n) };
        case 'products': {
          let node = n;
          if (productHasMoreVariants(n)) node = { ...n, variants: { nodes: await allVariants(String(n.id), signal), pageInfo: { hasNextPage: false } } };
          return { ok: true, record: mapProduct(node, opts.currency) };
        }
        case 'inventory':
          return { ok: true, record: mapInventoryItem(n, opts.currency) };
        case 'customers':
          return { ok: true, record: mapCustomer(n) };
        case 'orders': {
          let node = n;
          if (!fromBulk && orderOverflows(n, ORDER_PAGE_LIMITS)) {
            const detail = await client.request<{ order: Obj | null }>(ORDER_DETAIL_QUERY, { id: n.id }, signal);
            if (!detail.order) throw new RecordError('the order disappeared while it was being read');
            if (orderOverflows(detail.order, ORDER_DETAIL_LIMITS)) {
              throw new RecordError(`the order has more than ${ORDER_DETAIL_LIMITS.lines} lines, ${ORDER_DETAIL_LIMITS.fulfilments} fulfilments or ${ORDER_DETAIL_LIMITS.refunds} refunds; too large to read with paged queries`);
            }
            node = detail.order;
          }
          return { ok: true, record: mapOrder(node) };
        }
      }
    } catch (err) {
      if (err instanceof RecordError) return { ok: false, externalId: externalIdOf(n), reason: err.message, payload: n };
      throw err;
    }
  }

  async function allVariants(productId: string, signal?: AbortSignal): Promise<Obj[]> {
    const out: Obj[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { product: { variants: Conn } | null } = await client.request(PRODUCT_VARIANTS_QUERY, { id: productId, after }, signal);
      if (!res.product) return out;
      out.push(...res.product.variants.nodes);
      if (!res.product.variants.pageInfo.hasNextPage) return out;
      after = res.product.variants.pageInfo.endCursor;
    }
  }

  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? defaultSleep;
  /** Downloaded JSONL of a bulk operation, kept while its pages are handed out (re-downloaded after a restart). */
  const bulkLines = new Map<string, string[]>();
  /** Root records in a bulk file, and how many lie before a line offset: the engine's progress bar (done of total). */
  const bulkCounts = new Map<string, { total: number; line: number; done: number }>();
  const isRoot = (line: string) => !line.includes('"__parentId"');
  function bulkProgress(id: string, lines: string[], from: number, to: number, roots: number): { done: number; total: number } {
    let c = bulkCounts.get(id);
    if (!c) {
      c = { total: lines.filter(isRoot).length, line: 0, done: 0 };
      bulkCounts.set(id, c);
    }
    // After a restart the file is read from a line offset: count the roots before it once.
    if (c.line !== from) c.done = lines.slice(0, from).filter(isRoot).length;
    c.done += roots;
    c.line = to;
    return { done: c.done, total: c.total };
  }
  const CONNECTION_FIELD: Record<string, string> = { LineItem: 'lineItems', ProductVariant: 'variants' };

  async function download(url: string, signal?: AbortSignal): Promise<string[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await doFetch(url, { signal });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return (await res.text()).split('\n').filter((l) => l.trim() !== '');
      } catch (err) {
        if (signal?.aborted || attempt >= 5) throw new ConnectorError('network', `Cannot download the bulk result (${(err as Error).message}).`, true);
        await sleep(500 * attempt, signal);
      }
    }
  }

  /**
   * First import through a bulk operation: start it (the operation id goes into the
   * cursor, committed by the engine), wait for it, then hand out its JSONL a chunk of
   * root records at a time; the line offset is the cursor, so a crash resumes mid-file.
   */
  async function pullBulk<R extends SyncResource>(resource: R, cursor: Cursor, signal?: AbortSignal): Promise<PullPage<R>> {
    if (!cursor.bulk) {
      const res = await client.request<{ bulkOperationRunQuery: { bulkOperation: { id: string; createdAt: string } | null; userErrors: { message: string }[] } }>(BULK_RUN, { query: BULK_QUERIES[resource as keyof typeof BULK_QUERIES] }, signal);
      const op = res.bulkOperationRunQuery.bulkOperation;
      if (!op) {
        const msg = res.bulkOperationRunQuery.userErrors.map((e) => e.message).join('; ');
        if (/in progress/i.test(msg)) {
          await sleep(opts.bulkPollMs ?? 1000, signal);
          return { items: [], nextCursor: JSON.stringify(cursor), done: false };
        }
        throw new ConnectorError('query', `The shop refused the bulk import of ${resource}: ${msg}`, false);
      }
      return { items: [], nextCursor: JSON.stringify({ ...cursor, bulk: { id: op.id, line: 0, startedAt: op.createdAt } }), done: false };
    }
    const bulk = cursor.bulk;
    let lines = bulkLines.get(bulk.id);
    if (!lines) {
      for (;;) {
        const st = await client.request<{ bulkOperation: { status: string; errorCode: string | null; url: string | null } | null }>(BULK_STATUS, { id: bulk.id }, signal);
        const op = st.bulkOperation;
        if (!op || ['FAILED', 'CANCELED', 'EXPIRED'].includes(op.status)) {
          // Start over with a new operation; nothing of this one was stored past its line offset, and upserts are idempotent.
          return { items: [], nextCursor: JSON.stringify({ ...cursor, bulk: null }), done: false };
        }
        if (op.status === 'COMPLETED') {
          lines = op.url ? await download(op.url, signal) : [];
          bulkLines.set(bulk.id, lines);
          break;
        }
        await sleep(opts.bulkPollMs ?? 1000, signal);
      }
    }
    const chunk = opts.bulkChunk ?? 1000;
    const roots: Obj[] = [];
    const byId = new Map<string, Obj>();
    let i = bulk.line;
    for (; i < lines.length; i++) {
      // Most lines hold nothing card-like: the field-by-field scrub runs only where the raw text might.
      const line = lines[i] as string;
      const parsed = JSON.parse(line) as Obj;
      const obj = mayContainCardNumber(line) ? scrubPayload(parsed) : parsed;
      const parentId = typeof obj.__parentId === 'string' ? obj.__parentId : null;
      if (!parentId) {
        if (roots.length >= chunk) break;
        roots.push(obj);
      } else {
        const parent = byId.get(parentId);
        if (parent) {
          delete obj.__parentId;
          const type = /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(String(obj.id))?.[1] ?? 'Node';
          const field = CONNECTION_FIELD[type] ?? `${type.charAt(0).toLowerCase()}${type.slice(1)}s`;
          const conn = (parent[field] ??= { nodes: [], pageInfo: { hasNextPage: false } }) as { nodes: Obj[] };
          conn.nodes.push(obj);
        }
      }
      if (typeof obj.id === 'string') byId.set(obj.id, obj);
    }
    const items: PullItem<R>[] = [];
    let maxSeen = cursor.maxSeen;
    for (const n of roots) {
      if (resource === 'orders') n.lineItems ??= { nodes: [], pageInfo: { hasNextPage: false } };
      if (resource === 'products') n.variants ??= { nodes: [], pageInfo: { hasNextPage: false } };
      if (resource === 'inventory') n.inventoryLevels ??= { nodes: [], pageInfo: { hasNextPage: false } };
      items.push((await mapNode(resource, n, signal, true)) as PullItem<R>);
      const u = updatedOf(n);
      if (u && (!maxSeen || u > maxSeen)) maxSeen = u;
    }
    const progress = bulkProgress(bulk.id, lines, bulk.line, i, roots.length);
    if (i < lines.length) return { items, nextCursor: JSON.stringify({ ...cursor, maxSeen, bulk: { ...bulk, line: i } }), done: false, progress, bulk: true };
    bulkLines.delete(bulk.id);
    bulkCounts.delete(bulk.id);
    // Changes made while the operation ran are read by the next incremental pass.
    const from = [maxSeen, bulk.startedAt].filter((x): x is string => Boolean(x)).sort()[0] ?? null;
    return { items, nextCursor: JSON.stringify({ since: from ? new Date(Date.parse(from) - overlap).toISOString() : null, after: null, maxSeen: null, bulk: null }), done: true, progress, bulk: true };
  }

  return {
    platform: SHOPIFY_PLATFORM,
    client,

    async pull<R extends SyncResource>(resource: R, rawCursor: string | null, signal?: AbortSignal): Promise<PullPage<R>> {
      const cursor = parseCursor(rawCursor);
      if (opts.bulk !== false && resource in BULK_QUERIES && (cursor.bulk || (!cursor.since && !cursor.after))) return pullBulk(resource, cursor, signal);
      const variables: Record<string, unknown> = { first: PAGE_SIZE[resource], after: cursor.after };
      if (resource !== 'locations') variables.query = cursor.since ? `updated_at:>='${cursor.since}'` : null;
      const data = await client.request<Record<string, Conn>>(QUERY[resource], variables, signal);
      const conn = data[FIELD[resource]];
      if (!conn || !Array.isArray(conn.nodes)) throw new ConnectorError('query', `The shop's answer has no ${FIELD[resource]} list.`, true);
      const items: PullItem<R>[] = [];
      let maxSeen = cursor.maxSeen;
      for (const n of conn.nodes) {
        items.push((await mapNode(resource, n, signal)) as PullItem<R>);
        const u = updatedOf(n);
        if (u && (!maxSeen || u > maxSeen)) maxSeen = u;
      }
      const more = conn.pageInfo.hasNextPage && conn.nodes.length > 0;
      const next: Cursor = more
        ? { since: cursor.since, after: conn.pageInfo.endCursor, maxSeen }
        : { since: maxSeen ? new Date(Date.parse(maxSeen) - overlap).toISOString() : cursor.since, after: null, maxSeen: null };
      // Locations are few and have no search filter: always read in full.
      if (resource === 'locations' && !more) next.since = null;
      return { items, nextCursor: JSON.stringify(next), done: !more };
    },

    continuesPass(rawCursor: string | null): boolean {
      const c = parseCursor(rawCursor);
      return c.after !== null || Boolean(c.bulk);
    },

    rewind(rawCursor: string | null, to: string): string {
      const c = parseCursor(rawCursor);
      // No `since` yet: the next pass reads everything anyway (a first import, or locations).
      if (!c.since || rawCursor === null) return rawCursor ?? JSON.stringify(c);
      const at = Number.isNaN(Date.parse(to)) ? null : new Date(Date.parse(to) - overlap).toISOString();
      if (at && c.since <= at) return JSON.stringify(c);
      return JSON.stringify({ since: at, after: null, maxSeen: c.maxSeen });
    },

    async fetchOne<R extends SyncResource>(resource: R, externalId: string, signal?: AbortSignal): Promise<PullItem<R> | null | undefined> {
      // Orders are what a shop's data gets wrong; other resources are read again by a rewind.
      if (resource !== 'orders') return undefined;
      const detail = await client.request<{ order: Obj | null }>(ORDER_DETAIL_QUERY, { id: externalId }, signal);
      if (!detail.order) return null;
      try {
        if (orderOverflows(detail.order, ORDER_DETAIL_LIMITS)) {
          throw new RecordError(`the order has more than ${ORDER_DETAIL_LIMITS.lines} lines, ${ORDER_DETAIL_LIMITS.fulfilments} fulfilments or ${ORDER_DETAIL_LIMITS.refunds} refunds; too large to read with paged queries`);
        }
        return { ok: true, record: mapOrder(detail.order) } as PullItem<R>;
      } catch (err) {
        if (err instanceof RecordError) return { ok: false, externalId, reason: err.message, payload: detail.order };
        throw err;
      }
    },

    async push(item: PushItem, signal?: AbortSignal): Promise<PushResult> {
      const p = item.payload;
      const key = item.idempotencyKey;
      const check = (errors: { field?: string[] | null; message: string }[] | undefined, what: string) => {
        if (errors?.length) throw new ConnectorError('rejected', `The shop refused the ${what}: ${errors.map((e) => (e.field?.length ? `${e.field.join('.')}: ` : '') + e.message).join('; ')}`, false);
      };
      switch (item.kind) {
        case 'fulfilment.create':
          return pushFulfilment((query, variables, sig, o) => client.request(query, variables, sig, o), item, signal);
        case 'order.update': {
          const input: Record<string, unknown> = { id: p.orderExternalId };
          if ('note' in p) input.note = p.note;
          if ('tags' in p) input.tags = p.tags;
          const res = await client.request<{ orderUpdate: { userErrors: { field: string[]; message: string }[] } }>(ORDER_UPDATE, { input }, signal);
          check(res.orderUpdate.userErrors, 'order change');
          return {};
        }
        case 'order.cancel':
          return pushCancel((query, variables, sig, o) => client.request(query, variables, sig, o), item, signal);
        case 'inventory.adjust': {
          const res = await client.request<{ inventoryAdjustQuantities: { userErrors: { field: string[]; message: string }[] } }>(INVENTORY_ADJUST, {
            key,
            input: { reason: String(p.reason ?? 'correction'), name: 'available', changes: [{ delta: p.delta, inventoryItemId: p.inventoryItemExternalId, locationId: p.locationExternalId }] },
          }, signal);
          check(res.inventoryAdjustQuantities.userErrors, 'stock adjustment');
          return {};
        }
        case 'refund.create': {
          const res = await client.request<{ refundCreate: { refund: { id: string } | null; userErrors: { field: string[]; message: string }[] } }>(REFUND_CREATE, {
            key,
            input: {
              orderId: p.orderExternalId,
              note: p.note ?? null,
              notify: false,
              refundLineItems: (p.lines as { lineExternalId: string; quantity: number; restock: boolean }[]).map((l) => ({ lineItemId: l.lineExternalId, quantity: l.quantity, restockType: l.restock ? 'RETURN' : 'NO_RESTOCK' })),
              transactions: Number(p.amountMinor) > 0 ? [{ amount: String(p.amount), gateway: String(p.gateway ?? 'manual'), kind: 'REFUND', orderId: p.orderExternalId }] : [],
            },
          }, signal);
          check(res.refundCreate.userErrors, 'refund');
          return { externalId: res.refundCreate.refund?.id ?? null };
        }
        case 'order.address':
          return pushShippingAddress((query, variables, sig, o) => client.request(query, variables, sig, o), String(p.orderExternalId), p.address as Address, signal);
        case 'order.create':
          return createOrderOnce((query, variables, sig) => client.request(query, variables, sig), key, p as unknown as OrderCreatePayload, signal);
        default:
          throw new ConnectorError('rejected', `Orderhouse cannot send "${item.kind}" changes to Shopify.`, false);
      }
    },
  };
}
