import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN } from '../../src-main/emulator';
import { saveConnection, verifyShopify } from '../../src-main/core/sync/connection';
import { seedShop } from '../support/returns-fixture';
import { demoWorkspace, manualClock, type Session, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});

/** Received and inspected: a return of `quantity` units of `lineId`, ready to resolve. */
async function inspectedReturn(s: Session, orderId: number, lineId: number, quantity: number, locationId: number, override?: string) {
  const created = await s.ok('returns.create', { orderId, resolution: 'exchange', lines: [{ lineId, quantity, reason: 'wrong_size', condition: 'like_new', ...(override ? { override: { reason: override } } : {}) }] });
  await s.ok('returns.approve', { id: created.id });
  await s.ok('returns.receive', { rma: created.number });
  await s.ok('returns.inspect', { id: created.id, lines: [{ returnLineId: created.lines[0]?.id as number, outcome: 'restock', locationId }] });
  return created;
}

/** A local shop: 2 shirts at 40.00 shipped; the same shirt also comes in a 55.00 linen-silk and a 25.00 cotton variant. */
async function shop() {
  ws = await demoWorkspace({ clock: manualClock('2026-11-01T12:00:00.000Z') });
  const s = ws.core.store.sqlite;
  const seeded = seedShop(s, [
    { number: 1001, platform: null, createdAt: '2026-10-19T09:00:00.000Z', fulfilledAt: '2026-10-20T09:00:00.000Z', lines: [{ title: 'Shirt', sku: 'SH-1', quantity: 2, priceMinor: 4000, taxMinor: 800 }] },
  ]);
  const product = (s.prepare('SELECT product_id FROM variants WHERE id = ?').get(seeded.variantBySku.get('SH-1')) as { product_id: number }).product_id;
  const variant = (sku: string, price: number) => Number(s.prepare("INSERT INTO variants(product_id, sku, title, price_minor, currency) VALUES (?, ?, ?, ?, 'USD')").run(product, sku, sku, price).lastInsertRowid);
  return { s, seeded, orderId: seeded.orderIds[0] as number, line: seeded.lineIds[0]?.[0] as number, dearer: variant('SH-SILK', 5500), cheaper: variant('SH-COTTON', 2500) };
}

describe('exchanges for an item at another price', () => {
  it('a dearer item: the replacement order asks the customer for the difference and waits for payment; nothing is refunded', async () => {
    const { s, seeded, orderId, line, dearer } = await shop();
    const bo = await ws!.as('backoffice');
    const r = await inspectedReturn(bo, orderId, line, 2, seeded.returnsBay);
    const resolved = await bo.ok('returns.resolve', { id: r.id, exchange: [{ returnLineId: r.lines[0]?.id as number, variantId: dearer }] });
    // 2 × (55.00 − 40.00) = 30.00 owed.
    expect([resolved.exchangeDifferenceMinor, resolved.resolvedMinor, resolved.refundId]).toEqual([3000, 0, null]);
    const order = s.prepare('SELECT subtotal_minor, discount_minor, total_minor, financial_status, queue, exception_reason FROM orders WHERE id = ?').get(resolved.replacementOrderId);
    expect(order).toEqual({ subtotal_minor: 11000, discount_minor: 8000, total_minor: 3000, financial_status: 'pending', queue: expect.any(String), exception_reason: 'payment_pending' });
    expect(resolved.steps.at(-1)?.detail).toContain('the customer owes the price difference of $30.00');
    expect(resolved.exchangeDifferencePaid).toBe(false);
    // Paid on the platform (read back by sync): owed becomes charged.
    s.prepare("UPDATE orders SET financial_status = 'paid' WHERE id = ?").run(resolved.replacementOrderId);
    expect((await bo.ok('returns.get', { id: r.id })).exchangeDifferencePaid).toBe(true);
    // A local order: nothing to push.
    expect(s.prepare("SELECT count(*) n FROM outbox WHERE kind = 'order.create'").get()).toEqual({ n: 0 });
  });

  it('a cheaper item: the difference is refunded once through the refund path, the replacement costs nothing', async () => {
    const { s, seeded, orderId, line, cheaper } = await shop();
    s.prepare("UPDATE orders SET platform = 'shopify', external_id = 'gid://shopify/Order/1' WHERE id = ?").run(orderId);
    const bo = await ws!.as('backoffice');
    const r = await inspectedReturn(bo, orderId, line, 1, seeded.returnsBay);
    const resolved = await bo.ok('returns.resolve', { id: r.id, exchange: [{ returnLineId: r.lines[0]?.id as number, variantId: cheaper }] });
    expect([resolved.exchangeDifferenceMinor, resolved.resolvedMinor]).toEqual([-1500, 1500]);
    expect(s.prepare('SELECT amount_minor FROM refunds WHERE id = ?').get(resolved.refundId)).toEqual({ amount_minor: 1500 });
    expect(s.prepare('SELECT total_minor, financial_status FROM orders WHERE id = ?').get(resolved.replacementOrderId)).toEqual({ total_minor: 0, financial_status: 'paid' });
    const queued = s.prepare('SELECT kind, idempotency_key FROM outbox ORDER BY id').all();
    expect(queued).toEqual([
      { kind: 'order.create', idempotency_key: `order:exchange:${r.id}` },
      { kind: 'refund.create', idempotency_key: `refund:exchange:${r.id}` },
    ]);
    // Repeating the call changes nothing.
    await bo.ok('returns.resolve', { id: r.id });
    expect(s.prepare('SELECT count(*) n FROM refunds').get()).toEqual({ n: 1 });
  });
});

describe('the replacement order reaches Shopify exactly once', () => {
  it('orderCreate once, even when the answer is lost and the item sent again; the next pull updates the order instead of copying it', async () => {
    const emu = createEmulator({ orders: 120, seed: 9, plan: 'plus', now: new Date() });
    try {
      const { url } = await emu.listen();
      ws = await demoWorkspace();
      saveConnection(ws.core.ctx.paths, await verifyShopify(url, DEFAULT_EMULATOR_TOKEN, new Date()));
      const manager = await ws.as('manager');
      expect((await manager.ok('sync.run', {})).ok).toBe(true);
      const s = ws.core.store.sqlite;
      // A shipped line whose product has another size on the platform.
      const pick = s
        .prepare(
          `SELECT l.order_id, l.id AS line_id, v2.id AS other FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN variants v ON v.id = l.variant_id
             JOIN variants v2 ON v2.product_id = v.product_id AND v2.id <> v.id AND v2.external_id IS NOT NULL
            WHERE l.fulfilled_quantity > 0 AND l.refunded_quantity = 0 AND o.status <> 'cancelled' AND o.platform = 'shopify' ORDER BY o.created_at DESC LIMIT 1`,
        )
        .get() as { order_id: number; line_id: number; other: number };
      expect(pick).toBeTruthy();
      const bay = (s.prepare('SELECT id FROM locations WHERE active = 1 ORDER BY id LIMIT 1').get() as { id: number }).id;
      const r = await inspectedReturn(manager, pick.order_id, pick.line_id, 1, bay, 'Exchange test: accepted whatever the window');
      const resolved = await manager.ok('returns.resolve', { id: r.id, exchange: [{ returnLineId: r.lines[0]?.id as number, variantId: pick.other }] });
      const replacement = resolved.replacementOrderId as number;

      expect((await manager.ok('sync.run', {})).ok).toBe(true);
      const pushed = s.prepare('SELECT platform, external_id FROM orders WHERE id = ?').get(replacement) as { platform: string; external_id: string };
      expect(pushed.platform).toBe('shopify');
      expect(pushed.external_id).toMatch(/^gid:\/\/shopify\/Order\//);
      expect(emu.effects.orderCreate).toBe(1);
      const onPlatform = emu.shop.orders.at(-1);
      expect(onPlatform?.tags).toEqual(['exchange', r.number]);

      // The answer was lost: the item is sent again with the same key, the order and its lines forget their ids.
      s.prepare("UPDATE outbox SET status = 'pending', next_attempt_at = NULL WHERE kind = 'order.create'").run();
      s.prepare('UPDATE orders SET external_id = NULL WHERE id = ?').run(replacement);
      s.prepare('UPDATE order_lines SET external_id = NULL WHERE order_id = ?').run(replacement);
      expect((await manager.ok('sync.run', {})).ok).toBe(true);
      expect(emu.effects.orderCreate).toBe(1);
      expect((s.prepare('SELECT external_id FROM orders WHERE id = ?').get(replacement) as { external_id: string }).external_id).toBe(pushed.external_id);
      // The pull that follows matches the order and its lines: still one order, one line.
      expect((await manager.ok('sync.run', {})).ok).toBe(true);
      expect(s.prepare('SELECT count(*) n FROM orders WHERE external_id = ?').get(pushed.external_id)).toEqual({ n: 1 });
      expect(s.prepare('SELECT count(*) n FROM order_lines WHERE order_id = ?').get(replacement)).toEqual({ n: 1 });
    } finally {
      await emu.close();
    }
  });
});
