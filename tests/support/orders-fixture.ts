import type { Sqlite } from '../../src-main/db/open';
import { createSearchIndexer } from '../../src-main/core/orders/search-index';
import { derivedException, queueOf, type FinancialStatus, type FulfillmentStatus } from '../../src-shared/orders';

export interface FixtureOrder {
  number: number;
  createdAt: string;
  customer?: { first: string; last: string; email?: string; phone?: string };
  totalMinor?: number;
  financialStatus?: FinancialStatus;
  fulfillmentStatus?: FulfillmentStatus;
  status?: 'open' | 'cancelled';
  onHold?: boolean;
  readyToPack?: boolean;
  tags?: string[];
  lines?: { sku: string; title: string; quantity: number; priceMinor: number }[];
  ship?: { address1: string | null; city: string | null; country: string | null; postcode?: string | null };
}

/** Writes orders the way the store expects them (queue derived, tags, search row) for query tests. */
export function insertOrders(sqlite: Sqlite, orders: FixtureOrder[]): number[] {
  const insCustomer = sqlite.prepare('INSERT INTO customers(first_name, last_name, email, phone) VALUES (?, ?, ?, ?)');
  const insOrder = sqlite.prepare(`INSERT INTO orders(number, name, customer_id, customer_name, email, phone, currency, subtotal_minor, total_minor,
      financial_status, fulfillment_status, status, on_hold, ready_to_pack, exception_reason, queue, tags, item_count,
      ship_name, ship_address1, ship_city, ship_postcode, ship_country, card_brand, card_last4, gateway, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'visa', '4242', 'shopify_payments', ?, ?)`);
  const insLine = sqlite.prepare('INSERT INTO order_lines(order_id, sku, title, quantity, price_minor) VALUES (?, ?, ?, ?, ?)');
  const insTag = sqlite.prepare('INSERT INTO order_tags(tag, order_id) VALUES (?, ?)');
  const indexer = createSearchIndexer(sqlite);
  const ids: number[] = [];
  sqlite.transaction(() => {
    for (const o of orders) {
      const c = o.customer ?? { first: 'Ada', last: 'Lovelace', email: `ada${o.number}@example.com` };
      const customerId = Number(insCustomer.run(c.first, c.last, c.email ?? null, c.phone ?? null).lastInsertRowid);
      const lines = o.lines ?? [{ sku: `SKU-${o.number}`, title: 'Linen shirt', quantity: 1, priceMinor: o.totalMinor ?? 2500 }];
      const subtotal = lines.reduce((s, l) => s + l.priceMinor * l.quantity, 0);
      const ship = o.ship ?? { address1: '1 Main St', city: 'Springfield', country: 'US', postcode: '12345' };
      const financial = o.financialStatus ?? 'paid';
      const fulfillment = o.fulfillmentStatus ?? 'unfulfilled';
      const exception = derivedException(financial, { address1: ship.address1, city: ship.city, postcode: ship.postcode ?? null, country: ship.country });
      const queue = queueOf({ status: o.status ?? 'open', financialStatus: financial, fulfillmentStatus: fulfillment, onHold: o.onHold ?? false, readyToPack: o.readyToPack ?? false, exceptionReason: exception });
      const id = Number(
        insOrder.run(
          o.number, `#${o.number}`, customerId, `${c.first} ${c.last}`, c.email ?? null, c.phone ?? null, subtotal, o.totalMinor ?? subtotal,
          financial, fulfillment, o.status ?? 'open', o.onHold ? 1 : 0, o.readyToPack ? 1 : 0, exception, queue, (o.tags ?? []).join(','),
          lines.reduce((s, l) => s + l.quantity, 0), `${c.first} ${c.last}`, ship.address1, ship.city, ship.postcode ?? null, ship.country, o.createdAt, o.createdAt,
        ).lastInsertRowid,
      );
      for (const l of lines) insLine.run(id, l.sku, l.title, l.quantity, l.priceMinor);
      for (const t of o.tags ?? []) insTag.run(t, id);
      ids.push(id);
    }
    indexer.reindexOrders(ids);
  })();
  return ids;
}
