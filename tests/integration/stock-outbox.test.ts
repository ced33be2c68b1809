import { afterEach, describe, expect, it } from 'vitest';
import { createStockLedger } from '../../src-main/core/stock/ledger';
import { createOutbox } from '../../src-main/core/outbox/outbox';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace | undefined;
afterEach(() => ws?.dispose());

function seedSku(ws: TestWorkspace) {
  const s = ws.core.store.sqlite;
  const loc = Number(s.prepare("INSERT INTO locations(name, code) VALUES ('Main warehouse', 'MAIN')").run().lastInsertRowid);
  const product = Number(s.prepare("INSERT INTO products(title) VALUES ('Linen shirt')").run().lastInsertRowid);
  const variant = Number(s.prepare("INSERT INTO variants(product_id, sku, title, price_minor, currency) VALUES (?, 'LS-1', 'M', 2500, 'USD')").run(product).lastInsertRowid);
  return { loc, variant };
}

describe('stock ledger', () => {
  it('records every move and keeps on-hand equal to the sum of the ledger', async () => {
    ws = await demoWorkspace();
    const { loc, variant } = seedSku(ws);
    const ledger = createStockLedger(ws.core.store.sqlite);
    const at = '2026-11-01T12:00:00.000Z';
    ledger.move({ variantId: variant, locationId: loc, delta: 10, reason: 'receipt', at });
    ledger.move({ variantId: variant, locationId: loc, delta: -3, reason: 'fulfilment', refType: 'fulfilment', refId: 7, at });
    expect(ledger.onHand(variant, loc)).toBe(7);
    const sum = ws.core.store.sqlite.prepare('SELECT SUM(delta) AS s FROM stock_movements WHERE variant_id = ?').get(variant) as { s: number };
    expect(sum.s).toBe(7);
    expect(ledger.hasMovesFor('fulfilment', 7)).toBe(true);
    expect(ledger.hasMovesFor('fulfilment', 8)).toBe(false);
  });

  it('refuses a zero move, and the ledger cannot be rewritten', async () => {
    ws = await demoWorkspace();
    const { loc, variant } = seedSku(ws);
    const ledger = createStockLedger(ws.core.store.sqlite);
    expect(() => ledger.move({ variantId: variant, locationId: loc, delta: 0, reason: 'x', at: '2026-11-01T12:00:00.000Z' })).toThrow(/non-zero/);
    ledger.move({ variantId: variant, locationId: loc, delta: 1, reason: 'receipt', at: '2026-11-01T12:00:00.000Z' });
    expect(() => ws!.core.store.sqlite.prepare('UPDATE stock_movements SET delta = 100').run()).toThrow();
    expect(() => ws!.core.store.sqlite.prepare('DELETE FROM stock_movements').run()).toThrow();
  });

  it('a move inside a transaction that fails leaves no trace', async () => {
    ws = await demoWorkspace();
    const { loc, variant } = seedSku(ws);
    const ledger = createStockLedger(ws.core.store.sqlite);
    expect(() =>
      ws!.core.store.sqlite.transaction(() => {
        ledger.move({ variantId: variant, locationId: loc, delta: 5, reason: 'receipt', at: '2026-11-01T12:00:00.000Z' });
        throw new Error('the rest of the change failed');
      })(),
    ).toThrow();
    expect(ledger.onHand(variant, loc)).toBe(0);
  });
});

describe('outbox', () => {
  it('queues a change once per idempotency key', async () => {
    ws = await demoWorkspace();
    const outbox = createOutbox(ws.core.store.sqlite);
    const item = { platform: 'shopify', kind: 'fulfilment.create' as const, entityType: 'order', entityId: 42, payload: { lines: [1] }, idempotencyKey: 'ful-42-1', at: '2026-11-01T12:00:00.000Z' };
    expect(outbox.enqueue(item)).toBe(true);
    expect(outbox.enqueue(item)).toBe(false);
    const rows = ws.core.store.sqlite.prepare('SELECT status, payload FROM outbox').all();
    expect(rows).toEqual([{ status: 'pending', payload: '{"lines":[1]}' }]);
  });
});
