import { afterEach, describe, expect, it } from 'vitest';
import { rebuildReturnRollups, rollupRebuildStep, suspendReturnRollups } from '../../src-main/core/returns/rollups';
import type { Sqlite } from '../../src-main/db/open';
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

  it('keeps its day rollups by trigger exactly equal to a rebuild from the rows, through returns, rejections, refunds, cancels and merges', async () => {
    const { s, shop } = await seeded();
    await moveEveryFigure(s, shop);

    const live = rollups(s);
    expect(live.length).toBeGreaterThan(10);
    rebuildReturnRollups(s);
    expect(rollups(s)).toEqual(live);

    const manager = await ws!.as('manager');
    const r = await manager.ok('returns.report', { from: '2026-10-01T00:00:00Z', to: '2026-10-31T15:00:00Z' });
    // Sold: 4 + 2 + 5 (order 1003 cancelled); returned: 2 (RMA) + 2 (platform); the rejected scarf is not counted.
    expect({ sold: r.unitsSold, returned: r.unitsReturned, to: r.to }).toEqual({ sold: 11, returned: 4, to: '2026-11-01T00:00:00.000Z' });
    expect(r.byCustomer.map((c) => [c.sub, c.sold, c.returned])).toEqual([['2 orders', 11, 4]]);
  });

  // A first import's closing work rebuilds the rollups an order range at a time (core/sync/bulk-load.ts),
  // and users keep working between pieces: whatever they write, to orders the rebuild has counted or not,
  // must end as a rebuild from the rows.
  it.each([
    { countedBefore: 'no order (rebuild not started)', pieces: 0 },
    { countedBefore: 'the first order', pieces: 1 },
    { countedBefore: 'two of three orders', pieces: 2 },
  ])('a rebuild in pieces, with every kind of write made when it has counted $countedBefore, ends equal to a rebuild from the rows', async ({ pieces }) => {
    const { s, shop } = await seeded();
    suspendReturnRollups(s);
    const steps = [];
    for (let i = 0; i < pieces; i++) steps.push(s.transaction(() => rollupRebuildStep(s, 1))());
    expect(steps).toEqual(Array.from({ length: pieces }, (_, i) => ({ done: i + 1, total: 3 })));
    // Part-built: not marked built (an open in between would finish the rebuild), and the report says how far it has counted.
    expect(s.prepare("SELECT count(*) FROM return_rollups WHERE dim = '_built'").pluck().get()).toBe(0);
    const manager = await ws!.as('manager');
    const period = { from: '2026-10-01T00:00:00Z', to: '2026-10-31T15:00:00Z' };
    expect((await manager.ok('returns.report', period)).incomplete).toEqual({ counted: pieces, of: 3 });
    await moveEveryFigure(s, shop);
    while (s.transaction(() => rollupRebuildStep(s, 1))());
    const pieceByPiece = rollups(s);
    expect((await manager.ok('returns.report', period)).incomplete).toBeNull();
    rebuildReturnRollups(s);
    expect(pieceByPiece).toEqual(rollups(s));
    expect(pieceByPiece.length).toBeGreaterThan(10);
    // And the triggers count every order again afterwards.
    s.prepare('UPDATE order_lines SET quantity = 6 WHERE id = ?').run(shop.lineIds[1]?.[0]);
    const live = rollups(s);
    rebuildReturnRollups(s);
    expect(rollups(s)).toEqual(live);
  });
});

async function seeded() {
  ws = await demoWorkspace({ clock: manualClock('2026-11-01T12:00:00.000Z') });
  const s = ws.core.store.sqlite;
  const shop = seedShop(s, [
    { number: 1001, createdAt: '2026-10-10T09:00:00.000Z', fulfilledAt: '2026-10-11T09:00:00.000Z', customerEmail: 'ada@example.com', lines: [{ title: 'Linen shirt', sku: 'LS-1', quantity: 4, priceMinor: 4000 }, { title: 'Wool scarf', sku: 'WS-1', quantity: 2, priceMinor: 2500 }] },
    { number: 1002, createdAt: '2026-10-12T23:30:00.000Z', fulfilledAt: '2026-10-13T09:00:00.000Z', customerEmail: 'bob@example.com', lines: [{ title: 'Linen shirt', sku: 'LS-1', quantity: 3, priceMinor: 4000 }] },
    { number: 1003, createdAt: '2026-10-14T09:00:00.000Z', fulfilledAt: '2026-10-15T09:00:00.000Z', customerEmail: 'cy@example.com', lines: [{ title: 'Desk lamp', sku: 'DL-1', quantity: 1, priceMinor: 9000 }] },
  ]);
  return { s, shop };
}

const rollups = (s: Sqlite) => s.prepare("SELECT dim, day, key, n FROM return_rollups WHERE n <> 0 AND dim NOT IN ('_built', '_building') ORDER BY dim, day, key").all();

/** Every kind of write that moves a figure, to each of the three orders. */
async function moveEveryFigure(s: Sqlite, shop: ReturnType<typeof seedShop>): Promise<void> {
  const bo = await ws!.as('backoffice');
  const [o1, o2, o3] = shop.orderIds as [number, number, number];
  const [shirt1, scarf] = shop.lineIds[0] as [number, number];
  // A return resolved with a restocking refund (its refund lines must not count twice).
  const r1 = await bo.ok('returns.create', { orderId: o1, resolution: 'refund', lines: [{ lineId: shirt1, quantity: 2, reason: 'wrong_size', condition: 'like_new' }] });
  await bo.ok('returns.approve', { id: r1.id });
  await bo.ok('returns.receive', { rma: r1.number });
  await bo.ok('returns.inspect', { id: r1.id, lines: [{ returnLineId: r1.lines[0]?.id as number, outcome: 'restock', locationId: shop.returnsBay, condition: 'like_new' }] });
  await bo.ok('returns.resolve', { id: r1.id });
  // One rejected.
  const r2 = await bo.ok('returns.create', { orderId: o1, resolution: 'refund', lines: [{ lineId: scarf, quantity: 1, reason: 'defective', condition: 'damaged' }] });
  await bo.ok('returns.reject', { id: r2.id, reason: 'Scarf was fine' });
  // The platform's restocking refund, changed by a later sync (lines deleted and written again).
  const refund = Number(s.prepare("INSERT INTO refunds(order_id, amount_minor, currency, reason, created_at) VALUES (?, 4000, 'USD', 'Too small', '2026-10-20T00:00:00Z')").run(o2).lastInsertRowid);
  s.prepare('INSERT INTO refund_lines(refund_id, order_line_id, quantity, amount_minor, restock) VALUES (?, ?, 1, 4000, 1)').run(refund, shop.lineIds[1]?.[0]);
  s.prepare('DELETE FROM refund_lines WHERE refund_id = ?').run(refund);
  s.prepare('INSERT INTO refund_lines(refund_id, order_line_id, quantity, amount_minor, restock) VALUES (?, ?, 2, 8000, 1)').run(refund, shop.lineIds[1]?.[0]);
  // A cancelled order sells nothing; a merge moves an order (and its returns) to another customer; a line's quantity changes.
  s.prepare("UPDATE orders SET status = 'cancelled' WHERE id = ?").run(o3);
  s.prepare('UPDATE orders SET customer_id = (SELECT customer_id FROM orders WHERE id = ?) WHERE id = ?').run(o2, o1);
  s.prepare('UPDATE order_lines SET quantity = 5 WHERE id = ?').run(shop.lineIds[1]?.[0]);
}
