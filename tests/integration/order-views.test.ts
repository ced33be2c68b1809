import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../src-shared/contract';
import { EXCEPTION_REASONS } from '../../src-shared/orders';
import { seedShop } from '../support/shop-fixture';
import { demoWorkspace, manualClock, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});

const spec: InputOf<'orders.views.save'>['spec'] = {
  queue: 'exceptions',
  exceptionReason: 'stock_short',
  search: 'ada',
  tags: ['vip'],
  sort: 'oldest',
  columns: ['date', 'customer', 'total'],
  range: { preset: '7d', fromDay: '', toDay: '' },
};

describe('saved views per user', () => {
  it('saves, lists, renames, overwrites by name and deletes — each user sees only their own', async () => {
    ws = await demoWorkspace({ clock: manualClock() });
    const office = await ws.as('backoffice');
    const manager = await ws.as('manager');

    const saved = await office.ok('orders.views.save', { name: 'Stock problems', spec });
    expect(saved).toMatchObject({ name: 'Stock problems', spec: { ...spec, range: spec.range } });
    expect(await office.ok('orders.views.list')).toEqual([saved]);
    expect(await manager.ok('orders.views.list')).toEqual([]);

    // Someone else's view is not theirs to change or even see.
    expect(await manager.call('orders.views.delete', { id: saved.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await manager.call('orders.views.save', { id: saved.id, name: 'Mine now', spec })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // Same name again overwrites instead of making a twin.
    const again = await office.ok('orders.views.save', { name: 'Stock problems', spec: { ...spec, sort: 'newest' } });
    expect(again.id).toBe(saved.id);
    expect(again.spec.sort).toBe('newest');

    const other = await office.ok('orders.views.save', { name: 'All new', spec: { queue: 'new', sort: 'newest' } });
    expect(other.spec).toMatchObject({ search: '', tags: [], exceptionReason: null, columns: ['date', 'customer', 'items', 'total', 'payment', 'fulfilment', 'tags'] });
    // Renaming onto a name already taken is refused with a reason.
    expect(await office.call('orders.views.save', { id: other.id, name: 'Stock problems', spec: other.spec })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'name' } });
    await office.ok('orders.views.save', { id: other.id, name: 'Fresh orders', spec: other.spec });
    expect((await office.ok('orders.views.list')).map((v) => v.name)).toEqual(['Fresh orders', 'Stock problems']);

    expect(await office.ok('orders.views.delete', { id: saved.id })).toEqual({ deleted: true });
    expect((await office.ok('orders.views.list')).map((v) => v.name)).toEqual(['Fresh orders']);
  });

  it.each([
    [{ name: '  ', spec }, 'name'],
    [{ name: 'x'.repeat(61), spec }, 'name'],
    [{ name: 'ok', spec: { ...spec, queue: 'bogus' } }, 'spec.queue'],
    [{ name: 'ok', spec: { ...spec, columns: ['date', 'date'] } }, 'spec.columns'],
    [{ name: 'ok', spec: { ...spec, columns: ['secret'] } }, 'spec.columns.0'],
    [{ name: 'ok', spec: { ...spec, range: { preset: 'custom', fromDay: 'yesterday', toDay: '' } } }, 'spec.range.fromDay'],
    [{ name: 'ok', spec: { ...spec, extra: 1 } }, 'spec'],
  ])('refuses a bad view %j (field %s)', async (input, field) => {
    ws = await demoWorkspace({ clock: manualClock() });
    const office = await ws.as('backoffice');
    expect(await office.call('orders.views.save', input as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field } });
  });

  it('a stored view that no longer validates comes back as the default view, not an error', async () => {
    ws = await demoWorkspace({ clock: manualClock() });
    const office = await ws.as('backoffice');
    const v = await office.ok('orders.views.save', { name: 'Old', spec });
    ws.core.store.sqlite.prepare('UPDATE order_views SET spec = ? WHERE id = ?').run('{"queue":"gone"}', v.id);
    expect((await office.ok('orders.views.list'))[0]).toMatchObject({ name: 'Old', spec: { queue: 'all', sort: 'newest' } });
  });
});

describe('exceptions per reason', () => {
  it('counts each reason live by trigger and filters the list by reason, with exact totals', async () => {
    ws = await demoWorkspace({ clock: manualClock() });
    const sqlite = ws.core.store.sqlite;
    const shop = seedShop(sqlite);
    const office = await ws.as('backoffice');
    const at = (d: number) => `2026-10-${String(d).padStart(2, '0')}T10:00:00.000Z`;
    const [pending, failed, noAddress, fine] = shop.orders([
      { number: 1, createdAt: at(1), financialStatus: 'pending' },
      { number: 2, createdAt: at(2), financialStatus: 'failed' },
      { number: 3, createdAt: at(3), ship: { address1: '', city: '', country: '' } },
      { number: 4, createdAt: at(4), lines: [{ sku: 'MUG-1', title: 'Mug', quantity: 9, priceMinor: 1000 }] },
    ]) as [number, number, number, number];
    const zero = Object.fromEntries(EXCEPTION_REASONS.map((r) => [r, 0]));
    expect(await office.ok('orders.exceptionCounts')).toEqual({ ...zero, payment_pending: 1, payment_failed: 1, address_problem: 1 });

    // The mug order wants 9 of 4: allocation moves it to Exceptions, and the breakdown follows.
    await office.ok('orders.allocateStock');
    expect(await office.ok('orders.exceptionCounts')).toEqual({ ...zero, payment_pending: 1, payment_failed: 1, address_problem: 1, stock_short: 1 });

    const short = await office.ok('orders.list', { queue: 'exceptions', exceptionReason: 'stock_short' });
    expect(short.items.map((o) => o.id)).toEqual([fine]);
    expect(short.total).toBe(1);
    // A reason alone means the Exceptions queue.
    expect((await office.ok('orders.list', { exceptionReason: 'payment_failed' })).items.map((o) => o.id)).toEqual([failed]);
    expect(await office.ok('orders.count', { exceptionReason: 'address_problem' })).toEqual({ total: 1, totalIsLowerBound: false });

    // Leaving Exceptions (a hold wins over it) and coming back keep the counts exact.
    await office.ok('orders.hold', { orderId: pending, reason: 'Waiting for bank' });
    expect((await office.ok('orders.exceptionCounts')).payment_pending).toBe(0);
    await office.ok('orders.release', { orderId: pending, reason: 'Bank called' });
    expect((await office.ok('orders.exceptionCounts')).payment_pending).toBe(1);
    // The trigger-kept table always equals a full count.
    const truth = sqlite.prepare("SELECT exception_reason AS r, count(*) AS n FROM orders WHERE queue = 'exceptions' GROUP BY 1").all() as { r: string; n: number }[];
    const counts = await office.ok('orders.exceptionCounts');
    for (const t of truth) expect(counts[t.r as keyof typeof counts]).toBe(t.n);
    expect(noAddress).toBeGreaterThan(0);
  });
});
