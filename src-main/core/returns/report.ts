import { OmsError } from '../../../src-shared/contract/errors';
import type { ReturnRateRow, ReturnsReport } from '../../../src-shared/returns/types';
import type { CoreContext } from '../context';
import type { ReturnPolicies } from './policy-store';

const DAY = 86_400_000;

/**
 * Returned units, from two sources: our own returns (not rejected) and refunds
 * from the shop platform that restocked items outside Orderhouse (refund lines
 * marked restock that no return of ours produced). Cohort by order date: the
 * rate is units returned from the orders placed in the period over the units
 * those orders sold.
 */
const RETURNED = `
  SELECT x.order_line_id AS line_id, x.quantity AS units, x.reason AS reason, 'code' AS reason_kind
    FROM return_lines x JOIN returns r ON r.id = x.return_id WHERE r.status <> 'rejected'
  UNION ALL
  SELECT rl.order_line_id, rl.quantity, coalesce(f.reason, 'Not given'), 'text'
    FROM refund_lines rl JOIN refunds f ON f.id = rl.refund_id
   WHERE rl.restock = 1 AND NOT EXISTS (SELECT 1 FROM returns r WHERE r.refund_id = f.id)`;

/** Return rates by product, reason and customer. Reads raw rows for the period (bounded, default 90 days). */
export function createReturnsReport(ctx: CoreContext, policies: ReturnPolicies) {
  const { sqlite } = ctx;
  const returnedRows = sqlite.prepare<[string, string], { line_id: number; units: number; reason: string; reason_kind: string; product_id: number | null; title: string; product_type: string | null; customer_id: number | null }>(
    `SELECT rt.line_id, rt.units, rt.reason, rt.reason_kind, v.product_id, l.title, coalesce(l.product_type, p.product_type) AS product_type, o.customer_id
       FROM (${RETURNED}) rt
       JOIN order_lines l ON l.id = rt.line_id JOIN orders o ON o.id = l.order_id
       LEFT JOIN variants v ON v.id = l.variant_id LEFT JOIN products p ON p.id = v.product_id
      WHERE o.created_at >= ? AND o.created_at < ?`,
  );
  // One pass over the period's lines gives both the total and the units per product.
  const soldByProduct = sqlite.prepare<[string, string], { id: number | null; sold: number }>(
    `SELECT v.product_id AS id, sum(l.quantity) AS sold FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN variants v ON v.id = l.variant_id
      WHERE o.created_at >= ? AND o.created_at < ? AND o.status <> 'cancelled' GROUP BY v.product_id`,
  );
  const soldByCustomer = sqlite.prepare(
    `SELECT o.customer_id AS id, sum(l.quantity) AS sold, count(DISTINCT o.id) AS orders FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE o.created_at >= ? AND o.created_at < ? AND o.status <> 'cancelled' AND o.customer_id IN (SELECT value FROM json_each(?)) GROUP BY o.customer_id`,
  );
  const productTitles = sqlite.prepare('SELECT id, title, product_type FROM products WHERE id IN (SELECT value FROM json_each(?))');
  const customerNames = sqlite.prepare("SELECT id, trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) AS name, email FROM customers WHERE id IN (SELECT value FROM json_each(?))");

  return function report(input: { from?: string | undefined; to?: string | undefined; limit: number }): ReturnsReport {
    const to = input.to ? new Date(input.to).toISOString() : ctx.clock.now().toISOString();
    const from = input.from ? new Date(input.from).toISOString() : new Date(Date.parse(to) - 90 * DAY).toISOString();
    if (from >= to) throw new OmsError('VALIDATION', 'from: must be before to', { field: 'from' });
    const labels = new Map(policies.at(to).policy.reasons.map((r) => [r.code, r.label]));
    const soldRows = soldByProduct.all(from, to);
    const unitsSold = soldRows.reduce((t, r) => t + r.sold, 0);
    const rows = returnedRows.all(from, to);
    const unitsReturned = rows.reduce((s, r) => s + r.units, 0);

    const byReason = new Map<string, { label: string; units: number }>();
    const byProduct = new Map<number, number>();
    const byCustomer = new Map<number, number>();
    for (const r of rows) {
      const label = r.reason_kind === 'code' ? (labels.get(r.reason) ?? r.reason) : r.reason;
      const key = label.toLowerCase();
      const cur = byReason.get(key) ?? { label, units: 0 };
      cur.units += r.units;
      byReason.set(key, cur);
      if (r.product_id !== null) byProduct.set(r.product_id, (byProduct.get(r.product_id) ?? 0) + r.units);
      if (r.customer_id !== null) byCustomer.set(r.customer_id, (byCustomer.get(r.customer_id) ?? 0) + r.units);
    }
    const top = (m: Map<number, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, input.limit);
    const rate = (returned: number, sold: number) => (sold > 0 ? Math.min(1, returned / sold) : null);

    const products = top(byProduct);
    const productIds = JSON.stringify(products.map(([id]) => id));
    const sold = new Map(soldRows.map((r) => [r.id, r.sold]));
    const titles = new Map((productTitles.all(productIds) as { id: number; title: string; product_type: string | null }[]).map((r) => [r.id, r]));
    const productRows: ReturnRateRow[] = products.map(([id, returned]) => ({
      key: String(id),
      label: titles.get(id)?.title ?? `Product ${id}`,
      sub: titles.get(id)?.product_type ?? null,
      sold: sold.get(id) ?? 0,
      returned,
      rate: rate(returned, sold.get(id) ?? 0),
    }));

    const customers = top(byCustomer);
    const customerIds = JSON.stringify(customers.map(([id]) => id));
    const bought = new Map((soldByCustomer.all(from, to, customerIds) as { id: number; sold: number; orders: number }[]).map((r) => [r.id, r]));
    const names = new Map((customerNames.all(customerIds) as { id: number; name: string; email: string | null }[]).map((r) => [r.id, r]));
    const customerRows: ReturnRateRow[] = customers.map(([id, returned]) => ({
      key: String(id),
      label: names.get(id)?.name || names.get(id)?.email || `Customer ${id}`,
      sub: bought.get(id) ? `${bought.get(id)?.orders} order${bought.get(id)?.orders === 1 ? '' : 's'}` : null,
      sold: bought.get(id)?.sold ?? 0,
      returned,
      rate: rate(returned, bought.get(id)?.sold ?? 0),
    }));

    return {
      from,
      to,
      unitsSold,
      unitsReturned,
      rate: rate(unitsReturned, unitsSold),
      byProduct: productRows,
      byReason: [...byReason.values()]
        .sort((a, b) => b.units - a.units || a.label.localeCompare(b.label))
        .map((r) => ({ reason: r.label, label: r.label, units: r.units, share: unitsReturned > 0 ? r.units / unitsReturned : 0 })),
      byCustomer: customerRows,
    };
  };
}
