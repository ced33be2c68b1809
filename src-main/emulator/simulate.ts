import type { EmuContext } from './context';
import type { Faults } from './faults';
import type { EmuOrder, ShopData } from './shop-data';
import { gid } from './views';
import { setLevel } from './inventory-levels';

/** How much shop activity to simulate: counts of records created or changed. */
export interface SimulateRequest { newOrders?: number; orderUpdates?: number; customerUpdates?: number; stockChanges?: number; deliveries?: number }

/** Counts of what the shop holds and what was done to it, for the CLI and tests. */
export function summary(ctx: EmuContext) {
  const { shop, effects, stats } = ctx;
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

/** Shop activity: new orders and changes to existing records, stamped with the emulator's clock. */
export function simulateChanges(ctx: EmuContext, o: SimulateRequest): { created: string[]; updated: string[] } {
  const { shop, views, random, stamp } = ctx;
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
    // Only the level changes (and its updatedAt), not the item's: as on the platform.
    setLevel(item, loc.id, (item.levels.get(loc.id) ?? 0) + 5, stamp());
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

/** Test cards of the card schemes (they pass Luhn): what a careless note or attribute could carry. */
export const PLANTED_CARD_NUMBERS = ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005'];

export function plantFaultRecords(shop: ShopData, faults: Faults): void {
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
