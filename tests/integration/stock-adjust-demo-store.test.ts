import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StockAdjustResult } from '../../src-shared/contract';
import type { Core } from '../../src-main/core/core';
import { login, openCore, untilIdle } from '../support/demo-store-core';
import { syncServiceFor } from '../../src-main/core/sync/runtime';

/**
 * The built-in demo store is a platform like any other: a stock adjustment in
 * a demo-store workspace is queued, pushed to the store by the next run, and
 * is still there after a restart (the store journals the mutation).
 */
const open = openCore;

describe('stock.adjust in a demo-store workspace', () => {
  let dir: string;
  let core: Core;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'oms-stock-demo-'));
    core = open(dir);
    const r = await core.call({ method: 'workspace.createDemoStore', input: {}, token: null, client: 'test' });
    expect(r.ok).toBe(true);
    await untilIdle(core);
  }, 200_000);
  afterAll(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is pushed to the store once and survives a restart of it', async () => {
    const call = await login(core, 'manager');
    const row = core.ctx.sqlite
      .prepare("SELECT s.variant_id, s.location_id, s.on_hand, v.inventory_item_id, l.external_id AS loc FROM stock_levels s JOIN variants v ON v.id = s.variant_id JOIN locations l ON l.id = s.location_id WHERE v.platform = 'shopify' AND l.platform = 'shopify' AND s.on_hand > 0 ORDER BY s.variant_id LIMIT 1")
      .get() as { variant_id: number; location_id: number; on_hand: number; inventory_item_id: string; loc: string };
    const level = () => {
      const emu = syncServiceFor(core.ctx).source.demoStore!.emulator;
      return emu.shop.inventoryById.get(Number(row.inventory_item_id.split('/').pop()))!.levels.get(Number(row.loc.split('/').pop())) ?? 0;
    };
    const before = level();
    const r = await call<StockAdjustResult>('stock.adjust', { variantId: row.variant_id, locationId: row.location_id, delta: 7, reason: 'found', note: 'behind the racking' });
    expect(r.pushQueued).toBe(true);
    const run = await call<{ ok: boolean; outbox: { sent: number } }>('sync.run', {});
    expect(run.ok).toBe(true);
    expect(run.outbox.sent).toBe(1);
    expect(level()).toBe(before + 7);

    await core.close();
    core = open(dir);
    const again = await login(core, 'manager');
    expect((await again<{ ok: boolean }>('sync.run', {})).ok).toBe(true);
    expect(level()).toBe(before + 7);
    expect((core.ctx.sqlite.prepare('SELECT on_hand FROM stock_levels WHERE variant_id = ? AND location_id = ?').get(row.variant_id, row.location_id) as { on_hand: number }).on_hand).toBe(row.on_hand + 7);
  }, 120_000);
});
