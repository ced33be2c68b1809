import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScanJob } from '../../src-main/core/customers/duplicates/scan-job';
import { canScanOffThread, scanOffThread } from '../../src-main/core/customers/duplicates/scan-off-thread';
import { generateDemoShop } from '../../src-main/core/demo';
import { demoWorkspace, type Session, type TestWorkspace } from '../support/workspace';

/** The full duplicate scan runs in a worker thread: same answer as on the calling thread, and calls are answered meanwhile. */
describe('duplicate scan off the thread that answers calls', () => {
  let ws: TestWorkspace;
  let staff: Session;

  beforeAll(async () => {
    ws = await demoWorkspace();
    generateDemoShop(ws.core.ctx.sqlite, { orders: 1500, customers: 3000, seed: 5 });
    staff = await ws.as('backoffice');
  }, 120_000);
  afterAll(() => ws?.dispose());

  it('a worker finds exactly the pairs, bands and evidence a scan on this thread finds', async () => {
    expect(canScanOffThread()).toBe(true);
    const phases = new Set<string>();
    const off = await scanOffThread(ws.core.ctx.paths.db, (p) => phases.add(p.phase));
    const here = runScanJob(ws.core.ctx.sqlite);
    expect(off).not.toBeNull();
    expect(off!.customers).toBe(here.customers);
    expect(off!.pairs.length).toBeGreaterThan(50);
    expect(off!.pairs).toEqual(here.pairs);
    expect(off!.model.lambda).toBeCloseTo(here.model.lambda, 12);
    expect([...phases]).toEqual(expect.arrayContaining(['index', 'pairs', 'compare', 'model', 'score']));
  }, 60_000);

  it('a worker that cannot open the database reports why', async () => {
    await expect(scanOffThread(`${ws.dir}/no-such.db`, () => {})!).rejects.toThrow(/The duplicate scan failed: .*(unable to open|no such file|does not exist)/i);
  }, 30_000);

  it('other calls are answered while duplicates.scan runs, and the scan fills the review queue', async () => {
    const order: string[] = [];
    const scan = staff.ok('duplicates.scan', {}).then((r) => {
      order.push('scan');
      return r;
    });
    const list = staff.ok('customers.list', { limit: 5 }).then(() => order.push('list'));
    const [result] = await Promise.all([scan, list]);
    expect(order).toEqual(['list', 'scan']);
    expect(result.pairs).toBeGreaterThan(50);
    const q = await staff.ok('duplicates.review', { limit: 1 });
    expect(q.total).toBe(result.pairs);
    expect(q.items[0]!.evidence.length).toBeGreaterThan(3);
  }, 60_000);
});
