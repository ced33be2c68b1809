import { afterEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../src-shared/contract';
import { seedShop, type Shop } from '../support/shop-fixture';
import { demoWorkspace, manualClock, type Session, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});

const day = (d: number) => `2026-10-${String(d).padStart(2, '0')}T10:00:00.000Z`;

async function setup(): Promise<{ ws: TestWorkspace; shop: Shop; office: Session; packer: Session; count: (sql: string, ...p: unknown[]) => number }> {
  ws = await demoWorkspace({ clock: manualClock() });
  const shop = seedShop(ws.core.store.sqlite);
  const sqlite = ws.core.store.sqlite;
  const count = (sql: string, ...p: unknown[]) => (sqlite.prepare(sql).get(...p) as { n: number }).n;
  return { ws, shop, office: await ws.as('backoffice'), packer: await ws.as('packer'), count };
}

describe('hold and release', () => {
  it('a hold needs a reason, moves the order to On hold, and release puts it back where it was', async () => {
    const { shop, office, count } = await setup();
    const [id] = shop.orders([{ number: 1001, createdAt: day(1), readyToPack: true }]) as [number];

    const noReason = await office.call('orders.hold', { orderId: id, reason: '  ' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } });

    const held = await office.ok('orders.hold', { orderId: id, reason: 'Customer asked to wait' });
    expect(held).toMatchObject({ changed: true, queue: 'on_hold' });
    const detail = await office.ok('orders.get', { id });
    expect(detail).toMatchObject({ onHold: true, holdReason: 'Customer asked to wait', queue: 'on_hold' });
    expect(detail.timeline[0]).toMatchObject({ kind: 'hold', message: 'Put on hold: Customer asked to wait' });
    expect((await office.ok('orders.counts')).on_hold).toBe(1);

    const released = await office.ok('orders.release', { orderId: id, reason: 'Customer confirmed' });
    expect(released).toMatchObject({ changed: true, queue: 'ready_to_pack' });
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action IN ('order.hold','order.release') AND entity_id = ?", String(id))).toBe(2);
  });

  it('cannot hold a cancelled order', async () => {
    const { shop, office } = await setup();
    const [id] = shop.orders([{ number: 1002, createdAt: day(1), status: 'cancelled' }]) as [number];
    expect(await office.call('orders.hold', { orderId: id, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('tags and notes', () => {
  it('keeps the tags column and the tag index in step, so the tag filter finds the order', async () => {
    const { shop, office, count } = await setup();
    const [id] = shop.orders([{ number: 1010, createdAt: day(2), tags: ['vip'] }]) as [number];
    await office.ok('orders.addTags', { orderId: id, tags: ['gift', 'vip', 'fragile'] });
    expect((await office.ok('orders.get', { id })).tags).toEqual(['fragile', 'gift', 'vip']);
    expect(count('SELECT count(*) AS n FROM order_tags WHERE order_id = ?', id)).toBe(3);
    expect((await office.ok('orders.list', { tags: ['gift'] })).items.map((o) => o.id)).toEqual([id]);

    await office.ok('orders.removeTags', { orderId: id, tags: ['gift'] });
    expect((await office.ok('orders.get', { id })).tags).toEqual(['fragile', 'vip']);
    expect((await office.ok('orders.list', { tags: ['gift'] })).items).toHaveLength(0);
    expect(await office.ok('orders.removeTags', { orderId: id, tags: ['gift'] })).toMatchObject({ changed: false });
    expect(await office.call('orders.addTags', { orderId: id, tags: ['a,b'] })).toMatchObject({ ok: false, error: { field: 'tags.0' } });
  });

  it('a tag change on a platform order is queued for the platform with the whole tag list', async () => {
    const { shop, office, ws } = await setup();
    const [id] = shop.orders([{ number: 1012, createdAt: day(2), tags: ['vip'], platform: 'shopify' }]) as [number];
    await office.ok('orders.addTags', { orderId: id, tags: ['gift'] });
    await office.ok('orders.removeTags', { orderId: id, tags: ['vip'] });
    const rows = ws.core.store.sqlite.prepare("SELECT kind, payload FROM outbox WHERE entity_id = ? ORDER BY id").all(String(id)) as { kind: string; payload: string }[];
    expect(rows.map((r) => [r.kind, JSON.parse(r.payload).tags])).toEqual([
      ['order.update', ['gift', 'vip']],
      ['order.update', ['gift']],
    ]);
  });

  it('an internal note lands on the timeline with its author', async () => {
    const { shop, office } = await setup();
    const [id] = shop.orders([{ number: 1011, createdAt: day(2) }]) as [number];
    await office.ok('orders.addNote', { orderId: id, text: 'Called the customer, ships Monday' });
    expect((await office.ok('orders.get', { id })).timeline[0]).toMatchObject({ kind: 'note', message: 'Called the customer, ships Monday', user: expect.any(String) });
  });
});

describe('shipping address, assignment, ready to pack', () => {
  it('refuses an invalid address naming the field, and a valid one clears the address exception', async () => {
    const { shop, office } = await setup();
    const [id] = shop.orders([{ number: 1020, createdAt: day(3), ship: { address1: '', city: 'Springfield', country: 'US' } }]) as [number];
    expect((await office.ok('orders.get', { id })).queue).toBe('exceptions');
    const good = { name: 'Ada Lovelace', address1: '12 Elm St', city: 'Springfield', postcode: '62704', country: 'us' };
    expect(await office.call('orders.updateShippingAddress', { orderId: id, address: { ...good, postcode: 'ABC' } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'address.postcode' },
    });
    expect(await office.call('orders.updateShippingAddress', { orderId: id, address: { ...good, address1: ' ' } })).toMatchObject({ ok: false, error: { field: 'address.address1' } });
    const r = await office.ok('orders.updateShippingAddress', { orderId: id, address: good });
    expect(r.queue).toBe('new');
    const d = await office.ok('orders.get', { id });
    expect(d.shippingAddress).toMatchObject({ address1: '12 Elm St', country: 'US', postcode: '62704' });
    expect(d.exceptionReason).toBeNull();
  });

  it('assigns to an active user only', async () => {
    const { shop, office, ws } = await setup();
    const [id] = shop.orders([{ number: 1021, createdAt: day(3) }]) as [number];
    expect(await office.call('orders.assign', { orderId: id, userId: 999 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'userId' } });
    const packerId = (ws.core.store.sqlite.prepare("SELECT id FROM users WHERE username = 'packer'").get() as { id: number }).id;
    await office.ok('orders.assign', { orderId: id, userId: packerId });
    expect(ws.core.store.sqlite.prepare('SELECT assigned_user_id AS a FROM orders WHERE id = ?').get(id)).toEqual({ a: packerId });
  });

  it('ready to pack is refused while the order has an exception', async () => {
    const { shop, office } = await setup();
    const [ok, pending] = shop.orders([
      { number: 1022, createdAt: day(3) },
      { number: 1023, createdAt: day(3), financialStatus: 'pending' },
    ]) as [number, number];
    expect(await office.ok('orders.markReadyToPack', { orderId: ok })).toMatchObject({ queue: 'ready_to_pack' });
    expect(await office.call('orders.markReadyToPack', { orderId: pending })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Payment pending') } });
  });
});

describe('orders.fulfil', () => {
  it('units confirmed by hand (no barcode) are named on the timeline and in the audit, and must be among what ships', async () => {
    const { shop, packer, count } = await setup();
    const [id] = shop.orders([
      { number: 1031, createdAt: day(4), lines: [{ sku: 'LS-M', title: 'Linen shirt', quantity: 2, priceMinor: 2500 }, { sku: 'MUG-1', title: 'Mug', quantity: 1, priceMinor: 1200 }] },
    ]) as [number];
    const [shirt, mug] = shop.lineIds(id) as [number, number];
    const notShipping = await packer.call('orders.fulfil', { orderId: id, lines: [{ lineId: shirt, quantity: 2 }], handVerified: [{ lineId: mug, quantity: 1 }] });
    expect(notShipping).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'handVerified.0.lineId' } });
    const tooMany = await packer.call('orders.fulfil', { orderId: id, lines: [{ lineId: shirt, quantity: 1 }], handVerified: [{ lineId: shirt, quantity: 2 }] });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'handVerified.0.quantity' } });
    expect(count('SELECT count(*) AS n FROM fulfilments WHERE order_id = ?', id)).toBe(0);

    await packer.ok('orders.fulfil', { orderId: id, lines: [{ lineId: shirt, quantity: 2 }, { lineId: mug, quantity: 1 }], handVerified: [{ lineId: mug, quantity: 1 }] });
    const d = await packer.ok('orders.get', { id });
    expect(d.timeline[0]?.message).toContain('confirmed by hand (no barcode): 1 × MUG-1');
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'order.fulfil' AND json_extract(detail, '$.handVerified[0].sku') = 'MUG-1'")).toBe(1);
  });

  it('a partial then a full fulfilment: fulfilment rows, stock out through the ledger, push queued, queue moves', async () => {
    const { shop, packer, count, ws } = await setup();
    const [id] = shop.orders([
      { number: 1030, createdAt: day(4), platform: 'shopify', lines: [{ sku: 'LS-M', title: 'Linen shirt', quantity: 3, priceMinor: 2500 }, { sku: 'MUG-1', title: 'Mug', quantity: 1, priceMinor: 1200 }] },
    ]) as [number];
    const [shirt, mug] = shop.lineIds(id) as [number, number];

    const first = await packer.ok('orders.fulfil', { orderId: id, lines: [{ lineId: shirt, quantity: 2 }] });
    expect(first).toMatchObject({ fulfillmentStatus: 'partial', queue: 'partially_fulfilled', locationId: shop.main, movements: 1, pushQueued: true });
    expect(shop.onHand('LS-M', shop.main)).toBe(8);

    const tooMany = await packer.call('orders.fulfil', { orderId: id, lines: [{ lineId: shirt, quantity: 2 }] });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'lines.0.quantity', message: expect.stringContaining('only 1 left') } });

    const second = await packer.ok('orders.fulfil', { orderId: id, lines: [{ lineId: shirt, quantity: 1 }, { lineId: mug, quantity: 1 }], tracking: { company: 'UPS', number: '1Z999AA10123456784' } });
    expect(second).toMatchObject({ fulfillmentStatus: 'fulfilled', queue: 'fulfilled', movements: 2 });
    expect(shop.onHand('LS-M', shop.main)).toBe(7);
    expect(shop.onHand('MUG-1', shop.main)).toBe(3);

    const d = await packer.ok('orders.get', { id });
    expect(d.fulfillmentStatus).toBe('fulfilled');
    expect(d.fulfilments).toHaveLength(2);
    expect(d.fulfilments[1]).toMatchObject({ trackingCompany: 'UPS', trackingNumber: '1Z999AA10123456784', locationName: 'Main warehouse' });
    expect(d.lines.map((l) => l.fulfilledQuantity)).toEqual([3, 1]);

    expect(count("SELECT count(*) AS n FROM stock_movements WHERE reason = 'fulfilment' AND ref_type = 'fulfilment'")).toBe(3);
    const outbox = ws.core.store.sqlite.prepare("SELECT kind, idempotency_key, payload FROM outbox WHERE kind = 'fulfilment.create' ORDER BY id").all() as { kind: string; idempotency_key: string; payload: string }[];
    expect(outbox).toHaveLength(2);
    expect(outbox[1]?.idempotency_key).toBe(`orderhouse:shopify:fulfilment:${id}:${second.fulfilmentId}`);
    expect(JSON.parse(outbox[1]?.payload ?? '{}')).toMatchObject({ orderExternalId: `gid://shopify/Order/${id}`, tracking: { company: 'UPS' } });
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'order.fulfil'")).toBe(2);
    expect(ws.core.ctx.audit.verify()).toMatchObject({ ok: true });
  });

  it('ships from the location that has the stock, or the one named; a local order queues no push', async () => {
    const { shop, packer, count } = await setup();
    const [a, b] = shop.orders([
      { number: 1031, createdAt: day(4), lines: [{ sku: 'CAP-1', title: 'Cap', quantity: 1, priceMinor: 900 }] },
      { number: 1032, createdAt: day(4), lines: [{ sku: 'LS-M', title: 'Linen shirt', quantity: 1, priceMinor: 2500 }] },
    ]) as [number, number];
    expect(await packer.ok('orders.fulfil', { orderId: a, lines: [{ lineId: shop.lineIds(a)[0] as number, quantity: 1 }] })).toMatchObject({ locationId: shop.east, pushQueued: false });
    expect(shop.onHand('CAP-1', shop.east)).toBe(1);
    expect(await packer.call('orders.fulfil', { orderId: b, locationId: 99, lines: [{ lineId: shop.lineIds(b)[0] as number, quantity: 1 }] })).toMatchObject({ ok: false, error: { field: 'locationId' } });
    expect(await packer.ok('orders.fulfil', { orderId: b, locationId: shop.east, lines: [{ lineId: shop.lineIds(b)[0] as number, quantity: 1 }] })).toMatchObject({ locationId: shop.east });
    expect(shop.onHand('LS-M', shop.east)).toBe(4);
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(0);
  });

  it('refuses a line from another order and a held order', async () => {
    const { shop, packer, office } = await setup();
    const [a, b] = shop.orders([
      { number: 1033, createdAt: day(4) },
      { number: 1034, createdAt: day(4) },
    ]) as [number, number];
    expect(await packer.call('orders.fulfil', { orderId: a, lines: [{ lineId: shop.lineIds(b)[0] as number, quantity: 1 }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'lines.0.lineId' } });
    await office.ok('orders.hold', { orderId: a, reason: 'Fraud check' });
    expect(await packer.call('orders.fulfil', { orderId: a, lines: [{ lineId: shop.lineIds(a)[0] as number, quantity: 1 }] })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Fraud check') } });
  });

  it('a fulfil that fails midway leaves no fulfilment, no ledger row, no outbox row and the order as it was', async () => {
    const { shop, packer, count, ws } = await setup();
    const [id] = shop.orders([{ number: 1040, createdAt: day(5), platform: 'shopify', lines: [{ sku: 'LS-M', title: 'Linen shirt', quantity: 2, priceMinor: 2500 }] }]) as [number];
    const before = await packer.ok('orders.get', { id });
    const auditRows = count('SELECT count(*) AS n FROM audit_log');
    // The last write of the transaction (the outbox row) fails, as a full disk or a broken constraint would.
    ws.core.store.sqlite.exec("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END");

    const r = await packer.call('orders.fulfil', { orderId: id, lines: [{ lineId: shop.lineIds(id)[0] as number, quantity: 2 }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(count('SELECT count(*) AS n FROM fulfilments')).toBe(0);
    expect(count('SELECT count(*) AS n FROM fulfilment_lines')).toBe(0);
    expect(count('SELECT count(*) AS n FROM stock_movements')).toBe(0);
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(0);
    expect(count('SELECT count(*) AS n FROM audit_log')).toBe(auditRows);
    expect(shop.onHand('LS-M', shop.main)).toBe(10);
    const after = await packer.ok('orders.get', { id });
    expect(after).toMatchObject({ fulfillmentStatus: 'unfulfilled', queue: before.queue, updatedAt: before.updatedAt });
    expect(after.lines[0]?.fulfilledQuantity).toBe(0);

    ws.core.store.sqlite.exec('DROP TRIGGER fail_outbox');
    expect(await packer.ok('orders.fulfil', { orderId: id, lines: [{ lineId: shop.lineIds(id)[0] as number, quantity: 2 }] })).toMatchObject({ fulfillmentStatus: 'fulfilled', pushQueued: true });
  });
});

describe('stale writes: a sync or a colleague changed the order meanwhile', () => {
  it('a packer working on an order the platform cancelled is told, and nothing ships', async () => {
    const { shop, packer, count, ws } = await setup();
    const [id] = shop.orders([{ number: 1050, createdAt: day(6), platform: 'shopify' }]) as [number];
    const seen = await packer.ok('orders.findForPacking', { number: '#1050' });
    expect(seen.blocked).toBeNull();
    // The sync pulls a cancellation while the packer scans items.
    ws.core.store.sqlite.prepare("UPDATE orders SET status = 'cancelled', queue = 'cancelled', cancelled_at = ?, updated_at = ? WHERE id = ?").run(day(7), day(7), id);

    const r = await packer.call('orders.fulfil', { orderId: id, expectedUpdatedAt: seen.updatedAt, lines: [{ lineId: seen.lines[0]?.lineId as number, quantity: 1 }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('was cancelled') } });
    expect(count('SELECT count(*) AS n FROM fulfilments')).toBe(0);
    expect(count('SELECT count(*) AS n FROM stock_movements')).toBe(0);
    // Even without the token, a cancelled order is never fulfilled.
    expect(await packer.call('orders.fulfil', { orderId: id, lines: [{ lineId: seen.lines[0]?.lineId as number, quantity: 1 }] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await packer.ok('orders.findForPacking', { number: '1050' })).blocked).toMatch(/cancelled/);
  });

  it('two packers finishing the same order: the second is refused, so nothing is double-fulfilled', async () => {
    const { shop, packer, count, ws } = await setup();
    const other = await ws.as('manager');
    const [id] = shop.orders([{ number: 1051, createdAt: day(6) }]) as [number];
    const seen = await packer.ok('orders.findForPacking', { number: '1051' });
    const lines = [{ lineId: seen.lines[0]?.lineId as number, quantity: 1 }];
    await other.ok('orders.fulfil', { orderId: id, expectedUpdatedAt: seen.updatedAt, lines });
    expect(await packer.call('orders.fulfil', { orderId: id, expectedUpdatedAt: seen.updatedAt, lines })).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'expectedUpdatedAt' } });
    expect(count('SELECT count(*) AS n FROM fulfilments')).toBe(1);
  });

  it('an edit with a stale token is refused; with the fresh one it goes through', async () => {
    const { shop, office } = await setup();
    const [id] = shop.orders([{ number: 1052, createdAt: day(6) }]) as [number];
    const first = await office.ok('orders.addTags', { orderId: id, tags: ['a'] });
    const stale = await office.call('orders.hold', { orderId: id, reason: 'x', expectedUpdatedAt: day(6) });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await office.ok('orders.hold', { orderId: id, reason: 'x', expectedUpdatedAt: first.updatedAt })).toMatchObject({ changed: true });
  });
});

describe('cancel', () => {
  it('cancels a partly shipped order and, if asked, restocks the shipped units where they left from', async () => {
    const { shop, packer, office, ws } = await setup();
    const [id] = shop.orders([{ number: 1060, createdAt: day(8), platform: 'shopify', lines: [{ sku: 'LS-M', title: 'Linen shirt', quantity: 3, priceMinor: 2500 }] }]) as [number];
    await packer.ok('orders.fulfil', { orderId: id, lines: [{ lineId: shop.lineIds(id)[0] as number, quantity: 1 }] });
    expect(shop.onHand('LS-M', shop.main)).toBe(9);
    const r = await office.ok('orders.cancel', { orderId: id, reason: 'Customer changed mind', restock: true });
    expect(r.queue).toBe('cancelled');
    expect(shop.onHand('LS-M', shop.main)).toBe(10);
    expect(ws.core.store.sqlite.prepare("SELECT delta, reason, ref_type FROM stock_movements WHERE reason = 'restock'").all()).toEqual([{ delta: 1, reason: 'restock', ref_type: 'order.cancel' }]);
    const pushed = ws.core.store.sqlite.prepare("SELECT payload FROM outbox WHERE kind = 'order.cancel'").all() as { payload: string }[];
    expect(pushed).toHaveLength(1);
    expect(JSON.parse(pushed[0]?.payload ?? '{}')).toMatchObject({ reason: 'other', note: 'Customer changed mind', restock: true });
    expect(await office.call('orders.cancel', { orderId: id, reason: 'again', restock: false })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('without restock no stock moves', async () => {
    const { shop, packer, office, count } = await setup();
    const [id] = shop.orders([{ number: 1061, createdAt: day(8), lines: [{ sku: 'LS-M', title: 'Linen shirt', quantity: 2, priceMinor: 2500 }] }]) as [number];
    await packer.ok('orders.fulfil', { orderId: id, lines: [{ lineId: shop.lineIds(id)[0] as number, quantity: 1 }] });
    await office.ok('orders.cancel', { orderId: id, reason: 'Lost in transit, refunded', restock: false });
    expect(shop.onHand('LS-M', shop.main)).toBe(9);
    expect(count("SELECT count(*) AS n FROM stock_movements WHERE reason = 'restock'")).toBe(0);
  });
});

describe('stock allocation', () => {
  it('older orders reserve first; an order that cannot be covered goes to Exceptions and comes back when stock frees up', async () => {
    const { shop, office } = await setup();
    // MUG-1: 4 on hand. Oldest needs 3, the next needs 2 (short), the newest needs 1 (fits).
    const mug = (quantity: number) => [{ sku: 'MUG-1', title: 'Mug', quantity, priceMinor: 1200 }];
    const [oldest, middle, newest] = shop.orders([
      { number: 1070, createdAt: day(1), lines: mug(3) },
      { number: 1071, createdAt: day(2), lines: mug(2) },
      { number: 1072, createdAt: day(3), lines: mug(1) },
    ]) as [number, number, number];
    const run = await office.ok('orders.allocateStock', {});
    expect(run).toMatchObject({ openOrders: 3, short: 1, changedOrderIds: [middle] });
    const m = await office.ok('orders.get', { id: middle });
    expect(m).toMatchObject({ queue: 'exceptions', exceptionReason: 'stock_short' });
    expect(m.timeline[0]?.message).toBe('Not enough stock: MUG-1 needs 2, 1 available');
    expect((await office.ok('orders.get', { id: newest })).queue).toBe('new');

    await office.ok('orders.cancel', { orderId: oldest, reason: 'Duplicate order', restock: false });
    const after = await office.ok('orders.get', { id: middle });
    expect(after).toMatchObject({ queue: 'new', exceptionReason: null });
    expect(after.timeline[0]?.message).toBe('Stock now covers this order');
  });

  it('payment and address exceptions take precedence over stock', async () => {
    const { shop, office } = await setup();
    const [id] = shop.orders([{ number: 1073, createdAt: day(1), financialStatus: 'pending', lines: [{ sku: 'CAP-1', title: 'Cap', quantity: 5, priceMinor: 900 }] }]) as [number];
    await office.ok('orders.allocateStock', {});
    expect((await office.ok('orders.get', { id })).exceptionReason).toBe('payment_pending');
  });
});

describe('orders.bulk', () => {
  it('holds many orders, refuses the bad ones one by one, reports each and sends progress', async () => {
    const { shop, office, ws, count } = await setup();
    const ids = shop.orders(Array.from({ length: 1200 }, (_, i) => ({ number: 2000 + i, createdAt: day(1 + (i % 20)), status: i === 7 ? ('cancelled' as const) : ('open' as const) })));
    const progress: EventMap['job.progress'][] = [];
    const off = ws.core.onEvent((event, payload) => {
      if (event === 'job.progress') progress.push(payload as EventMap['job.progress']);
    });
    const r = await office.ok('orders.bulk', { action: 'hold', orderIds: [...ids, 999_999], reason: 'Stock take', jobId: 'job-1' });
    off();
    expect(r).toMatchObject({ total: 1201, changed: 1199, failed: 2 });
    expect(r.results.filter((x) => !x.ok).map((x) => [x.orderId, x.error?.code])).toEqual([
      [ids[7], 'CONFLICT'],
      [999_999, 'NOT_FOUND'],
    ]);
    expect(r.results.find((x) => x.orderId === ids[7])?.name).toBe('#2007');
    expect((await office.ok('orders.counts')).on_hold).toBe(1199);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'order.hold'")).toBe(1199);
    expect(progress[0]).toEqual({ job: 'job-1', phase: 'bulk.hold', done: 0, total: 1201 });
    expect(progress.at(-1)).toEqual({ job: 'job-1', phase: 'bulk.hold', done: 1201, total: 1201 });
    expect(progress.length).toBeGreaterThanOrEqual(4);

    const again = await office.ok('orders.bulk', { action: 'release', orderIds: ids.slice(0, 10), reason: 'Done' });
    expect(again).toMatchObject({ changed: 9, failed: 1 });
    expect(await office.call('orders.bulk', { action: 'tag', orderIds: ids.slice(0, 2) })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'tags' } });
    const tagged = await office.ok('orders.bulk', { action: 'tag', orderIds: ids.slice(0, 3), tags: ['wave-1'] });
    expect(tagged.changed).toBe(3);
    expect(count("SELECT count(*) AS n FROM order_tags WHERE tag = 'wave-1'")).toBe(3);
  });
});

describe('packing slips and pick lists', () => {
  const textOf = async (b64: string) => (await import('../../src-shared/documents/pdf')).pdfText(Uint8Array.from(Buffer.from(b64, 'base64')));

  it('a packing slip names the shop and the order, lists lines with bin and quantities, and carries the order barcode', async () => {
    const { shop, packer } = await setup();
    const [id] = shop.orders([{ number: 1080, createdAt: day(9), lines: [{ sku: 'LS-M', title: 'Linen shirt', quantity: 2, priceMinor: 2500 }, { sku: 'MUG-1', title: 'Mug', quantity: 1, priceMinor: 1200 }] }]) as [number];
    await packer.ok('orders.fulfil', { orderId: id, lines: [{ lineId: shop.lineIds(id)[0] as number, quantity: 1 }] });
    const slip = await packer.ok('orders.packingSlips', { orderIds: [id] });
    expect(slip).toMatchObject({ fileName: 'packing-slip-1080.pdf', pages: 1 });
    expect(Buffer.from(slip.pdfBase64, 'base64').subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const text = await textOf(slip.pdfBase64);
    expect(text).toEqual(expect.arrayContaining(['Test shop', 'PACKING SLIP', 'Order #1080', 'A-01-1', 'LS-M', 'Linen shirt', 'Mug', '1080']));
    expect(text).toContain('Items marked "to come" ship separately.');
    expect(Buffer.from(slip.pdfBase64, 'base64').toString('latin1')).toMatch(/re f/); // the barcode bars
    expect(await packer.call('orders.packingSlips', { orderIds: [id, 99_999] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'orderIds.1' } });
  });

  it('a pick list adds up the same SKU across orders, grouped by location and bin', async () => {
    const { shop, packer } = await setup();
    const ids = shop.orders([
      { number: 1090, createdAt: day(9), lines: [{ sku: 'LS-M', title: 'Linen shirt', quantity: 2, priceMinor: 2500 }] },
      { number: 1091, createdAt: day(9), lines: [{ sku: 'LS-M', title: 'Linen shirt', quantity: 1, priceMinor: 2500 }, { sku: 'MUG-1', title: 'Mug', quantity: 1, priceMinor: 1200 }] },
    ]);
    const list = await packer.ok('orders.pickList', { orderIds: ids });
    const text = await textOf(list.pdfBase64);
    expect(text).toEqual(expect.arrayContaining(['PICK LIST', 'MAIN WAREHOUSE', 'LS-M', 'x 3', '#1090 #1091', 'MUG-1', 'x 1']));
    expect(text.filter((t) => t === 'LS-M')).toHaveLength(1);
    expect(text.find((t) => t.startsWith('2 orders'))).toContain('4 units');
  });
});
