import type { EmuContext } from './context';
import type { createOrderCreate } from './order-create';
import { page, parseGid, type PageArgs } from './views';

/** Root resolvers of the read side: the shop, its lists (paged) and single records by id. */
export function createQueryResolvers(ctx: EmuContext, orderCreates: ReturnType<typeof createOrderCreate>) {
  const { shop, views, faults } = ctx;
  const lastAfter = new Map<string, string | null>();

  /** A repeated page: with the `repeat` fault on, a list query sometimes answers for the previous cursor again. */
  const maybeRepeat = (field: string, args: PageArgs): PageArgs => {
    const key = `${field}|${args.query ?? ''}|${args.sortKey ?? ''}`;
    const prev = lastAfter.get(key);
    lastAfter.set(key, args.after ?? null);
    if (faults.repeat > 0 && args.after && prev !== undefined && prev !== args.after && ctx.random() < faults.repeat) return { ...args, after: prev };
    return args;
  };

  return {
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
    // Without an id the platform answers the shop's primary location.
    location: ({ id }: { id?: string | null }) => {
      const l = id == null ? shop.locations[0] : shop.locations.find((x) => x.id === parseGid('Location', id));
      return l ? views.location(l) : null;
    },
    product: ({ id }: { id: string }) => {
      const pid = parseGid('Product', id);
      const p = shop.products.find((x) => x.id === pid);
      return p ? views.product(p) : null;
    },
  };
}
