import { OmsError } from '../../../src-shared/contract/errors';
import type { ReturnRateRow, ReturnsReport } from '../../../src-shared/returns/types';
import type { CoreContext } from '../context';
import type { ReturnPolicies } from './policy-store';
import { rollupProgress } from './rollups';

const DAY = 86_400_000;

/** The period in whole UTC days: from the start of `from`'s day to the end of `to`'s (to itself when it is a midnight). */
function days(from: string, to: string): { fromDay: string; toDay: string; from: string; to: string } {
  const fromDay = from.slice(0, 10);
  const toMs = Date.parse(to);
  const toDay = toMs % DAY === 0 ? to.slice(0, 10) : new Date(toMs - (toMs % DAY) + DAY).toISOString().slice(0, 10);
  return { fromDay, toDay, from: `${fromDay}T00:00:00.000Z`, to: `${toDay}T00:00:00.000Z` };
}

/**
 * Return rates by product, reason and customer, for the orders placed in a
 * period (a cohort: units returned from those orders over the units they
 * sold). Reads the day rollups kept by triggers (rollups.ts), never the orders
 * or lines, so a year at a million orders costs a few thousand rollup rows.
 * Returned units are our returns (not rejected) and the platform's restocking
 * refunds that no return of ours produced.
 */
export function createReturnsReport(ctx: CoreContext, policies: ReturnPolicies) {
  const { sqlite } = ctx;
  const sum = (dim: string) => sqlite.prepare<[string, string], { n: number | null }>(`SELECT sum(n) AS n FROM return_rollups WHERE dim = '${dim}' AND day >= ? AND day < ?`);
  const soldTotal = sum('sold_total');
  const returnedTotal = sum('ret_total');
  const top = (dim: string) =>
    sqlite.prepare<[string, string, number], { key: string; n: number }>(
      `SELECT key, sum(n) AS n FROM return_rollups WHERE dim = '${dim}' AND day >= ? AND day < ? AND key <> '0' GROUP BY key HAVING sum(n) > 0 ORDER BY n DESC, CAST(key AS INTEGER) LIMIT ?`,
    );
  const topProducts = top('ret_product');
  const topCustomers = top('ret_customer');
  const reasons = sqlite.prepare<[string, string], { key: string; n: number }>("SELECT key, sum(n) AS n FROM return_rollups WHERE dim = 'ret_reason' AND day >= ? AND day < ? GROUP BY key HAVING sum(n) > 0");
  // For the few keys on show: through the (dim, key, day) index.
  const forKeys = (dim: string) =>
    sqlite.prepare<[string, string, string], { key: string; n: number }>(
      `SELECT key, sum(n) AS n FROM return_rollups WHERE dim = '${dim}' AND key IN (SELECT value FROM json_each(?)) AND day >= ? AND day < ? GROUP BY key`,
    );
  const soldByProduct = forKeys('sold_product');
  const soldByCustomer = forKeys('sold_customer');
  const ordersByCustomer = forKeys('orders_customer');
  const productTitles = sqlite.prepare('SELECT id, title, product_type FROM products WHERE id IN (SELECT value FROM json_each(?))');
  const customerNames = sqlite.prepare("SELECT id, trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) AS name, email FROM customers WHERE id IN (SELECT value FROM json_each(?))");

  return function report(input: { from?: string | undefined; to?: string | undefined; limit: number }): ReturnsReport {
    const toIn = input.to ? new Date(input.to).toISOString() : ctx.clock.now().toISOString();
    const fromIn = input.from ? new Date(input.from).toISOString() : new Date(Date.parse(toIn) - 90 * DAY).toISOString();
    if (fromIn >= toIn) throw new OmsError('VALIDATION', 'from: must be before to', { field: 'from' });
    const { fromDay, toDay, from, to } = days(fromIn, toIn);
    const labels = new Map(policies.at(toIn).policy.reasons.map((r) => [r.code, r.label]));
    const unitsSold = soldTotal.get(fromDay, toDay)?.n ?? 0;
    const unitsReturned = returnedTotal.get(fromDay, toDay)?.n ?? 0;

    const byReason = new Map<string, { label: string; units: number }>();
    for (const r of reasons.all(fromDay, toDay)) {
      const label = r.key.startsWith('code:') ? (labels.get(r.key.slice(5)) ?? r.key.slice(5)) : r.key.slice(5);
      const k = label.toLowerCase();
      const cur = byReason.get(k) ?? { label, units: 0 };
      cur.units += r.n;
      byReason.set(k, cur);
    }
    const rate = (returned: number, sold: number) => (sold > 0 ? Math.min(1, returned / sold) : null);
    const keyed = (rows: { key: string; n: number }[]) => new Map(rows.map((r) => [Number(r.key), r.n]));

    const products = topProducts.all(fromDay, toDay, input.limit).map((r) => [Number(r.key), r.n] as const);
    const productIds = JSON.stringify(products.map(([id]) => String(id)));
    const sold = keyed(soldByProduct.all(productIds, fromDay, toDay));
    const titles = new Map((productTitles.all(JSON.stringify(products.map(([id]) => id))) as { id: number; title: string; product_type: string | null }[]).map((r) => [r.id, r]));
    const productRows: ReturnRateRow[] = products.map(([id, returned]) => ({
      key: String(id),
      label: titles.get(id)?.title ?? `Product ${id}`,
      sub: titles.get(id)?.product_type ?? null,
      sold: sold.get(id) ?? 0,
      returned,
      rate: rate(returned, sold.get(id) ?? 0),
    }));

    const customers = topCustomers.all(fromDay, toDay, input.limit).map((r) => [Number(r.key), r.n] as const);
    const customerKeys = JSON.stringify(customers.map(([id]) => String(id)));
    const boughtUnits = keyed(soldByCustomer.all(customerKeys, fromDay, toDay));
    const orderCount = keyed(ordersByCustomer.all(customerKeys, fromDay, toDay));
    const names = new Map((customerNames.all(JSON.stringify(customers.map(([id]) => id))) as { id: number; name: string; email: string | null }[]).map((r) => [r.id, r]));
    const customerRows: ReturnRateRow[] = customers.map(([id, returned]) => {
      const orders = orderCount.get(id) ?? 0;
      return {
        key: String(id),
        label: names.get(id)?.name || names.get(id)?.email || `Customer ${id}`,
        sub: orders > 0 ? `${orders} order${orders === 1 ? '' : 's'}` : null,
        sold: boughtUnits.get(id) ?? 0,
        returned,
        rate: rate(returned, boughtUnits.get(id) ?? 0),
      };
    });

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
      incomplete: rollupProgress(sqlite),
    };
  };
}
