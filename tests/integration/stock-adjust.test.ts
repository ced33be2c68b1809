import { afterEach, describe, expect, it } from 'vitest';
import { seedShop, type Shop } from '../support/shop-fixture';
import { demoWorkspace, manualClock, type Session, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});

/** The fixture shop (LS-M 10 Main + 5 East, MUG-1 4 Main, CAP-1 2 East); SKUs are Shopify's, East is a Shopify location. */
async function world(): Promise<{ ws: TestWorkspace; shop: Shop; manager: Session }> {
  ws = await demoWorkspace({ clock: manualClock() });
  const sqlite = ws.core.store.sqlite;
  const shop = seedShop(sqlite);
  sqlite.prepare("UPDATE variants SET platform = 'shopify', external_id = 'gid://shopify/ProductVariant/' || id, inventory_item_id = 'gid://shopify/InventoryItem/' || id").run();
  return { ws, shop, manager: await ws.as('manager') };
}
const count = (ws: TestWorkspace, sql: string, ...args: unknown[]) => (ws.core.store.sqlite.prepare(sql).get(...args) as { n: number }).n;

describe('stock.adjust', () => {
  it('writes one ledger entry, one outbox item with the delta and one audit row, in one go', async () => {
    const { ws, shop, manager } = await world();
    const r = await manager.ok('stock.adjust', { variantId: shop.variants['LS-M']!, locationId: shop.east, delta: -2, reason: 'damaged', note: 'crushed box' });
    expect(r.pushQueued).toBe(true);
    expect(shop.onHand('LS-M', shop.east)).toBe(3);
    expect(r.item).toMatchObject({ sku: 'LS-M', onHand: 13, reserved: 0, available: 13, short: false });
    const moves = ws.core.store.sqlite.prepare("SELECT delta, reason, ref_type, user_id IS NOT NULL AS who FROM stock_movements WHERE ref_type = 'adjustment'").all();
    expect(moves).toEqual([{ delta: -2, reason: 'Damaged: crushed box', ref_type: 'adjustment', who: 1 }]);
    const out = ws.core.store.sqlite.prepare("SELECT kind, payload, idempotency_key FROM outbox").all() as { kind: string; payload: string; idempotency_key: string }[];
    expect(out).toHaveLength(1);
    expect(out[0]!.kind).toBe('inventory.adjust');
    expect(JSON.parse(out[0]!.payload)).toMatchObject({ delta: -2, reason: 'damaged', locationExternalId: 'gid://shopify/Location/2', inventoryItemExternalId: `gid://shopify/InventoryItem/${shop.variants['LS-M']}` });
    expect(out[0]!.idempotency_key).toBe(`orderhouse:shopify:inventory:${r.movementId}`);
    expect(count(ws, "SELECT count(*) n FROM audit_log WHERE action = 'stock.adjust'")).toBe(1);
  });

  it('a location the platform does not know gets the ledger entry but nothing is queued', async () => {
    const { ws, shop, manager } = await world();
    const r = await manager.ok('stock.adjust', { variantId: shop.variants['MUG-1']!, locationId: shop.main, delta: 6, reason: 'received' });
    expect(r.pushQueued).toBe(false);
    expect(shop.onHand('MUG-1', shop.main)).toBe(10);
    expect(count(ws, 'SELECT count(*) n FROM outbox')).toBe(0);
  });

  it('moves a short order out of Exceptions when stock arrives, and back in when it is written off', async () => {
    const { ws, shop, manager } = await world();
    const [order] = shop.orders([{ number: 1, createdAt: '2026-10-01T10:00:00.000Z', platform: 'shopify', lines: [{ sku: 'MUG-1', title: 'Mug', quantity: 6, priceMinor: 1000 }] }]);
    await manager.ok('orders.allocateStock');
    const state = () => ws.core.store.sqlite.prepare('SELECT queue, exception_reason FROM orders WHERE id = ?').get(order) as { queue: string; exception_reason: string | null };
    expect(state()).toEqual({ queue: 'exceptions', exception_reason: 'stock_short' });
    const short = await manager.ok('stock.levels', { filter: 'short' });
    expect(short.items.map((i) => [i.sku, i.waiting])).toEqual([['MUG-1', 6]]);

    const events: number[][] = [];
    ws.core.ctx.emit = ((e: string, p: { orderIds?: number[] }) => (e === 'orders.changed' ? events.push(p.orderIds ?? []) : undefined)) as typeof ws.core.ctx.emit;
    const arrived = await manager.ok('stock.adjust', { variantId: shop.variants['MUG-1']!, locationId: shop.main, delta: 2, reason: 'found' });
    expect(arrived.movedOrderIds).toEqual([order]);
    expect(state().exception_reason).toBeNull();
    expect(arrived.item).toMatchObject({ onHand: 6, reserved: 6, available: 0, waiting: 0, short: false });

    const gone = await manager.ok('stock.adjust', { variantId: shop.variants['MUG-1']!, locationId: shop.main, delta: -1, reason: 'damaged' });
    expect(gone.movedOrderIds).toEqual([order]);
    expect(state()).toEqual({ queue: 'exceptions', exception_reason: 'stock_short' });
    expect(events).toEqual([[order], [order]]);
    // A change that moves no order says so, and tells no window.
    expect((await manager.ok('stock.adjust', { variantId: shop.variants['LS-M']!, locationId: shop.main, delta: 1, reason: 'found' })).movedOrderIds).toEqual([]);
    expect(events).toHaveLength(2);
  });

  it.each([
    ['an unknown SKU', { variantId: 999, delta: 1, reason: 'found' }, 'variantId', /no SKU with id 999/],
    ['an unknown location', { locationId: 999, delta: 1, reason: 'found' }, 'locationId', /no location with id 999/],
    ['a zero delta', { delta: 0, reason: 'count_correction' }, 'delta', /must not be 0/],
    ['a fractional delta', { delta: 1.5, reason: 'count_correction' }, 'delta', /whole number/],
    ['a huge delta', { delta: 100_001, reason: 'received' }, 'delta', /at most 100,000/],
    ['an unknown reason', { delta: 1, reason: 'gift' }, 'reason', /must be one of/],
    ['"other" without a note', { delta: 1, reason: 'other' }, 'note', /say why/],
    ['damage that adds stock', { delta: 3, reason: 'damaged' }, 'delta', /negative/],
    ['a receipt that removes stock', { delta: -3, reason: 'received' }, 'delta', /positive/],
    ['a removal below zero', { delta: -11, reason: 'count_correction' }, 'delta', /has 10 on hand at Main warehouse; removing 11 would leave -1/],
  ])('refuses %s, naming the field', async (_what, patch, field, message) => {
    const { ws, shop, manager } = await world();
    const reply = await manager.call('stock.adjust', { variantId: shop.variants['LS-M']!, locationId: shop.main, ...patch } as never);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('VALIDATION');
    expect(reply.error.field).toBe(field);
    expect(reply.error.message).toMatch(message);
    expect(count(ws, "SELECT count(*) n FROM stock_movements WHERE ref_type = 'adjustment'")).toBe(0);
    expect(count(ws, 'SELECT count(*) n FROM outbox')).toBe(0);
  });

  it('a packer or back-office user may look but not adjust', async () => {
    const { ws, shop } = await world();
    for (const who of ['packer', 'backoffice']) {
      const s = await ws.as(who);
      expect((await s.ok('stock.levels', {})).items.length).toBe(3);
      const reply = await s.call('stock.adjust', { variantId: shop.variants['LS-M']!, locationId: shop.main, delta: 1, reason: 'found' });
      expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(shop.onHand('LS-M', shop.main)).toBe(10);
  });
});

describe('stock.undoAdjustment and stock.history', () => {
  it('undo writes the reverse entry, pushes it, once only; history shows who and why', async () => {
    const { ws, shop, manager } = await world();
    const v = shop.variants['CAP-1']!;
    const r = await manager.ok('stock.adjust', { variantId: v, locationId: shop.east, delta: 4, reason: 'count_correction', note: 'shelf recount' });
    const undone = await manager.ok('stock.undoAdjustment', { movementId: r.movementId });
    expect(shop.onHand('CAP-1', shop.east)).toBe(2);
    expect(undone).toMatchObject({ pushQueued: true, delta: -4 });
    const again = await manager.call('stock.undoAdjustment', { movementId: r.movementId });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/already undone/) } });
    const notAdjustment = await manager.call('stock.undoAdjustment', { movementId: undone.movementId });
    expect(notAdjustment).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'movementId' } });
    expect(count(ws, "SELECT count(*) n FROM outbox WHERE kind = 'inventory.adjust'")).toBe(2);
    expect(count(ws, "SELECT count(*) n FROM audit_log WHERE action = 'stock.undoAdjustment'")).toBe(1);

    const h = await manager.ok('stock.history', { variantId: v });
    expect(h.movements.map((m) => [m.delta, m.reason, m.userName, m.undoable])).toEqual([
      [-4, `Undo of adjustment #${r.movementId} (Count correction: shelf recount)`, 'Marcus Manager', false],
      [4, 'Count correction: shelf recount', 'Marcus Manager', false],
    ]);
    expect(h.item.levels).toEqual([{ locationId: shop.main, onHand: 0, bin: 'A-03-1' }, { locationId: shop.east, onHand: 2, bin: 'E-03' }]);
  });

  it('undo that would leave a shelf below zero is refused', async () => {
    const { shop, manager } = await world();
    const r = await manager.ok('stock.adjust', { variantId: shop.variants['MUG-1']!, locationId: shop.main, delta: 3, reason: 'received' });
    await manager.ok('stock.adjust', { variantId: shop.variants['MUG-1']!, locationId: shop.main, delta: -7, reason: 'count_correction' });
    const reply = await manager.call('stock.undoAdjustment', { movementId: r.movementId });
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'delta' } });
  });
});

describe('stock.levels', () => {
  it('searches by SKU, title or barcode and pages by SKU without gaps or repeats', async () => {
    const { ws, shop, manager } = await world();
    const sqlite = ws.core.store.sqlite;
    const product = Number(sqlite.prepare("INSERT INTO products(title) VALUES ('Wool socks')").run().lastInsertRowid);
    for (let i = 0; i < 7; i++) sqlite.prepare("INSERT INTO variants(product_id, sku, barcode, title, price_minor, currency) VALUES (?, ?, ?, ?, 900, 'USD')").run(product, `SOCK-${i}`, `77700000000${i}`, `Size ${i}`);
    const seen: string[] = [];
    let after: number | undefined;
    do {
      const p = await manager.ok('stock.levels', { limit: 3, ...(after ? { after } : {}) });
      seen.push(...p.items.map((i) => i.sku!));
      after = p.nextCursor ?? undefined;
    } while (after);
    expect(seen).toEqual(['CAP-1', 'LS-M', 'MUG-1', ...Array.from({ length: 7 }, (_, i) => `SOCK-${i}`)]);
    expect((await manager.ok('stock.levels', { search: 'wool' })).items).toHaveLength(7);
    expect((await manager.ok('stock.levels', { search: '777000000003' })).items.map((i) => i.title)).toEqual(['Wool socks · Size 3']);
    expect((await manager.ok('stock.levels', { search: 'ls-m' })).items.map((i) => [i.sku, i.onHand, i.levels.length])).toEqual([['LS-M', 15, 2]]);
    expect((await manager.ok('stock.levels', { search: '%' })).items).toHaveLength(0);
    expect((await manager.ok('stock.levels', {})).locations.map((l) => l.code)).toEqual(['MAIN', 'EAST']);
    expect(shop.main).toBeGreaterThan(0);
  });
});
