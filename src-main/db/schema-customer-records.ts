/** Customers and their addresses (the customer capability adds its own tables in schema-customers.ts). Part of the foundation's schema (see schema.ts). */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './schema-columns';

// ── customers ─────────────────────────────────────────────────────────────
export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform'),
    externalId: text('external_id'),
    ref: text('ref'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    email: text('email'),
    phone: text('phone'),
    birthDate: text('birth_date'),
    acceptsMarketing: integer('accepts_marketing', { mode: 'boolean' }).notNull().default(false),
    note: text('note'),
    mergedIntoId: integer('merged_into_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('customers_platform_ext').on(t.platform, t.externalId),
    index('customers_email').on(t.email),
    index('customers_ref').on(t.ref),
  ],
);

export const customerAddresses = sqliteTable(
  'customer_addresses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id').notNull().references(() => customers.id),
    name: text('name'),
    company: text('company'),
    address1: text('address1'),
    address2: text('address2'),
    city: text('city'),
    postcode: text('postcode'),
    region: text('region'),
    country: text('country'),
    phone: text('phone'),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('customer_addresses_customer').on(t.customerId)],
);
