import { afterEach, describe, expect, it } from 'vitest';
import { seedShop } from '../support/returns-fixture';
import { demoWorkspace, manualClock, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace | undefined;
afterEach(() => ws?.dispose());

describe('returns report: rate by product, reason and customer', () => {
  it('counts our returns and the platform’s restocking refunds against the units the period’s orders sold', async () => {
    ws = await demoWorkspace({ clock: manualClock('2026-11-01T12:00:00.000Z') });
    const s = ws.core.store.sqlite;
    const shop = seedShop(s, [
      { number: 1001, createdAt: '2026-10-10T09:00:00.000Z', fulfilledAt: '2026-10-11T09:00:00.000Z', customerEmail: 'ada@example.com', lines: [{ title: 'Linen shirt', sku: 'LS-1', quantity: 4, priceMinor: 4000 }, { title: 'Wool scarf', sku: 'WS-1', quantity: 1, priceMinor: 2500 }] },
      { number: 1002, createdAt: '2026-10-12T09:00:00.000Z', fulfilledAt: '2026-10-13T09:00:00.000Z', customerEmail: 'bob@example.com', lines: [{ title: 'Linen shirt', sku: 'LS-1', quantity: 4, priceMinor: 4000 }] },
      // Outside the period: ignored.
      { number: 900, createdAt: '2026-01-10T09:00:00.000Z', fulfilledAt: '2026-01-11T09:00:00.000Z', lines: [{ title: 'Linen shirt', sku: 'LS-1', quantity: 10, priceMinor: 4000 }] },
    ]);
    const bo = await ws.as('backoffice');
    const [shirt1, scarf] = shop.lineIds[0] as [number, number];
    await bo.ok('returns.create', { orderId: shop.orderIds[0] as number, resolution: 'refund', lines: [{ lineId: shirt1, quantity: 2, reason: 'wrong_size', condition: 'like_new' }] });
    const rejected = await bo.ok('returns.create', { orderId: shop.orderIds[0] as number, resolution: 'refund', lines: [{ lineId: scarf, quantity: 1, reason: 'defective', condition: 'damaged' }] });
    await bo.ok('returns.reject', { id: rejected.id, reason: 'Scarf was fine' });
    // A refund made on the platform that restocked one shirt of order 1002.
    const refund = Number(s.prepare("INSERT INTO refunds(order_id, amount_minor, currency, reason, created_at) VALUES (?, 4000, 'USD', 'Wrong size', '2026-10-20T00:00:00Z')").run(shop.orderIds[1]).lastInsertRowid);
    s.prepare('INSERT INTO refund_lines(refund_id, order_line_id, quantity, amount_minor, restock) VALUES (?, ?, 1, 4000, 1)').run(refund, shop.lineIds[1]?.[0]);

    const manager = await ws.as('manager');
    const r = await manager.ok('returns.report', { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' });
    expect({ sold: r.unitsSold, returned: r.unitsReturned, rate: r.rate }).toEqual({ sold: 9, returned: 3, rate: 3 / 9 });
    expect(r.byProduct.map((p) => [p.label, p.sold, p.returned])).toEqual([['Linen shirt', 8, 3]]);
    expect(r.byReason).toEqual([{ reason: 'Wrong size', label: 'Wrong size', units: 1, share: 1 / 3 }, { reason: 'Wrong size or fit', label: 'Wrong size or fit', units: 2, share: 2 / 3 }].sort((a, b) => b.units - a.units));
    expect(r.byCustomer.map((c) => [c.sub, c.sold, c.returned, c.rate])).toEqual([
      ['1 order', 5, 2, 2 / 5],
      ['1 order', 4, 1, 1 / 4],
    ]);
    expect(await bo.call('returns.report', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
