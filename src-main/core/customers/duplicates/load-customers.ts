import type { Sqlite } from '../../../db/open';
import type { CustomerFields } from './normalise';

/**
 * Reads live customers (not merged away) with their default address, in the
 * shape the duplicate engine compares. Streams rows so 250,000 customers do
 * not need a second copy in memory.
 */
const SELECT = `
  SELECT c.id, c.first_name AS firstName, c.last_name AS lastName, c.email, c.phone, c.birth_date AS birthDate,
         a.address1, a.address2, a.city, a.postcode, a.region, a.country
    FROM customers c
    LEFT JOIN customer_addresses a
      ON a.id = (SELECT id FROM customer_addresses x WHERE x.customer_id = c.id ORDER BY x.is_default DESC, x.id LIMIT 1)
   WHERE c.merged_into_id IS NULL`;

export function loadCustomers(sqlite: Sqlite): IterableIterator<CustomerFields> {
  return sqlite.prepare(SELECT + ' ORDER BY c.id').iterate() as IterableIterator<CustomerFields>;
}

export function loadCustomer(sqlite: Sqlite, id: number): CustomerFields | undefined {
  return sqlite.prepare(SELECT + ' AND c.id = ?').get(id) as CustomerFields | undefined;
}

/** Up to `limit` live customers with ids above `afterId`, in id order: reading in pages leaves the connection free between them. */
export function loadCustomersPage(sqlite: Sqlite, afterId: number, limit: number): CustomerFields[] {
  return sqlite.prepare(SELECT + ' AND c.id > ? ORDER BY c.id LIMIT ?').all(afterId, limit) as CustomerFields[];
}
