import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src-main/core/core';
import type { Caller } from '../../src-main/core/context';
import { createReturnServices } from '../../src-main/core/returns/handlers';
import { createStockLedger } from '../../src-main/core/stock/ledger';
import { pdfText } from '../../src-shared/documents/pdf';
import { seedShop } from '../support/returns-fixture';
import { demoWorkspace, manualClock, type Session, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});
/** For a test that closed and removed its workspace itself. */
const forgetWorkspace = () => {
  ws = undefined;
};

const DAY = 86_400_000;

/** A shop with one order shipped on 20 Oct: 2 shirts (discounted, taxed), a lamp, and a final-sale scarf; shipping 8.00. */
async function shop() {
  const clock = manualClock('2026-11-01T12:00:00.000Z');
  ws = await demoWorkspace({ clock });
  const seeded = seedShop(ws.core.store.sqlite, [
    {
      number: 1001,
      createdAt: '2026-10-19T09:00:00.000Z',
      fulfilledAt: '2026-10-20T09:00:00.000Z',
      shippingMinor: 800,
      lines: [
        { title: 'Linen shirt', sku: 'LS-1', quantity: 2, priceMinor: 4000, discountMinor: 800, taxMinor: 720 },
        { title: 'Desk lamp', sku: 'DL-1', productType: 'home', quantity: 1, priceMinor: 60000, taxMinor: 6000 },
        { title: 'Wool scarf', sku: 'WS-1', tags: ['final-sale'], quantity: 1, priceMinor: 2500, taxMinor: 250 },
      ],
    },
  ]);
  const [shirt, lamp, scarf] = seeded.lineIds[0] as [number, number, number];
  return { clock, ws, orderId: seeded.orderIds[0] as number, shirt, lamp, scarf, ...seeded };
}

const rows = (w: TestWorkspace, sql: string, ...params: unknown[]) => w.core.store.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
const one = (w: TestWorkspace, sql: string, ...params: unknown[]) => w.core.store.sqlite.prepare(sql).get(...params) as Record<string, number>;

async function toInspected(s: Session, orderId: number, shirt: number, returnsBay: number, resolution: 'refund' | 'store_credit' | 'exchange' = 'refund') {
  const created = await s.ok('returns.create', { orderId, resolution, lines: [{ lineId: shirt, quantity: 2, reason: 'wrong_size', condition: 'like_new' }] });
  await s.ok('returns.approve', { id: created.id });
  await s.ok('returns.receive', { rma: created.number });
  const lineId = created.lines[0]?.id as number;
  await s.ok('returns.inspect', { id: created.id, lines: [{ returnLineId: lineId, outcome: 'restock', locationId: returnsBay, condition: 'like_new' }] });
  return created;
}

describe('RMA lifecycle: requested → approved → in transit → received → inspected → resolved', () => {
  it('walks a return through every step, each audited and on the order’s timeline', async () => {
    const { ws, orderId, shirt, scarf, returnsBay, variantBySku } = await shop();
    const bo = await ws.as('backoffice');
    const created = await bo.ok('returns.create', {
      orderId,
      resolution: 'refund',
      note: 'Customer called',
      lines: [
        { lineId: shirt, quantity: 2, reason: 'wrong_size', condition: 'like_new' },
        { lineId: scarf, quantity: 1, reason: 'defective', condition: 'damaged' },
      ],
    });
    expect(created).toMatchObject({ number: 'RMA-000001', status: 'requested', resolution: 'refund', needsApproval: false, units: 3 });
    // Stored verdict: shirts 72.00 + 7.20 tax; scarf 25.00 + 2.50 (final sale, but faulty) + shipping share; the shop pays the label.
    expect(created.evaluation.lines.map((l) => l.verdict)).toEqual(['eligible', 'eligible']);
    expect(created.totalMinor).toBe(7200 + 720 + 2500 + 250 + created.shippingRefundMinor);

    await bo.ok('returns.approve', { id: created.id });
    await bo.ok('returns.markInTransit', { id: created.id, trackingNumber: '1Z999' });
    const received = await bo.ok('returns.receive', { rma: ' rma-000001 ' });
    expect(received.status).toBe('received');

    const [shirtLine, scarfLine] = received.lines as unknown as [{ id: number }, { id: number }];
    const onHandBefore = createStockLedger(ws.core.store.sqlite).onHand(variantBySku.get('LS-1') as number, returnsBay);
    const half = await bo.ok('returns.inspect', { id: created.id, lines: [{ returnLineId: shirtLine.id, outcome: 'restock', locationId: returnsBay, condition: 'like_new' }] });
    expect(half.status).toBe('received');
    const inspected = await bo.ok('returns.inspect', { id: created.id, lines: [{ returnLineId: scarfLine.id, outcome: 'write_off', writeOffReason: 'Torn seam' }] });
    expect(inspected.status).toBe('inspected');
    expect(createStockLedger(ws.core.store.sqlite).onHand(variantBySku.get('LS-1') as number, returnsBay)).toBe(onHandBefore + 2);

    const resolved = await bo.ok('returns.resolve', { id: created.id });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedMinor: created.totalMinor });
    const refund = one(ws, 'SELECT id, amount_minor, platform FROM refunds WHERE id = ?', resolved.refundId);
    expect(refund).toMatchObject({ amount_minor: created.totalMinor, platform: 'shopify' });
    expect(rows(ws, 'SELECT order_line_id, quantity, restock FROM refund_lines WHERE refund_id = ? ORDER BY order_line_id', refund.id)).toEqual([
      { order_line_id: shirt, quantity: 2, restock: 1 },
      { order_line_id: scarf, quantity: 1, restock: 0 },
    ]);
    const queued = rows(ws, "SELECT kind, idempotency_key, payload FROM outbox WHERE kind = 'refund.create'");
    expect(queued).toHaveLength(1);
    expect(queued[0]?.idempotency_key).toBe(`refund:return:${created.id}`);
    expect(JSON.parse(queued[0]?.payload as string)).toMatchObject({ orderExternalId: 'gid-1001', amountMinor: created.totalMinor, lines: [{ quantity: 2, restock: true }, { quantity: 1, restock: false }] });
    expect(one(ws, 'SELECT refunded_minor FROM orders WHERE id = ?', orderId).refunded_minor).toBe(created.totalMinor);

    expect(resolved.steps.map((s) => s.action)).toEqual(['returns.created', 'returns.approved', 'returns.in_transit', 'returns.received', 'returns.inspected', 'returns.inspected', 'returns.resolved']);
    const timeline = rows(ws, "SELECT message FROM order_events WHERE order_id = ? AND kind = 'return' ORDER BY id", orderId).map((r) => r.message as string);
    expect(timeline).toHaveLength(7);
    expect(timeline.at(-1)).toMatch(/^RMA-000001: Refunded \$\d+\.\d\d to the original payment/);
    expect(ws.core.ctx.audit.verify().ok).toBe(true);
  });

  it('tells open windows when a return moves on (returns.changed with its id)', async () => {
    const { ws, orderId, shirt } = await shop();
    const seen: unknown[] = [];
    ws.core.onEvent((event, payload) => {
      if (event === 'returns.changed') seen.push(payload);
    });
    const bo = await ws.as('backoffice');
    const created = await bo.ok('returns.create', { orderId, resolution: 'refund', lines: [{ lineId: shirt, quantity: 1, reason: 'wrong_size', condition: 'like_new' }] });
    await bo.ok('returns.approve', { id: created.id });
    expect(seen).toEqual([{ ids: [created.id] }, { ids: [created.id] }]);
  });

  it('refuses steps out of order, saying what state the return is in', async () => {
    const { ws, orderId, shirt } = await shop();
    const bo = await ws.as('backoffice');
    const created = await bo.ok('returns.create', { orderId, resolution: 'refund', lines: [{ lineId: shirt, quantity: 1, reason: 'wrong_size', condition: 'like_new' }] });
    expect(await bo.call('returns.resolve', { id: created.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('RMA-000001 is requested') } });
    expect(await bo.call('returns.receive', { rma: 'RMA-000001' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await bo.call('returns.receive', { rma: 'RMA-999999' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'rma' } });
    const rejected = await bo.ok('returns.reject', { id: created.id, reason: 'Customer changed their mind again' });
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'Customer changed their mind again' });
    expect(await bo.call('returns.approve', { id: created.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('eligibility at creation, manager exceptions and approval', () => {
  it('a not-eligible line is refused; only a manager can accept it, with a written reason that is audited', async () => {
    const { ws, orderId, scarf } = await shop();
    const line = { lineId: scarf, quantity: 1, reason: 'changed_mind', condition: 'unopened' };
    const bo = await ws.as('backoffice');
    const refused = await bo.call('returns.create', { orderId, resolution: 'refund', lines: [line] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'lines.0', message: expect.stringContaining('Final sale') } });
    const notAllowed = await bo.call('returns.create', { orderId, resolution: 'refund', lines: [{ ...line, override: { reason: 'Regular customer' } }] });
    expect(notAllowed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const noReason = await (await ws.as('manager')).call('returns.create', { orderId, resolution: 'refund', lines: [{ ...line, override: { reason: '' } }] });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'lines.0.override.reason' } });

    const created = await (await ws.as('manager')).ok('returns.create', { orderId, resolution: 'store_credit', lines: [{ ...line, override: { reason: 'Regular customer, gift was a duplicate' } }] });
    expect(created.lines[0]).toMatchObject({ overrideReason: 'Regular customer, gift was a duplicate', refundMinor: 2750 - 595 }); // the customer pays the return label
    expect(created.evaluation.lines[0]?.reasons.at(-1)).toBe('Accepted by a manager as an exception: Regular customer, gift was a duplicate');
    const audit = rows(ws, "SELECT a.action, u.username FROM audit_log a JOIN users u ON u.id = a.user_id WHERE a.action = 'returns.override'");
    expect(audit).toEqual([{ action: 'returns.override', username: 'manager' }]);
  });

  it('a return above the approval amount can be created by back office but only approved by a manager', async () => {
    const { ws, orderId, lamp } = await shop();
    const bo = await ws.as('backoffice');
    const created = await bo.ok('returns.create', { orderId, resolution: 'refund', lines: [{ lineId: lamp, quantity: 1, reason: 'changed_mind', condition: 'unopened' }] });
    expect(created.needsApproval).toBe(true);
    expect(await bo.call('returns.approve', { id: created.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('manager') } });
    expect((await (await ws.as('manager')).ok('returns.approve', { id: created.id })).status).toBe('approved');
  });

  it('units on an open return cannot be returned again; rejecting the return frees them', async () => {
    const { ws, orderId, shirt } = await shop();
    const bo = await ws.as('backoffice');
    const line = { lineId: shirt, quantity: 2, reason: 'wrong_size', condition: 'like_new' };
    const first = await bo.ok('returns.create', { orderId, resolution: 'refund', lines: [line] });
    expect(await bo.call('returns.create', { orderId, resolution: 'refund', lines: [{ ...line, quantity: 1 }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'lines.0.quantity' } });
    await bo.ok('returns.reject', { id: first.id, reason: 'Wrong order number' });
    expect((await bo.ok('returns.create', { orderId, resolution: 'refund', lines: [line] })).status).toBe('requested');
  });
});

describe('money exactly once', () => {
  it('refund applied once when the call is repeated after a simulated crash', async () => {
    const { ws, orderId, shirt, returnsBay } = await shop();
    const bo = await ws.as('backoffice');
    const rma = await toInspected(bo, orderId, shirt, returnsBay);
    const count = () => ({
      refunds: one(ws, 'SELECT count(*) AS n FROM refunds WHERE order_id = ?', orderId).n,
      outbox: one(ws, "SELECT count(*) AS n FROM outbox WHERE kind = 'refund.create'").n,
      refunded: one(ws, 'SELECT refunded_minor AS n FROM orders WHERE id = ?', orderId).n,
    });

    // 1. The process dies inside the transaction, right after the refund row: nothing of it remains.
    const user = one(ws, "SELECT id FROM users WHERE username = 'backoffice'").id as number;
    const caller: Caller = { userId: user, username: 'backoffice', role: 'backoffice', tokenHash: 'x', client: 'test' };
    const crashing = createReturnServices(ws.core.ctx, { faults: { afterRefund: () => { throw new Error('power cut'); } } });
    expect(() => crashing.resolve(rma.id, undefined, caller)).toThrow('power cut');
    expect(count()).toEqual({ refunds: 0, outbox: 0, refunded: 0 });
    expect((await bo.ok('returns.get', { id: rma.id })).status).toBe('inspected');

    // 2. The retry succeeds…
    const done = await bo.ok('returns.resolve', { id: rma.id });
    expect(count()).toEqual({ refunds: 1, outbox: 1, refunded: rma.totalMinor });

    // 3. …then the app dies before the answer is shown, restarts, and the clerk presses "Refund" again.
    ws.core.close();
    const reopened = createCore({ workspaceDir: ws.dir, clock: ws.core.ctx.clock });
    try {
      const login = await reopened.call({ method: 'auth.login', input: { username: 'backoffice', password: 'demo' }, token: null, client: 'test' });
      const token = login.ok ? (login.result as { token: string }).token : '';
      const again = await reopened.call({ method: 'returns.resolve', input: { id: rma.id }, token, client: 'test' });
      expect(again).toMatchObject({ ok: true, result: { status: 'resolved', refundId: done.refundId } });
      const s = reopened.store.sqlite;
      expect((s.prepare('SELECT count(*) AS n FROM refunds WHERE order_id = ?').get(orderId) as { n: number }).n).toBe(1);
      expect(s.prepare("SELECT idempotency_key AS k FROM outbox WHERE kind = 'refund.create'").all()).toEqual([{ k: `refund:return:${rma.id}` }]);
      expect((s.prepare('SELECT refunded_minor AS n FROM orders WHERE id = ?').get(orderId) as { n: number }).n).toBe(rma.totalMinor);
    } finally {
      reopened.close();
      rmSync(ws.dir, { recursive: true, force: true });
      forgetWorkspace();
    }
  });

  it('restock changes available stock exactly once', async () => {
    const { ws, orderId, shirt, returnsBay, variantBySku } = await shop();
    const bo = await ws.as('backoffice');
    const variant = variantBySku.get('LS-1') as number;
    const ledger = createStockLedger(ws.core.store.sqlite);
    const before = ledger.onHand(variant, returnsBay);
    const rma = await toInspected(bo, orderId, shirt, returnsBay);
    const lineId = rma.lines[0]?.id as number;
    // The same inspection sent again (double click, retry) moves nothing more.
    await bo.ok('returns.inspect', { id: rma.id, lines: [{ returnLineId: lineId, outcome: 'restock', locationId: returnsBay }] });
    expect(ledger.onHand(variant, returnsBay)).toBe(before + 2);
    expect(rows(ws, "SELECT delta, reason, ref_type FROM stock_movements WHERE ref_type = 'return_line' AND ref_id = ?", String(lineId))).toEqual([{ delta: 2, reason: 'return_restock', ref_type: 'return_line' }]);
    // A different outcome for an inspected line is a conflict, not a second movement.
    expect(await bo.call('returns.inspect', { id: rma.id, lines: [{ returnLineId: lineId, outcome: 'write_off', writeOffReason: 'changed my mind' }] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const sum = one(ws, 'SELECT sum(delta) AS s FROM stock_movements WHERE variant_id = ? AND location_id = ?', variant, returnsBay).s;
    expect(sum).toBe(ledger.onHand(variant, returnsBay));
  });

  it('restocking needs a location; a write-off needs a reason', async () => {
    const { ws, orderId, shirt } = await shop();
    const bo = await ws.as('backoffice');
    const created = await bo.ok('returns.create', { orderId, resolution: 'refund', lines: [{ lineId: shirt, quantity: 1, reason: 'wrong_size', condition: 'like_new' }] });
    await bo.ok('returns.approve', { id: created.id });
    await bo.ok('returns.receive', { rma: created.number });
    const lineId = created.lines[0]?.id as number;
    expect(await bo.call('returns.inspect', { id: created.id, lines: [{ returnLineId: lineId, outcome: 'restock' }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'lines.0.locationId' } });
    expect(await bo.call('returns.inspect', { id: created.id, lines: [{ returnLineId: lineId, outcome: 'write_off' }] })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'lines.0.writeOffReason' } });
  });

  it('store credit goes on the customer’s ledger once; an exchange records that a replacement is needed', async () => {
    const { ws, orderId, shirt, lamp, returnsBay } = await shop();
    const bo = await ws.as('backoffice');
    const credit = await toInspected(bo, orderId, shirt, returnsBay, 'store_credit');
    await bo.ok('returns.resolve', { id: credit.id });
    const again = await bo.ok('returns.resolve', { id: credit.id });
    expect(again.storeCreditMinor).toBe(credit.totalMinor);
    expect(rows(ws, 'SELECT delta_minor FROM store_credits')).toEqual([{ delta_minor: credit.totalMinor }]);
    expect(one(ws, 'SELECT count(*) AS n FROM refunds').n).toBe(0);

    const manager = await ws.as('manager');
    const ex = await manager.ok('returns.create', { orderId, resolution: 'exchange', lines: [{ lineId: lamp, quantity: 1, reason: 'defective', condition: 'damaged' }] });
    await manager.ok('returns.approve', { id: ex.id });
    await manager.ok('returns.receive', { rma: ex.number });
    await manager.ok('returns.inspect', { id: ex.id, lines: [{ returnLineId: ex.lines[0]?.id as number, outcome: 'write_off', writeOffReason: 'Does not switch on' }] });
    const done = await manager.ok('returns.resolve', { id: ex.id });
    expect(done).toMatchObject({ status: 'resolved', resolution: 'exchange', resolvedMinor: 0, refundId: null });
    expect(done.steps.at(-1)?.detail).toBe('Exchange: replacement order #R1 (queued for the shop platform) for 1 × "Desk lamp" (an even exchange, no money changes hands).');
    // The replacement is a real order in the New queue: nothing to pay, ready to be packed and shipped.
    const replacement = await manager.ok('orders.get', { id: done.replacementOrderId as number });
    expect(replacement).toMatchObject({ name: '#R1', queue: 'new', totalMinor: 0, financialStatus: 'paid', fulfillmentStatus: 'unfulfilled', customerName: 'Ada Lovelace', tags: ['exchange'] });
    expect(replacement.lines.map((l) => [l.title, l.quantity])).toEqual([['Desk lamp', 1]]);
    expect((await manager.ok('orders.list', { search: 'R1' })).items.map((o) => o.name)).toContain('#R1');
    // Asking again creates nothing more.
    await manager.ok('returns.resolve', { id: ex.id });
    expect(one(ws, "SELECT count(*) AS n FROM orders WHERE tags = 'exchange'").n).toBe(1);
  });

  it('an exchange can swap to another variant (the next size)', async () => {
    const { ws, orderId, shirt, returnsBay, variantBySku, main } = await shop();
    const s = ws.core.store.sqlite;
    const medium = variantBySku.get('LS-1') as number;
    const large = Number(s.prepare("INSERT INTO variants(product_id, sku, title, price_minor, currency) SELECT product_id, 'LS-1-L', 'L', price_minor, currency FROM variants WHERE id = ?").run(medium).lastInsertRowid);
    createStockLedger(s).move({ variantId: large, locationId: main, delta: 7, reason: 'receipt', at: '2026-10-01T00:00:00.000Z' });
    const bo = await ws.as('backoffice');
    const rma = await toInspected(bo, orderId, shirt, returnsBay, 'exchange');
    const options = await bo.ok('returns.exchangeOptions', { id: rma.id });
    expect(options.lines[0]?.currentVariantId).toBe(medium);
    expect(options.lines[0]?.options.map((o) => [o.sku, o.onHand])).toEqual([
      ['LS-1', 100 - 2 + 2], // opening balance, minus the 2 shipped, plus the 2 restocked to the returns bay
      ['LS-1-L', 7],
    ]);
    const done = await bo.ok('returns.resolve', { id: rma.id, exchange: [{ returnLineId: rma.lines[0]?.id as number, variantId: large }] });
    const replacement = await bo.ok('orders.get', { id: done.replacementOrderId as number });
    expect(replacement.lines.map((l) => [l.title, l.sku, l.variantTitle, l.quantity, l.priceMinor])).toEqual([['Linen shirt', 'LS-1-L', 'L', 2, 4000]]);
    const counts = await bo.ok('orders.counts');
    expect(counts.new).toBeGreaterThanOrEqual(1);
  });
});

describe('returns.list: open returns by status with ageing', () => {
  it('lists open returns oldest first with their age, and counts per status', async () => {
    const { ws, clock, orderId, shirt, lamp } = await shop();
    let bo = await ws.as('backoffice');
    const old = await bo.ok('returns.create', { orderId, resolution: 'refund', lines: [{ lineId: shirt, quantity: 1, reason: 'wrong_size', condition: 'like_new' }] });
    clock.advance(2 * DAY);
    bo = await ws.as('backoffice');
    const recent = await bo.ok('returns.create', { orderId, resolution: 'refund', lines: [{ lineId: lamp, quantity: 1, reason: 'defective', condition: 'damaged' }] });
    await bo.ok('returns.reject', { id: recent.id, reason: 'Lamp was fine after all' });
    clock.advance(1 * DAY);
    bo = await ws.as('backoffice');
    const open = await bo.ok('returns.list', { status: 'open' });
    expect(open.items.map((r) => [r.number, r.status, r.ageDays])).toEqual([[old.number, 'requested', 3]]);
    expect(open.counts).toMatchObject({ open: 1, requested: 1, rejected: 1, all: 2 });
    const all = await bo.ok('returns.list', { status: 'all', search: '1001' });
    expect(all.items).toHaveLength(2);
    expect(all.items[0]).toMatchObject({ number: recent.number, ageDays: 0 });
  });
});

describe('return slip', () => {
  it('is a PDF with the RMA number (text and Code 128 barcode) and the items, printed once the return is approved', async () => {
    const { ws, orderId, shirt } = await shop();
    const bo = await ws.as('backoffice');
    const created = await bo.ok('returns.create', { orderId, resolution: 'refund', lines: [{ lineId: shirt, quantity: 2, reason: 'wrong_size', condition: 'like_new' }] });
    expect(await bo.call('returns.slip', { id: created.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('once the return is approved') } });
    await bo.ok('returns.approve', { id: created.id });
    const slip = await bo.ok('returns.slip', { id: created.id });
    expect(slip).toMatchObject({ fileName: 'return-slip-RMA-000001.pdf', pages: 1 });
    const bytes = Uint8Array.from(Buffer.from(slip.pdfBase64, 'base64'));
    const text = pdfText(bytes).join('\n');
    expect(text).toContain('RETURN SLIP');
    expect(text).toContain('RMA-000001');
    expect(text).toContain('Linen shirt');
    expect(text).toContain('Wrong size or fit');
    // The barcode: Code 128 bars are filled rectangles in the content stream.
    expect(Buffer.from(bytes).toString('latin1').match(/ re f/g)?.length ?? 0).toBeGreaterThan(20);
  });
});
