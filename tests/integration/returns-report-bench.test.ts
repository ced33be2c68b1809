import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src-main/core/core';
import { generateDemoShop } from '../../src-main/core/demo/generate';
import { createReturnServices } from '../../src-main/core/returns/handlers';
import { rebuildReturnRollups } from '../../src-main/core/returns/rollups';

/**
 * Measures returns.report at a large demo shop. Runs only when asked:
 *   OMS_RETURNS_BENCH=/tmp/bench-200k [OMS_RETURNS_BENCH_ORDERS=200000] npx vitest run tests/integration/returns-report-bench.test.ts
 * The workspace is generated once and reused; 5,000 returns are seeded on fulfilled orders.
 */
const dir = process.env.OMS_RETURNS_BENCH;
const orders = Number(process.env.OMS_RETURNS_BENCH_ORDERS ?? 200_000);

describe.skipIf(!dir)('returns.report at a large shop (bench)', () => {
  it('reports p50/max over repeated calls for 30-, 90- and 365-day periods', () => {
    const fresh = !existsSync(`${dir}/orderhouse.db`);
    const core = createCore({ workspaceDir: dir as string, newWorkspace: { kind: 'demo', name: 'Returns bench', currency: 'USD' } });
    try {
      const s = core.store.sqlite;
      if (fresh) generateDemoShop(s, { orders, seed: 11 });
      if ((s.prepare('SELECT count(*) n FROM returns').get() as { n: number }).n === 0) {
        const services0 = createReturnServices(core.ctx);
        const policyId = services0.policies.at(new Date().toISOString()).id;
        const reasons = ['changed_mind', 'wrong_size', 'defective', 'not_as_described', 'no_longer_needed'];
        const picks = s.prepare("SELECT l.id, l.order_id, o.customer_id, o.created_at FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.fulfilled_quantity > 0 AND l.id % 37 = 0 LIMIT 5000").all() as { id: number; order_id: number; customer_id: number | null; created_at: string }[];
        const insR = s.prepare("INSERT INTO returns(number, order_id, customer_id, status, resolution, currency, policy_id, verdict, total_minor, created_at, updated_at) VALUES (?, ?, ?, ?, 'refund', 'USD', ?, '{}', 1000, ?, ?)");
        const insL = s.prepare("INSERT INTO return_lines(return_id, order_line_id, quantity, reason, condition, verdict, item_minor, tax_minor, fee_minor, refund_minor) VALUES (?, ?, 1, ?, 'like_new', 'eligible', 1000, 0, 0, 1000)");
        s.transaction(() => {
          picks.forEach((p, i) => {
            const id = Number(insR.run(`RMA-B${i}`, p.order_id, p.customer_id, i % 11 === 0 ? 'rejected' : 'requested', policyId, p.created_at, p.created_at).lastInsertRowid);
            insL.run(id, p.id, reasons[i % reasons.length]);
          });
        })();
      }
      const services = createReturnServices(core.ctx);
      const t0 = performance.now();
      rebuildReturnRollups(s);
      const rebuildMs = performance.now() - t0;
      const rollupRows = (s.prepare('SELECT count(*) n FROM return_rollups').get() as { n: number }).n;
      const last = (s.prepare('SELECT max(created_at) m FROM orders').get() as { m: string }).m;
      const out: Record<string, string> = { rebuild: `${rebuildMs.toFixed(0)} ms, ${rollupRows} rollup rows` };
      for (const days of [30, 90, 365]) {
        const to = last;
        const from = new Date(Date.parse(to) - days * 86_400_000).toISOString();
        const times: number[] = [];
        let r = services.report({ from, to, limit: 10 });
        for (let k = 0; k < 7; k++) {
          const t = performance.now();
          r = services.report({ from, to, limit: 10 });
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        out[`${days}d`] = `p50 ${times[3]?.toFixed(1)} ms, max ${times[6]?.toFixed(1)} ms (sold ${r.unitsSold}, returned ${r.unitsReturned})`;
      }
      console.log('RETURNS REPORT BENCH', (s.prepare('SELECT count(*) n FROM orders').get() as { n: number }).n, 'orders', JSON.stringify(out, null, 1));
      expect(Object.keys(out)).toHaveLength(4);
    } finally {
      core.close();
    }
  }, 900_000);
});
