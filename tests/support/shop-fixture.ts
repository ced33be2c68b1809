import type { Sqlite } from '../../src-main/db/open';
import { insertOrders, type FixtureOrder } from './orders-fixture';

/**
 * A small shop for order-action tests: two locations, a few SKUs with
 * barcodes, bins and stock, and orders whose lines point at those SKUs.
 */
export interface Shop {
  main: number;
  east: number;
  variants: Record<string, number>;
  /** Inserts orders (lines by SKU) and links their lines to the variants; returns order ids. */
  orders(orders: (FixtureOrder & { platform?: string })[]): number[];
  lineIds(orderId: number): number[];
  onHand(sku: string, locationId: number): number;
}

export function seedShop(sqlite: Sqlite, stock: Record<string, { main: number; east?: number }> = { 'LS-M': { main: 10, east: 5 }, 'MUG-1': { main: 4 }, 'CAP-1': { main: 0, east: 2 } }): Shop {
  const main = Number(sqlite.prepare("INSERT INTO locations(name, code) VALUES ('Main warehouse', 'MAIN')").run().lastInsertRowid);
  const east = Number(sqlite.prepare("INSERT INTO locations(name, code, platform, external_id) VALUES ('East DC', 'EAST', 'shopify', 'gid://shopify/Location/2')").run().lastInsertRowid);
  const product = Number(sqlite.prepare("INSERT INTO products(title) VALUES ('Shop goods')").run().lastInsertRowid);
  const variants: Record<string, number> = {};
  let n = 0;
  for (const [sku, levels] of Object.entries(stock)) {
    n++;
    const v = Number(sqlite.prepare("INSERT INTO variants(product_id, sku, barcode, title, price_minor, currency) VALUES (?, ?, ?, 'Default', 2500, 'USD')").run(product, sku, `00000000000${n}`.slice(-12)).lastInsertRowid);
    variants[sku] = v;
    sqlite.prepare('INSERT INTO stock_levels(variant_id, location_id, on_hand, bin) VALUES (?, ?, ?, ?)').run(v, main, levels.main, `A-0${n}-1`);
    if (levels.east !== undefined) sqlite.prepare('INSERT INTO stock_levels(variant_id, location_id, on_hand, bin) VALUES (?, ?, ?, ?)').run(v, east, levels.east, `E-0${n}`);
  }
  return {
    main,
    east,
    variants,
    orders(list) {
      const ids = insertOrders(sqlite, list);
      const link = sqlite.prepare('UPDATE order_lines SET variant_id = (SELECT id FROM variants WHERE sku = order_lines.sku) WHERE order_id = ?');
      const platform = sqlite.prepare("UPDATE orders SET platform = ?, external_id = 'gid://shopify/Order/' || id WHERE id = ?");
      ids.forEach((id, i) => {
        link.run(id);
        const p = list[i]?.platform;
        if (p) platform.run(p, id);
      });
      return ids;
    },
    lineIds(orderId) {
      return (sqlite.prepare('SELECT id FROM order_lines WHERE order_id = ? ORDER BY id').all(orderId) as { id: number }[]).map((r) => r.id);
    },
    onHand(sku, locationId) {
      return (sqlite.prepare('SELECT on_hand FROM stock_levels WHERE variant_id = ? AND location_id = ?').get(variants[sku], locationId) as { on_hand: number } | undefined)?.on_hand ?? 0;
    },
  };
}
