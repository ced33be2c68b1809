/** Catalogue and stock: locations, products, variants, stock levels and the append-only stock ledger. Part of the foundation's schema (see schema.ts). */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './schema-columns';
import { users } from './schema-people';

// ── catalogue and stock ───────────────────────────────────────────────────
export const locations = sqliteTable(
  'locations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform'),
    externalId: text('external_id'),
    name: text('name').notNull(),
    code: text('code').notNull().unique(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('locations_platform_ext').on(t.platform, t.externalId)],
);

export const products = sqliteTable(
  'products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform'),
    externalId: text('external_id'),
    title: text('title').notNull(),
    productType: text('product_type'),
    vendor: text('vendor'),
    tags: text('tags').notNull().default(''),
    status: text('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('products_platform_ext').on(t.platform, t.externalId)],
);

export const variants = sqliteTable(
  'variants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productId: integer('product_id').notNull().references(() => products.id),
    platform: text('platform'),
    externalId: text('external_id'),
    inventoryItemId: text('inventory_item_id'),
    sku: text('sku'),
    barcode: text('barcode'),
    title: text('title'),
    priceMinor: integer('price_minor').notNull(),
    unitCostMinor: integer('unit_cost_minor'),
    currency: text('currency').notNull(),
    weightGrams: integer('weight_grams'),
    requiresShipping: integer('requires_shipping', { mode: 'boolean' }).notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('variants_platform_ext').on(t.platform, t.externalId),
    index('variants_sku').on(t.sku),
    index('variants_barcode').on(t.barcode),
    index('variants_product').on(t.productId),
  ],
);

/** Current level per SKU and location; kept in step with stock_movements in the same transaction. */
export const stockLevels = sqliteTable(
  'stock_levels',
  {
    variantId: integer('variant_id').notNull().references(() => variants.id),
    locationId: integer('location_id').notNull().references(() => locations.id),
    onHand: integer('on_hand').notNull().default(0),
    bin: text('bin'),
    reorderPoint: integer('reorder_point'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.variantId, t.locationId] }), index('stock_levels_location').on(t.locationId)],
);

/** Append-only: triggers refuse UPDATE and DELETE. */
export const stockMovements = sqliteTable(
  'stock_movements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    variantId: integer('variant_id').notNull().references(() => variants.id),
    locationId: integer('location_id').notNull().references(() => locations.id),
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    refType: text('ref_type'),
    refId: text('ref_id'),
    userId: integer('user_id').references(() => users.id),
  },
  (t) => [index('stock_movements_variant').on(t.variantId, t.locationId, t.at), index('stock_movements_ref').on(t.refType, t.refId)],
);
