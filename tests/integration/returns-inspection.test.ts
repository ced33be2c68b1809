import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETURN_POLICY } from '../../src-shared/returns/policy';
import { seedShop } from '../support/returns-fixture';
import { demoWorkspace, manualClock, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});

/**
 * A shop whose policy (in force before the order shipped) accepts used items
 * from customers at a 20 % condition fee; faulty items are the shop's fault.
 * One order: 2 shirts at 40.00 (8.00 discount, 7.20 tax) and a lamp at 90.00.
 */
async function shop() {
  const clock = manualClock('2026-10-01T00:00:00.000Z');
  ws = await demoWorkspace({ clock });
  await (await ws.as('manager')).ok('returns.policy.save', { policy: { ...DEFAULT_RETURN_POLICY, requiredCondition: 'used', returnShipping: { paidBy: 'shop', labelCostMinor: 0 } }, note: 'Used accepted at a fee' });
  clock.set('2026-11-01T12:00:00.000Z');
  const seeded = seedShop(ws.core.store.sqlite, [
    {
      number: 1001,
      createdAt: '2026-10-19T09:00:00.000Z',
      fulfilledAt: '2026-10-20T09:00:00.000Z',
      lines: [
        { title: 'Linen shirt', sku: 'LS-1', quantity: 2, priceMinor: 4000, discountMinor: 800, taxMinor: 720 },
        { title: 'Desk lamp', sku: 'DL-1', productType: 'home', quantity: 1, priceMinor: 9000 },
      ],
    },
  ]);
  const [shirt, lamp] = seeded.lineIds[0] as [number, number];
  const bo = await ws.as('backoffice');
  const manager = await ws.as('manager');
  return { ws, bo, manager, orderId: seeded.orderIds[0] as number, shirt, lamp, returnsBay: seeded.returnsBay };
}

describe('inspection: the condition found re-prices the line, and the refund follows it', () => {
  it('declared like new, found used: a 20 % condition fee comes off, the total and the refund follow, and the audit says why', async () => {
    const { ws, bo, orderId, shirt, lamp } = await shop();
    const created = await bo.ok('returns.create', {
      orderId,
      resolution: 'refund',
      lines: [
        { lineId: shirt, quantity: 2, reason: 'wrong_size', condition: 'like_new' },
        { lineId: lamp, quantity: 1, reason: 'defective', condition: 'damaged' },
      ],
    });
    // Shirts 72.00 + 7.20 tax; lamp 90.00 (the shop's fault).
    expect(created.lines.map((l) => l.refundMinor)).toEqual([7920, 9000]);
    await bo.ok('returns.approve', { id: created.id });
    await bo.ok('returns.receive', { rma: created.number });
    const [shirtLine, lampLine] = created.lines as unknown as [{ id: number }, { id: number }];
    const inspected = await bo.ok('returns.inspect', {
      id: created.id,
      lines: [
        { returnLineId: shirtLine.id, outcome: 'write_off', condition: 'used', notes: 'Deodorant marks on both collars', writeOffReason: 'Not resellable' },
        // The shop's fault: any condition, no fee, nothing changes.
        { returnLineId: lampLine.id, outcome: 'write_off', condition: 'damaged', writeOffReason: 'Broken switch' },
      ],
    });
    const [s, l] = inspected.lines as [(typeof inspected.lines)[number], (typeof inspected.lines)[number]];
    // 20 % of 72.00 = 14.40 off the shirts.
    expect([s.inspectedCondition, s.inspectedVerdict, s.feeMinor, s.refundMinor, s.declaredRefundMinor, s.inspectionNotes]).toEqual(['used', 'eligible_with_fee', 1440, 6480, 7920, 'Deodorant marks on both collars']);
    expect([l.inspectedVerdict, l.feeMinor, l.refundMinor, l.declaredRefundMinor]).toEqual(['eligible', 0, 9000, null]);
    expect(inspected.totalMinor).toBe(6480 + 9000);
    const step = inspected.steps.at(-1)?.detail ?? '';
    expect(step).toContain('Found "Used or worn" (declared "Opened, like new")');
    expect(step).toContain('Condition fee of $14.40 for "Used or worn" (20 % of $72.00)');
    expect(step).toContain('Return total $169.20 → $154.80');

    const resolved = await bo.ok('returns.resolve', { id: created.id });
    expect(resolved.resolvedMinor).toBe(15480);
    const refund = ws.core.store.sqlite.prepare('SELECT amount_minor FROM refunds WHERE id = ?').get(resolved.refundId) as { amount_minor: number };
    expect(refund.amount_minor).toBe(15480);
    const lines = ws.core.store.sqlite.prepare('SELECT amount_minor FROM refund_lines WHERE refund_id = ? ORDER BY order_line_id').all(resolved.refundId);
    expect(lines).toEqual([{ amount_minor: 6480 }, { amount_minor: 9000 }]);
  });

  it('found below what the policy accepts at all: not eligible, nothing refunded for that line; a manager’s exception still stands', async () => {
    const { bo, manager, orderId, shirt, lamp, returnsBay } = await shop();
    // Policy: customer-fault returns need "used" or better; "damaged" is below.
    const created = await manager.ok('returns.create', {
      orderId,
      resolution: 'refund',
      lines: [
        { lineId: shirt, quantity: 1, reason: 'changed_mind', condition: 'unopened' },
        { lineId: lamp, quantity: 1, reason: 'changed_mind', condition: 'damaged', override: { reason: 'Long-standing customer, lamp scratched in our showroom' } },
      ],
    });
    await bo.ok('returns.approve', { id: created.id });
    await bo.ok('returns.receive', { rma: created.number });
    const [shirtLine, lampLine] = created.lines as unknown as [{ id: number }, { id: number }];
    const inspected = await bo.ok('returns.inspect', {
      id: created.id,
      lines: [
        { returnLineId: shirtLine.id, outcome: 'restock', locationId: returnsBay, condition: 'damaged' },
        { returnLineId: lampLine.id, outcome: 'restock', locationId: returnsBay, condition: 'damaged' },
      ],
    });
    const [s, l] = inspected.lines as [(typeof inspected.lines)[number], (typeof inspected.lines)[number]];
    expect([s.inspectedVerdict, s.refundMinor]).toEqual(['not_eligible', 0]);
    // Declared damaged already; the exception and its 50 % fee stand.
    expect([l.inspectedVerdict, l.refundMinor, l.declaredRefundMinor]).toEqual([created.lines[1]?.verdict, created.lines[1]?.refundMinor, null]);
    expect(inspected.totalMinor).toBe(created.lines[1]?.refundMinor);
  });

  it('refuses a condition the policy does not know, naming the line', async () => {
    const { bo, orderId, shirt, returnsBay } = await shop();
    const created = await bo.ok('returns.create', { orderId, resolution: 'refund', lines: [{ lineId: shirt, quantity: 1, reason: 'wrong_size', condition: 'like_new' }] });
    await bo.ok('returns.approve', { id: created.id });
    await bo.ok('returns.receive', { rma: created.number });
    const res = await bo.call('returns.inspect', { id: created.id, lines: [{ returnLineId: created.lines[0]?.id as number, outcome: 'restock', locationId: returnsBay, condition: 'shredded' }] });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'lines.0.condition' } });
  });
});
