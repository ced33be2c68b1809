import { ConnectorError, type PushItem, type PushResult } from '../connector';
import { defaultSleep } from './client';
import { FULFILLMENT_CREATE, FULFILLMENT_ORDERS_QUERY, FULFILMENTS_READBACK_QUERY, ORDER_CANCEL, ORDER_CANCELLED_QUERY } from './queries';

/**
 * Fulfilments and cancellations sent to Shopify exactly once in effect.
 *
 * The 2026-04 Admin schema's `@idempotent` directive is "Only supported on
 * mutations that explicitly document idempotency support in their description";
 * fulfillmentCreate's and orderCancel's descriptions document none (refundCreate
 * and the inventory mutations do). So no key is sent with them: the order is read
 * back first, and the mutation is sent only when the shop does not show the
 * change yet — the way order-address.ts handles orderUpdate. The mutation itself
 * goes out at most once per attempt (a dropped answer is not retried blindly);
 * the outbox's next attempt reads back again.
 */
type Request = <T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal, opts?: { atMostOnce?: boolean }) => Promise<T>;
type UserErrors = { field?: string[] | null; message: string }[];
interface ShopFulfilment { id: string; status: string; createdAt: string; trackingInfo: { number: string | null }[]; fulfillmentLineItems: { nodes: { quantity: number; lineItem: { id: string } }[] } }
interface OpenLines { order: { fulfillmentOrders: { nodes: { id: string; status: string; lineItems: { nodes: { id: string; remainingQuantity: number; lineItem: { id: string } }[] } }[] } } | null }

/** How far the shop's clock may run behind ours when a fulfilment it made is compared with when we queued ours. */
const CLOCK_SLACK_MS = 10 * 60_000;
const describe = (errors: UserErrors) => errors.map((e) => (e.field?.length ? `${e.field.join('.')}: ` : '') + e.message).join('; ');

/**
 * The shop's fulfilment that an earlier attempt of this item made, if any: same
 * lines with the same quantities, the same tracking number (when we sent one),
 * made after the item was queued. Only looked for when an earlier attempt may
 * have reached the shop, so two identical fulfilments made on purpose are both sent.
 */
export function findEarlierFulfilment(shop: ShopFulfilment[], want: { lines: { lineExternalId: string; quantity: number }[]; trackingNumber: string | null; queuedAt: string | null }): ShopFulfilment | null {
  const wanted = new Map<string, number>();
  for (const l of want.lines) wanted.set(l.lineExternalId, (wanted.get(l.lineExternalId) ?? 0) + l.quantity);
  const since = want.queuedAt ? Date.parse(want.queuedAt) - CLOCK_SLACK_MS : -Infinity;
  return shop.find((f) => {
    if (f.status.toUpperCase() !== 'SUCCESS' || Date.parse(f.createdAt) < since) return false;
    if (want.trackingNumber && (f.trackingInfo[0]?.number ?? null) !== want.trackingNumber) return false;
    const got = new Map<string, number>();
    for (const n of f.fulfillmentLineItems.nodes) got.set(n.lineItem.id, (got.get(n.lineItem.id) ?? 0) + n.quantity);
    return got.size === wanted.size && [...wanted].every(([id, q]) => got.get(id) === q);
  }) ?? null;
}

export async function pushFulfilment(request: Request, item: PushItem, signal?: AbortSignal): Promise<PushResult> {
  const p = item.payload;
  const orderId = String(p.orderExternalId);
  const lines = p.lines as { lineExternalId: string; quantity: number }[];
  const tracking = p.tracking as { company?: string | null; number?: string | null; url?: string | null } | null | undefined;
  if (item.mayHaveBeenSent) {
    const back = await request<{ order: { fulfillments: ShopFulfilment[] } | null }>(FULFILMENTS_READBACK_QUERY, { id: orderId }, signal);
    const earlier = back.order ? findEarlierFulfilment(back.order.fulfillments, { lines, trackingNumber: tracking?.number ?? null, queuedAt: item.queuedAt ?? null }) : null;
    if (earlier) return { externalId: earlier.id };
  }
  const read = await request<OpenLines>(FULFILLMENT_ORDERS_QUERY, { id: orderId }, signal);
  if (!read.order) throw new ConnectorError('rejected', `The order ${orderId} no longer exists in the shop.`, false);
  const groups = new Map<string, { id: string; quantity: number }[]>();
  for (const line of lines) {
    const match = read.order.fulfillmentOrders.nodes.flatMap((f) => f.lineItems.nodes.map((li) => ({ f, li }))).find((x) => x.li.lineItem.id === line.lineExternalId);
    if (!match) throw new ConnectorError('rejected', `Line ${line.lineExternalId} has no open fulfilment order in the shop.`, false);
    const list = groups.get(match.f.id) ?? [];
    list.push({ id: match.li.id, quantity: line.quantity });
    groups.set(match.f.id, list);
  }
  const res = await request<{ fulfillmentCreate: { fulfillment: { id: string } | null; userErrors: UserErrors } }>(FULFILLMENT_CREATE, {
    fulfillment: {
      lineItemsByFulfillmentOrder: [...groups].map(([fulfillmentOrderId, l]) => ({ fulfillmentOrderId, fulfillmentOrderLineItems: l })),
      trackingInfo: tracking ? { company: tracking.company ?? null, number: tracking.number ?? null, url: tracking.url ?? null } : null,
      notifyCustomer: Boolean(p.notifyCustomer),
    },
  }, signal, { atMostOnce: true });
  const errors = res.fulfillmentCreate.userErrors;
  if (errors.length) throw new ConnectorError('rejected', `The shop refused the fulfilment: ${describe(errors)}`, false);
  return { externalId: res.fulfillmentCreate.fulfillment?.id ?? null };
}

/**
 * A cancelled order stays cancelled, so "already cancelled" is the read-back:
 * nothing is sent when the shop shows cancelledAt. orderCancel runs as a job, so
 * an earlier attempt (whose answer was lost) may still be cancelling when we
 * look; if the shop then refuses the second request, the order is read again,
 * a few times over ~7 s while that job may finish, before calling it a failure.
 */
const CANCEL_READ_BACK_MS = [500, 1000, 2000, 4000];

export async function pushCancel(request: Request, item: PushItem, signal?: AbortSignal, sleep: (ms: number, signal?: AbortSignal) => Promise<void> = defaultSleep): Promise<PushResult> {
  const p = item.payload;
  const orderId = String(p.orderExternalId);
  const cancelledAt = async () => {
    const r = await request<{ order: { cancelledAt: string | null } | null }>(ORDER_CANCELLED_QUERY, { id: orderId }, signal);
    if (!r.order) throw new ConnectorError('rejected', `The order ${orderId} no longer exists in the shop.`, false);
    return r.order.cancelledAt;
  };
  if (await cancelledAt()) return {};
  const res = await request<{ orderCancel: { orderCancelUserErrors: UserErrors } }>(ORDER_CANCEL, {
    orderId, reason: String(p.reason ?? 'other').toUpperCase(), staffNote: p.note ?? null,
  }, signal, { atMostOnce: true });
  const errors = res.orderCancel.orderCancelUserErrors;
  if (errors.length) {
    if (await cancelledAt()) return {};
    for (const ms of CANCEL_READ_BACK_MS) {
      await sleep(ms, signal);
      if (await cancelledAt()) return {};
    }
    throw new ConnectorError('rejected', `The shop refused the cancellation: ${describe(errors)}`, false);
  }
  return {};
}
