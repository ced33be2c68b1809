import type { Sqlite } from '../../src-main/db/open';
import { createStockLedger } from '../../src-main/core/stock/ledger';
import { queueOf } from '../../src-shared/orders';

export interface ShopLine {
  title: string;
  sku: string;
  productType?: string;
  tags?: string[];
  quantity: number;
  priceMinor: number;
  discountMinor?: number;
  taxMinor?: number;
  /** Units shipped; default all. */
  fulfilled?: number;
}

export interface ShopOrder {
  number: number;
  createdAt: string;
  /** When the order shipped; null: not fulfilled. */
  fulfilledAt: string | null;
  /** When the carrier delivered it; default unknown. */
  deliveredAt?: string | null;
  lines: ShopLine[];
  shippingMinor?: number;
  shippingTaxMinor?: number;
  platform?: string | null;
  customerEmail?: string;
}

/**
 * A small shop for return tests: two locations, products with types and tags,
 * stock, and fulfilled orders with discounts and tax, written the way the store
 * expects them (queue derived, fulfilment rows, stock moved by the ledger).
 */
export function seedShop(sqlite: Sqlite, orders: ShopOrder[]) {
  const ledger = createStockLedger(sqlite);
  const loc = (code: string, name: string) => Number(sqlite.prepare('INSERT INTO locations(name, code) VALUES (?, ?)').run(name, code).lastInsertRowid);
  const main = loc('MAIN', 'Main warehouse');
  const returnsBay = loc('RET', 'Returns bay');
  const variantBySku = new Map<string, number>();
  const orderIds: number[] = [];
  const lineIds: number[][] = [];
  sqlite.transaction(() => {
    for (const o of orders) {
      const customerId = Number(sqlite.prepare('INSERT INTO customers(first_name, last_name, email) VALUES (?, ?, ?)').run('Ada', 'Lovelace', o.customerEmail ?? `ada${o.number}@example.com`).lastInsertRowid);
      for (const l of o.lines) {
        if (variantBySku.has(l.sku)) continue;
        const p = Number(sqlite.prepare('INSERT INTO products(title, product_type, tags) VALUES (?, ?, ?)').run(l.title, l.productType ?? 'apparel', (l.tags ?? []).join(',')).lastInsertRowid);
        const v = Number(sqlite.prepare("INSERT INTO variants(product_id, sku, price_minor, currency) VALUES (?, ?, ?, 'USD')").run(p, l.sku, l.priceMinor).lastInsertRowid);
        ledger.move({ variantId: v, locationId: main, delta: 100, reason: 'opening_balance', at: '2026-01-01T00:00:00.000Z' });
        variantBySku.set(l.sku, v);
      }
      const subtotal = o.lines.reduce((s, l) => s + l.priceMinor * l.quantity, 0);
      const discount = o.lines.reduce((s, l) => s + (l.discountMinor ?? 0), 0);
      const lineTax = o.lines.reduce((s, l) => s + (l.taxMinor ?? 0), 0);
      const shipping = o.shippingMinor ?? 0;
      const tax = lineTax + (o.shippingTaxMinor ?? 0);
      const total = subtotal - discount + shipping + tax;
      const allShipped = o.fulfilledAt !== null && o.lines.every((l) => (l.fulfilled ?? l.quantity) === l.quantity);
      const fulfillment = o.fulfilledAt === null ? 'unfulfilled' : allShipped ? 'fulfilled' : 'partial';
      const queue = queueOf({ status: 'open', financialStatus: 'paid', fulfillmentStatus: fulfillment, onHold: false, readyToPack: false, exceptionReason: null });
      const orderId = Number(
        sqlite
          .prepare(
            `INSERT INTO orders(platform, external_id, number, name, customer_id, customer_name, email, currency, subtotal_minor, discount_minor, shipping_minor, tax_minor, total_minor,
               financial_status, fulfillment_status, status, queue, item_count, ship_name, ship_address1, ship_city, ship_country, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, 'Ada Lovelace', ?, 'USD', ?, ?, ?, ?, ?, 'paid', ?, 'open', ?, ?, 'Ada Lovelace', '1 Main St', 'Springfield', 'US', ?, ?)`,
          )
          .run(o.platform === undefined ? 'shopify' : o.platform, o.platform === null ? null : `gid-${o.number}`, o.number, `#${o.number}`, customerId, o.customerEmail ?? `ada${o.number}@example.com`, subtotal, discount, shipping, tax, total, fulfillment, queue, o.lines.reduce((s, l) => s + l.quantity, 0), o.createdAt, o.createdAt).lastInsertRowid,
      );
      const ids: number[] = [];
      const fid = o.fulfilledAt === null ? null : Number(sqlite.prepare("INSERT INTO fulfilments(order_id, location_id, status, created_at, delivered_at) VALUES (?, ?, 'success', ?, ?)").run(orderId, main, o.fulfilledAt, o.deliveredAt ?? null).lastInsertRowid);
      for (const l of o.lines) {
        const shipped = o.fulfilledAt === null ? 0 : (l.fulfilled ?? l.quantity);
        const variantId = variantBySku.get(l.sku) as number;
        const lineId = Number(
          sqlite
            .prepare('INSERT INTO order_lines(order_id, variant_id, sku, title, product_type, quantity, fulfilled_quantity, price_minor, discount_minor, tax_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
            .run(orderId, variantId, l.sku, l.title, l.productType ?? 'apparel', l.quantity, shipped, l.priceMinor, l.discountMinor ?? 0, l.taxMinor ?? 0).lastInsertRowid,
        );
        if (fid !== null && shipped > 0) {
          sqlite.prepare('INSERT INTO fulfilment_lines(fulfilment_id, order_line_id, quantity) VALUES (?, ?, ?)').run(fid, lineId, shipped);
          ledger.move({ variantId, locationId: main, delta: -shipped, reason: 'fulfilment', refType: 'fulfilment', refId: fid, at: o.fulfilledAt as string });
        }
        ids.push(lineId);
      }
      orderIds.push(orderId);
      lineIds.push(ids);
    }
  })();
  return { main, returnsBay, orderIds, lineIds, variantBySku };
}
