import type { Address } from '../../../../src-shared/orders';
import { ConnectorError, type Connector, type PullItem, type PullPage, type PushItem, type PushResult, type SyncResource } from '../connector';
import { createBulkPull, type BulkPullOptions, type Cursor } from './bulk-pull';
import { createShopifyClient, defaultSleep, type ShopifyClientOptions } from './client';
import { mapOrder, mapProduct, orderOverflows, RecordError } from './map';
import { mapNodeNow, refused, updatedOf } from './map-node';
import {
  BULK_QUERIES,
  CUSTOMERS_QUERY, INVENTORY_ADJUST, INVENTORY_QUERY, LOCATIONS_QUERY, ORDER_DETAIL_LIMITS,
  ORDER_DETAIL_QUERY, ORDER_UPDATE, ORDERS_QUERY, PAGE_SIZE, PRODUCT_VARIANTS_QUERY, PRODUCTS_QUERY, REFUND_CREATE,
} from './queries';
import { createOrderOnce, type OrderCreatePayload } from './order-create';
import { pushShippingAddress } from './order-address';
import { pushCancel, pushFulfilment } from './order-push';
import { withInventoryLevels } from './inventory-levels';
import { SHOPIFY_PLATFORM } from './version';

/**
 * The Shopify connector. Cursor (opaque to the engine): where the current pass
 * started (`since`, already moved back by the overlap window), the page cursor
 * inside it (`after`), and the newest `updatedAt` seen so far. A finished pass
 * starts the next one at that newest time minus the overlap, so a record
 * stamped by a clock running behind is still picked up.
 */
export interface ShopifyConnectorOptions extends ShopifyClientOptions, BulkPullOptions {
  /** Shop currency: variant prices and costs come without one. */
  currency: string;
  /** How far back each pass starts before the newest change seen. Default 5 minutes. */
  overlapMs?: number;
  /** First import of products, customers and orders through a bulk operation (default true; bulk-pull.ts). */
  bulk?: boolean;
}

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

  /** Maps one node; the few that need more from the shop (more variants, an order past the page's limits) read it first. */
  async function mapNode(resource: SyncResource, n: Obj, signal?: AbortSignal, fromBulk = false): Promise<PullItem<SyncResource>> {
    const now = mapNodeNow(resource, n, opts.currency, fromBulk);
    if (now) return now;
    try {
      if (resource === 'products') return { ok: true, record: mapProduct({ ...n, variants: { nodes: await allVariants(String(n.id), signal), pageInfo: { hasNextPage: false } } }, opts.currency) };
      const detail = await client.request<{ order: Obj | null }>(ORDER_DETAIL_QUERY, { id: n.id }, signal);
      if (!detail.order) throw new RecordError('the order disappeared while it was being read');
      if (orderOverflows(detail.order, ORDER_DETAIL_LIMITS)) {
        throw new RecordError(`the order has more than ${ORDER_DETAIL_LIMITS.lines} lines, ${ORDER_DETAIL_LIMITS.fulfilments} fulfilments or ${ORDER_DETAIL_LIMITS.refunds} refunds; too large to read with paged queries`);
      }
      return { ok: true, record: mapOrder(detail.order) };
    } catch (err) {
      if (err instanceof RecordError) return refused(n, err);
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

  const pullBulk = createBulkPull({ client, opts, overlap, doFetch: opts.fetch ?? fetch, sleep: opts.sleep ?? defaultSleep, mapNode, currency: opts.currency });

  // Incremental inventory passes also read levels changed since (quantity-only changes): inventory-levels.ts.
  return withInventoryLevels({
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
          return pushCancel((query, variables, sig, o) => client.request(query, variables, sig, o), item, signal, opts.sleep ?? defaultSleep);
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
  }, { request: (query, variables, signal) => client.request(query, variables, signal), currency: opts.currency, overlapMs: overlap });
}
