import type { GraphQLResolveInfo } from 'graphql';
import { maybeDropAnswer, type EmuContext } from './context';
import type { Idempotency } from './idempotency';
import { setLevel } from './inventory-levels';
import { applyShippingAddress, shippingAddressErrors, type MailingAddressInput } from './order-address';
import type { createOrderCreate, OrderCreateArgs } from './order-create';
import type { EmuOrder } from './shop-data';
import { decimal, gid, parseGid } from './views';

/**
 * Root resolvers of the write side: the Admin API mutations the app uses, with the
 * platform's user errors for bad input. Each counts its real effects in ctx.effects;
 * the keyed ones run through `once` (a replay has no second effect).
 */
export function createMutationResolvers(ctx: EmuContext, { keyOf, once }: Idempotency, orderCreates: ReturnType<typeof createOrderCreate>) {
  const { shop, views, effects, stamp } = ctx;
  /** Orders whose cancel job is still running (fault slow-cancel). */
  const cancelling = new Set<number>();
  const touch = (o: EmuOrder) => {
    o.updatedAt = stamp();
  };
  const userError = (field: string[], message: string) => [{ field, message }];

  return {
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
          setLevel(item, locationId, after, at);
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
          if (item && loc) setLevel(item, loc.id, (item.levels.get(loc.id) ?? 0) + l.quantity, r.createdAt);
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
      if (r.order) maybeDropAnswer(ctx);
      return { order: r.order ? views.order(r.order) : null, userErrors: r.userErrors };
    },
    orderCancel: (args: { orderId: string; reason: string; staffNote?: string | null }, _ctx: unknown, info: GraphQLResolveInfo) =>
      once(info, () => {
        const o = shop.orderById.get(parseGid('Order', args.orderId) ?? -1);
        if (!o) return { job: null, orderCancelUserErrors: [{ field: ['orderId'], message: 'Order does not exist', code: 'NOT_FOUND' }], userErrors: [] };
        // "An order can only be cancelled if ... The order hasn't already been cancelled" (orderCancel, 2026-04).
        if (o.cancelledAt) return { job: null, orderCancelUserErrors: [{ field: ['orderId'], message: 'Cannot cancel an order that has already been cancelled.', code: 'INVALID' }], userErrors: [] };
        if (cancelling.has(o.id)) return { job: null, orderCancelUserErrors: [{ field: ['orderId'], message: 'Cannot cancel an order that is already being cancelled.', code: 'INVALID' }], userErrors: [] };
        effects.orderCancel++;
        const cancel = () => {
          cancelling.delete(o.id);
          o.cancelledAt = stamp();
          o.cancelReason = args.reason.toLowerCase();
          o.closed = true;
          touch(o);
        };
        // The platform cancels in a background job: with the fault on, the order shows it only when the job is done.
        const jobMs = ctx.faults.cancelJobMs;
        if (jobMs <= 0) cancel();
        else {
          cancelling.add(o.id);
          setTimeout(cancel, jobMs).unref();
        }
        return { job: { id: gid('Job', o.id), done: jobMs <= 0 }, orderCancelUserErrors: [], userErrors: [] };
      }),
  };
}
