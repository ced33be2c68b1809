import type { CustomerSummary } from '../../../src-shared/contract';
import type { Sqlite } from '../../db/open';

/** The customer list: live records (not merged away), newest first, optionally filtered by name, email, phone or ref. */
export function createListCustomers(sqlite: Sqlite) {
  const base = `
    SELECT c.id, c.ref, trim(coalesce(c.first_name,'') || ' ' || coalesce(c.last_name,'')) AS name, c.email, c.phone,
           a.city, a.country, c.merged_into_id AS mergedIntoId,
           (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS orderCount
      FROM customers c
      LEFT JOIN customer_addresses a ON a.id = (SELECT x.id FROM customer_addresses x WHERE x.customer_id = c.id ORDER BY x.is_default DESC, x.id LIMIT 1)
     WHERE c.merged_into_id IS NULL`;
  const match = ` AND (c.first_name || ' ' || c.last_name LIKE @q OR c.last_name || ' ' || c.first_name LIKE @q OR c.email LIKE @q OR c.ref LIKE @q OR replace(replace(replace(replace(c.phone,' ',''),'-',''),'(',''),')','') LIKE @digits)`;
  const page = sqlite.prepare(`${base} ORDER BY c.id DESC LIMIT @limit OFFSET @offset`);
  const pageSearch = sqlite.prepare(`${base}${match} ORDER BY c.id DESC LIMIT @limit OFFSET @offset`);
  const count = sqlite.prepare('SELECT count(*) FROM customers c WHERE c.merged_into_id IS NULL').pluck();
  const countSearch = sqlite.prepare(`SELECT count(*) FROM customers c WHERE c.merged_into_id IS NULL${match}`).pluck();

  return (input: { search?: string | undefined; limit: number; offset: number }): { items: CustomerSummary[]; total: number } => {
    const q = input.search?.trim();
    if (!q) return { items: page.all({ limit: input.limit, offset: input.offset }) as CustomerSummary[], total: count.get() as number };
    const escaped = q.replace(/[%_\\]/g, '');
    const digits = escaped.replace(/\D/g, '');
    const params = { q: `%${escaped}%`, digits: digits.length >= 4 ? `%${digits}%` : '\u0000', limit: input.limit, offset: input.offset };
    return { items: pageSearch.all(params) as CustomerSummary[], total: countSearch.get(params) as number };
  };
}
