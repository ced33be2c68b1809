import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN } from '../../src-main/emulator';
import { connectionFile, saveConnection, verifyShopify } from '../../src-main/core/sync/connection';
import { gid } from '../../src-main/emulator/views';
import { seedShop } from '../support/returns-fixture';
import { demoWorkspace, manualClock, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace | undefined;
afterEach(() => {
  ws?.dispose();
  ws = undefined;
});

/** One shirt shipped 20 Oct; `deliveredAt` when the carrier confirmed it (30-day window, UTC). */
async function shirtOrder(deliveredAt: string | null, now: string) {
  ws = await demoWorkspace({ clock: manualClock(now) });
  const seeded = seedShop(ws.core.store.sqlite, [
    { number: 2001, createdAt: '2026-10-19T09:00:00.000Z', fulfilledAt: '2026-10-20T09:00:00.000Z', deliveredAt, lines: [{ title: 'Linen shirt', sku: 'LS-1', quantity: 1, priceMinor: 4000 }] },
  ]);
  const bo = await ws.as('backoffice');
  const evaluate = () => bo.ok('returns.evaluate', { orderId: seeded.orderIds[0] as number, lines: [{ lineId: seeded.lineIds[0]?.[0] as number, quantity: 1, reason: 'wrong_size', condition: 'like_new' }] });
  return { evaluate };
}

describe('the return window counts from delivery, or from fulfilment when delivery is unknown', () => {
  it('a parcel delivered 5 days after shipping gets 5 more days to come back, and the verdict says it counted from delivery', async () => {
    // 20 Oct + 30 days = 19 Nov; 25 Oct + 30 = 24 Nov. On 22 Nov only the delivery date keeps it in the window.
    const { evaluate } = await shirtOrder('2026-10-25T15:30:00.000Z', '2026-11-22T12:00:00.000Z');
    const ev = await evaluate();
    expect(ev.judgedFrom).toEqual({ at: '2026-10-25T15:30:00.000Z', kind: 'delivered' });
    expect(ev.lines[0]?.verdict).toBe('eligible');
    expect(ev.lines[0]?.windowEndsAt).toBe('2026-11-25T00:00:00.000Z');
    expect(ev.lines[0]?.reasons.join(' ')).toContain('delivered 25 Oct 2026, returnable until the end of 24 Nov 2026');
  });

  it('without a delivery date the same day is late, counted from shipping', async () => {
    const { evaluate } = await shirtOrder(null, '2026-11-22T12:00:00.000Z');
    const ev = await evaluate();
    expect(ev.judgedFrom).toEqual({ at: '2026-10-20T09:00:00.000Z', kind: 'fulfilled' });
    expect(ev.lines[0]?.verdict).toBe('not_eligible');
    expect(ev.lines[0]?.reasons.join(' ')).toContain('shipped 20 Oct 2026, returnable until the end of 19 Nov 2026; 3 days late');
  });
});

describe('delivery times arrive from Shopify (Fulfillment.deliveredAt)', () => {
  it('a sync stores each fulfilment’s delivery time exactly as the platform reports it; parcels still in transit stay null', async () => {
    const emu = createEmulator({ orders: 80, seed: 5, plan: 'plus', now: new Date('2026-11-01T12:00:00.000Z') });
    try {
      const { url } = await emu.listen();
      ws = await demoWorkspace();
      saveConnection(ws.core.ctx.paths, await verifyShopify(url, DEFAULT_EMULATOR_TOKEN, new Date()));
      expect(connectionFile(ws.core.ctx.paths)).toBeTruthy();
      const manager = await ws.as('manager');
      expect((await manager.ok('sync.run', {})).ok).toBe(true);

      const expected = new Map(emu.shop.orders.flatMap((o) => o.fulfillments.map((f) => [gid('Fulfillment', f.id), f.deliveredAt ?? null] as const)));
      const stored = ws.core.store.sqlite.prepare("SELECT external_id AS id, delivered_at AS at FROM fulfilments WHERE platform = 'shopify'").all() as { id: string; at: string | null }[];
      expect(stored.length).toBe(expected.size);
      for (const s of stored) expect([s.id, s.at]).toEqual([s.id, expected.get(s.id)]);
      // The demo shop has both: delivered parcels and ones still on their way (or never confirmed).
      expect(stored.some((s) => s.at !== null)).toBe(true);
      expect(stored.some((s) => s.at === null)).toBe(true);

      // Later the carrier confirms parcels that were on their way: the next (incremental) sync brings the times.
      const waiting = stored.filter((s) => s.at === null).length;
      const { updated } = emu.simulate({ deliveries: 3 });
      expect(updated).toHaveLength(Math.min(3, waiting));
      expect((await manager.ok('sync.run', {})).ok).toBe(true);
      const after = ws.core.store.sqlite.prepare("SELECT count(*) AS n FROM fulfilments WHERE platform = 'shopify' AND delivered_at IS NULL").get() as { n: number };
      expect(after.n).toBe(waiting - Math.min(3, waiting));
    } finally {
      await emu.close();
    }
  });
});
