import { afterEach, describe, expect, it } from 'vitest';
import { seedShop } from '../support/returns-fixture';
import { demoWorkspace, manualClock, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});

describe('an exchange replacement order is allocated when it is made', () => {
  it.each([
    // The shirt came back and was restocked: a replacement of the same shirt is covered by it.
    ['the returned item itself, restocked', 'same', null, 'new'],
    // A variant with no stock anywhere: the replacement waits in Exceptions for stock.
    ['another variant with no stock', 'other', 'stock_short', 'exceptions'],
  ])('%s', async (_name, which, reason, queue) => {
    ws = await demoWorkspace({ clock: manualClock('2026-11-01T12:00:00.000Z') });
    const s = ws.core.store.sqlite;
    const seeded = seedShop(s, [
      { number: 1001, platform: null, createdAt: '2026-10-19T09:00:00.000Z', fulfilledAt: '2026-10-20T09:00:00.000Z', lines: [{ title: 'Shirt', sku: 'SH-1', quantity: 1, priceMinor: 4000, taxMinor: 0 }] },
    ]);
    const product = (s.prepare('SELECT product_id FROM variants WHERE id = ?').get(seeded.variantBySku.get('SH-1')) as { product_id: number }).product_id;
    const other = Number(s.prepare("INSERT INTO variants(product_id, sku, title, price_minor, currency) VALUES (?, 'SH-2', 'SH-2', 4000, 'USD')").run(product).lastInsertRowid);
    const bo = await ws.as('backoffice');
    const created = await bo.ok('returns.create', { orderId: seeded.orderIds[0]!, resolution: 'exchange', lines: [{ lineId: seeded.lineIds[0]![0]!, quantity: 1, reason: 'wrong_size', condition: 'like_new' }] });
    await bo.ok('returns.approve', { id: created.id });
    await bo.ok('returns.receive', { rma: created.number });
    await bo.ok('returns.inspect', { id: created.id, lines: [{ returnLineId: created.lines[0]!.id, outcome: 'restock', locationId: seeded.returnsBay }] });
    const resolved = await bo.ok('returns.resolve', { id: created.id, ...(which === 'other' ? { exchange: [{ returnLineId: created.lines[0]!.id, variantId: other }] } : {}) });
    expect(s.prepare('SELECT exception_reason AS reason, queue FROM orders WHERE id = ?').get(resolved.replacementOrderId)).toEqual({ reason, queue });
  });
});
