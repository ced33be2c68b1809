import Database from 'better-sqlite3';
import { migrate } from '../db/open';
import { generateDemoShop } from '../core/demo';

/**
 * The emulated shop's own records, in memory, shaped the way the platform keeps
 * them (its own numeric ids, money in minor units here and rendered as
 * shopMoney decimals on the wire). Seeded from the demo generator: it fills a
 * throw-away in-memory store, and the rows are read out of it.
 */
export interface EmuLocation { id: number; name: string; code: string; active: boolean; updatedAt: string }
export interface EmuVariant {
  id: number;
  productId: number;
  inventoryItemId: number;
  sku: string | null;
  barcode: string | null;
  title: string;
  priceMinor: number;
  costMinor: number | null;
  grams: number | null;
  updatedAt: string;
}
export interface EmuProduct { id: number; title: string; productType: string | null; vendor: string | null; tags: string[]; status: string; createdAt: string; updatedAt: string; variants: EmuVariant[] }
/** `levelUpdatedAt`: when each level last changed (inventory-levels.ts); a quantity change leaves `updatedAt` alone, as on the platform. */
export interface EmuInventoryItem { id: number; variantId: number; updatedAt: string; levels: Map<number, number>; levelUpdatedAt: Map<number, string> }
export interface EmuAddress { id: number; name: string | null; company: string | null; address1: string | null; address2: string | null; city: string | null; zip: string | null; province: string | null; country: string | null; phone: string | null }
export interface EmuCustomer {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  acceptsMarketing: boolean;
  createdAt: string;
  updatedAt: string;
  addresses: EmuAddress[];
}
export interface EmuLine {
  id: number;
  variantId: number | null;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  priceMinor: number;
  discountMinor: number;
  taxMinor: number;
  requiresShipping: boolean;
}
export interface EmuFulfillment { id: number; status: string; createdAt: string; deliveredAt?: string | null; locationId: number | null; company: string | null; number: string | null; url: string | null; lines: { lineId: number; quantity: number }[] }
export interface EmuRefund { id: number; createdAt: string; note: string | null; amountMinor: number; lines: { lineId: number; quantity: number; amountMinor: number; restock: boolean }[] }
export interface EmuOrder {
  id: number;
  number: number;
  customerId: number | null;
  email: string | null;
  phone: string | null;
  currency: string;
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
  financialStatus: string;
  fulfillmentStatus: string;
  closed: boolean;
  cancelledAt: string | null;
  cancelReason: string | null;
  tags: string[];
  note: string | null;
  customAttributes: { key: string; value: string }[];
  ship: EmuAddress | null;
  gateway: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  createdAt: string;
  updatedAt: string;
  lines: EmuLine[];
  fulfillments: EmuFulfillment[];
  refunds: EmuRefund[];
  /** Fields a fault switch broke on purpose: the wire shows them as the platform would never send them. */
  malformed?: 'amount' | 'quantity';
}

export interface ShopData {
  name: string;
  domain: string;
  currency: string;
  locations: EmuLocation[];
  products: EmuProduct[];
  variants: Map<number, EmuVariant>;
  inventoryItems: EmuInventoryItem[];
  inventoryById: Map<number, EmuInventoryItem>;
  customers: EmuCustomer[];
  customerById: Map<number, EmuCustomer>;
  orders: EmuOrder[];
  orderById: Map<number, EmuOrder>;
  /** Next numeric ids for records the emulator creates (mutations, live orders). */
  nextId: { fulfillment: number; refund: number; order: number; line: number; adjustment: number };
}

// Platform ids look like the platform's: large integers, distinct per type.
export const ID_BASE = {
  Location: 60_000_000_000,
  Product: 8_000_000_000_000,
  ProductVariant: 44_000_000_000_000,
  InventoryItem: 46_000_000_000_000,
  Customer: 7_000_000_000_000,
  MailingAddress: 9_000_000_000_000,
  Order: 5_000_000_000_000,
  LineItem: 13_000_000_000_000,
  Fulfillment: 4_000_000_000_000,
  Refund: 900_000_000_000,
} as const;

export interface SeedOptions { orders: number; seed?: number; now?: Date; currency?: string }

type Row = Record<string, unknown>;
const s = (v: unknown): string | null => (v == null ? null : String(v));
const n = (v: unknown): number => Number(v);

export function seedShopData(opts: SeedOptions): ShopData {
  const sqlite = new Database(':memory:');
  try {
    sqlite.pragma('foreign_keys = ON');
    migrate(sqlite, ':memory:');
    const summary = generateDemoShop(sqlite, { orders: opts.orders, seed: opts.seed ?? 42, now: opts.now, currency: opts.currency });
    return readShop(sqlite, summary.currency);
  } finally {
    sqlite.close();
  }
}

function readShop(sqlite: Database.Database, currency: string): ShopData {
  const all = (sql: string) => sqlite.prepare(sql).all() as Row[];
  const at = (sqlite.prepare('SELECT min(created_at) AS at FROM products').get() as { at: string | null }).at ?? new Date(0).toISOString();

  const locations: EmuLocation[] = all('SELECT id, name, code, active FROM locations ORDER BY id').map((r) => ({
    id: ID_BASE.Location + n(r.id), name: String(r.name), code: String(r.code), active: n(r.active) === 1, updatedAt: at,
  }));
  const locId = (local: unknown) => (local == null ? null : ID_BASE.Location + n(local));

  const products = new Map<number, EmuProduct>();
  for (const r of all('SELECT * FROM products ORDER BY id')) {
    products.set(n(r.id), {
      id: ID_BASE.Product + n(r.id), title: String(r.title), productType: s(r.product_type), vendor: s(r.vendor),
      tags: String(r.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean), status: String(r.status).toUpperCase(),
      createdAt: String(r.created_at), updatedAt: String(r.updated_at), variants: [],
    });
  }
  const variants = new Map<number, EmuVariant>();
  const inventoryItems: EmuInventoryItem[] = [];
  const inventoryById = new Map<number, EmuInventoryItem>();
  const byLocalVariant = new Map<number, EmuInventoryItem>();
  for (const r of all('SELECT * FROM variants ORDER BY id')) {
    const v: EmuVariant = {
      id: ID_BASE.ProductVariant + n(r.id), productId: ID_BASE.Product + n(r.product_id), inventoryItemId: ID_BASE.InventoryItem + n(r.id),
      sku: s(r.sku), barcode: s(r.barcode), title: String(r.title ?? 'Default Title'), priceMinor: n(r.price_minor),
      costMinor: r.unit_cost_minor == null ? null : n(r.unit_cost_minor), grams: r.weight_grams == null ? null : n(r.weight_grams), updatedAt: String(r.updated_at),
    };
    variants.set(v.id, v);
    products.get(n(r.product_id))?.variants.push(v);
    const item: EmuInventoryItem = { id: v.inventoryItemId, variantId: v.id, updatedAt: v.updatedAt, levels: new Map(), levelUpdatedAt: new Map() };
    inventoryItems.push(item);
    inventoryById.set(item.id, item);
    byLocalVariant.set(n(r.id), item);
  }
  for (const r of all('SELECT variant_id, location_id, on_hand FROM stock_levels')) {
    byLocalVariant.get(n(r.variant_id))?.levels.set(locId(r.location_id) as number, n(r.on_hand));
  }

  const addressesOf = new Map<number, EmuAddress[]>();
  for (const r of all('SELECT * FROM customer_addresses ORDER BY customer_id, is_default DESC, id')) {
    const list = addressesOf.get(n(r.customer_id)) ?? [];
    list.push({ id: ID_BASE.MailingAddress + n(r.id), name: s(r.name), company: s(r.company), address1: s(r.address1), address2: s(r.address2), city: s(r.city), zip: s(r.postcode), province: s(r.region), country: s(r.country), phone: s(r.phone) });
    addressesOf.set(n(r.customer_id), list);
  }
  const customers: EmuCustomer[] = all('SELECT * FROM customers ORDER BY id').map((r) => ({
    id: ID_BASE.Customer + n(r.id), firstName: s(r.first_name), lastName: s(r.last_name), email: s(r.email), phone: s(r.phone), note: s(r.note),
    acceptsMarketing: n(r.accepts_marketing) === 1, createdAt: String(r.created_at), updatedAt: String(r.updated_at), addresses: addressesOf.get(n(r.id)) ?? [],
  }));

  const linesOf = new Map<number, EmuLine[]>();
  for (const r of all('SELECT * FROM order_lines ORDER BY order_id, id')) {
    const list = linesOf.get(n(r.order_id)) ?? [];
    list.push({
      id: ID_BASE.LineItem + n(r.id), variantId: r.variant_id == null ? null : ID_BASE.ProductVariant + n(r.variant_id), sku: s(r.sku), title: String(r.title),
      variantTitle: s(r.variant_title), quantity: n(r.quantity), priceMinor: n(r.price_minor), discountMinor: n(r.discount_minor), taxMinor: n(r.tax_minor), requiresShipping: n(r.requires_shipping) === 1,
    });
    linesOf.set(n(r.order_id), list);
  }
  const fLines = new Map<number, { lineId: number; quantity: number }[]>();
  for (const r of all('SELECT * FROM fulfilment_lines ORDER BY fulfilment_id, order_line_id')) {
    const list = fLines.get(n(r.fulfilment_id)) ?? [];
    list.push({ lineId: ID_BASE.LineItem + n(r.order_line_id), quantity: n(r.quantity) });
    fLines.set(n(r.fulfilment_id), list);
  }
  const fulfillmentsOf = new Map<number, EmuFulfillment[]>();
  let maxF = 0;
  for (const r of all('SELECT * FROM fulfilments ORDER BY order_id, id')) {
    const list = fulfillmentsOf.get(n(r.order_id)) ?? [];
    list.push({ id: ID_BASE.Fulfillment + n(r.id), status: String(r.status).toUpperCase(), createdAt: String(r.created_at), deliveredAt: s(r.delivered_at), locationId: locId(r.location_id), company: s(r.tracking_company), number: s(r.tracking_number), url: s(r.tracking_url), lines: fLines.get(n(r.id)) ?? [] });
    fulfillmentsOf.set(n(r.order_id), list);
    maxF = Math.max(maxF, n(r.id));
  }
  const rLines = new Map<number, EmuRefund['lines']>();
  for (const r of all('SELECT * FROM refund_lines ORDER BY refund_id, order_line_id')) {
    const list = rLines.get(n(r.refund_id)) ?? [];
    list.push({ lineId: ID_BASE.LineItem + n(r.order_line_id), quantity: n(r.quantity), amountMinor: n(r.amount_minor), restock: n(r.restock) === 1 });
    rLines.set(n(r.refund_id), list);
  }
  const refundsOf = new Map<number, EmuRefund[]>();
  let maxR = 0;
  for (const r of all('SELECT * FROM refunds ORDER BY order_id, id')) {
    const list = refundsOf.get(n(r.order_id)) ?? [];
    list.push({ id: ID_BASE.Refund + n(r.id), createdAt: String(r.created_at), note: s(r.note), amountMinor: n(r.amount_minor), lines: rLines.get(n(r.id)) ?? [] });
    refundsOf.set(n(r.order_id), list);
    maxR = Math.max(maxR, n(r.id));
  }
  let maxLine = 0;
  for (const r of all('SELECT max(id) AS m FROM order_lines')) maxLine = n(r.m ?? 0);
  const orders: EmuOrder[] = all('SELECT * FROM orders ORDER BY id').map((r) => ({
    id: ID_BASE.Order + n(r.id), number: n(r.number), customerId: r.customer_id == null ? null : ID_BASE.Customer + n(r.customer_id), email: s(r.email), phone: s(r.phone),
    currency: String(r.currency), subtotalMinor: n(r.subtotal_minor), discountMinor: n(r.discount_minor), shippingMinor: n(r.shipping_minor), taxMinor: n(r.tax_minor), totalMinor: n(r.total_minor),
    financialStatus: String(r.financial_status), fulfillmentStatus: String(r.fulfillment_status), closed: r.status === 'closed', cancelledAt: s(r.cancelled_at), cancelReason: s(r.cancel_reason),
    tags: String(r.tags ?? '').split(',').map((t) => t.trim()).filter(Boolean), note: s(r.note), customAttributes: [],
    ship: r.ship_address1 == null && r.ship_city == null && r.ship_country == null ? null : { id: 0, name: s(r.ship_name), company: s(r.ship_company), address1: s(r.ship_address1), address2: s(r.ship_address2), city: s(r.ship_city), zip: s(r.ship_postcode), province: s(r.ship_region), country: s(r.ship_country), phone: s(r.ship_phone) },
    gateway: s(r.gateway), cardBrand: s(r.card_brand), cardLast4: s(r.card_last4), createdAt: String(r.created_at), updatedAt: String(r.updated_at),
    lines: linesOf.get(n(r.id)) ?? [], fulfillments: fulfillmentsOf.get(n(r.id)) ?? [], refunds: refundsOf.get(n(r.id)) ?? [],
  }));
  const maxOrder = orders.reduce((m, o) => Math.max(m, o.id - ID_BASE.Order), 0);
  return {
    name: 'Harbor & Pine (emulated)',
    domain: 'harbor-and-pine.myshopify.com',
    currency,
    locations,
    products: [...products.values()],
    variants,
    inventoryItems,
    inventoryById,
    customers,
    customerById: new Map(customers.map((c) => [c.id, c])),
    orders,
    orderById: new Map(orders.map((o) => [o.id, o])),
    nextId: { fulfillment: ID_BASE.Fulfillment + maxF + 1, refund: ID_BASE.Refund + maxR + 1, order: ID_BASE.Order + maxOrder + 1, line: ID_BASE.LineItem + maxLine + 1, adjustment: 1 },
  };
}
