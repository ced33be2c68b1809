import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, parseFaults, PLANTED_CARD_NUMBERS, type Emulator } from '../../src-main/emulator';
import { createSyncEngine } from '../../src-main/core/sync/engine';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

const count = (ws: TestWorkspace, sql: string) => (ws.core.ctx.sqlite.prepare(sql).get() as { n: number }).n;

const open: { emu: Emulator; ws: TestWorkspace }[] = [];
afterEach(async () => {
  for (const { emu, ws } of open.splice(0)) {
    ws.dispose();
    await emu.close();
  }
});

async function setup(faults: string, orders = 60, plan: 'standard' | 'plus' = 'plus', bulk = true) {
  let dice = 0x2545f491;
  const random = () => ((dice = (dice * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const emu = createEmulator({ orders, seed: 5, plan, faults: parseFaults(faults), random });
  const { url } = await emu.listen();
  const ws = await demoWorkspace();
  open.push({ emu, ws });
  const waits: string[] = [];
  const connector = createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, maxBackoffMs: 50, maxAttempts: 12, bulk, bulkPollMs: 50, onWait: (r) => waits.push(r) });
  const events: { resource: string; phase: string; message?: string; records?: number; total?: number | null }[] = [];
  const engine = createSyncEngine({ sqlite: ws.core.ctx.sqlite, connector, now: () => new Date(), emit: (e, p) => e === 'sync.progress' && events.push(p as (typeof events)[number]) });
  return { emu, ws, connector, engine, waits, events };
}

const expectSameCounts = (emu: Emulator, ws: TestWorkspace, missingOrders = 0) => {
  expect(count(ws, 'SELECT count(*) n FROM orders')).toBe(emu.shop.orders.length - missingOrders);
  expect(count(ws, 'SELECT count(*) n FROM customers')).toBe(emu.shop.customers.length);
  expect(count(ws, 'SELECT count(*) n FROM variants')).toBe(emu.shop.variants.size);
  expect(count(ws, 'SELECT count(*) n FROM (SELECT platform, external_id FROM orders GROUP BY 1, 2 HAVING count(*) > 1)')).toBe(0);
};

describe('sync under faults', () => {
  it('a throttle storm, 5xx bursts, 429s and dropped connections over paged queries: the run completes and the store equals the platform', async () => {
    const { emu, ws, engine, waits, events } = await setup('throttle=1000,500=0.1,502=0.05,503=0.05,429=0.05,drop=0.08', 60, 'standard', false);
    const run = await engine.run();
    expect(run.error).toBeNull();
    expect(run.ok).toBe(true);
    expectSameCounts(emu, ws);
    expect(emu.stats.errors5xx).toBeGreaterThan(0);
    expect(emu.stats.dropped).toBeGreaterThan(0);
    expect(waits).toContain('backoff');
    expect(waits.some((w) => w === 'pacing' || w === 'throttled')).toBe(true);
    // Nobody is shown the platform's raw throttling error.
    expect(JSON.stringify(events)).not.toMatch(/THROTTLED/);
    // Paged reads load no bulk, so there is no closing rebuild to announce.
    expect(events.some((e) => e.message?.startsWith('Finishing the import'))).toBe(false);
  }, 120_000);

  it('the first import through a bulk operation survives 5xx and drops while it is started and polled', async () => {
    const { emu, ws, engine, events } = await setup('500=0.2,drop=0.2', 300);
    const run = await engine.run();
    expect(run.error).toBeNull();
    expectSameCounts(emu, ws);
    expect(emu.stats.errors5xx + emu.stats.dropped).toBeGreaterThan(0);
    // Three resources came through bulk operations: a handful of requests, not one per page.
    expect(emu.stats.requests).toBeLessThan(60);
    // The closing work of the orders bulk load is named piece by piece, in order, and the next orders event clears the message.
    const orderEvents = events.filter((e) => e.resource === 'orders');
    const finishing = orderEvents.filter((e) => e.message?.startsWith('Finishing the import'));
    const indexes = finishing.length - 4;
    expect(indexes).toBeGreaterThan(0);
    expect(finishing.map((e) => e.message)).toEqual([
      'Finishing the import…',
      ...Array.from({ length: indexes }, (_, i) => `Finishing the import: ${i + 1} of ${indexes} indexes rebuilt…`),
      'Finishing the import: queue counts rebuilt…',
      'Finishing the import: search 100% built…',
      'Finishing the import: return figures 100% built…',
    ]);
    // The bar stays full (every order read) while the message says what the closing work has done.
    expect(finishing.every((e) => e.total !== null && e.records === e.total)).toBe(true);
    const last = orderEvents.indexOf(finishing.at(-1)!);
    expect(orderEvents[last + 1]).toMatchObject({ phase: 'pull' });
    expect(orderEvents[last + 1]?.message).toBeUndefined();
  }, 60_000);

  it('repeated pages and a clock running behind: no duplicates, no gaps, and later changes still arrive', async () => {
    const { emu, ws, engine } = await setup('repeat=0.3,skew=120', 80);
    expect((await engine.run()).ok).toBe(true);
    expectSameCounts(emu, ws);
    const { created, updated } = emu.simulate({ newOrders: 4, orderUpdates: 3 });
    expect((await engine.run()).ok).toBe(true);
    expectSameCounts(emu, ws);
    for (const id of [...created, ...updated]) {
      const o = emu.shop.orderById.get(Number(id.split('/').pop()))!;
      expect(ws.core.ctx.sqlite.prepare('SELECT updated_at FROM orders WHERE external_id = ?').get(id)).toEqual({ updated_at: o.updatedAt });
    }
  }, 60_000);

  it('malformed records go to the quarantine with the reason; the rest lands; the run reports it', async () => {
    const { emu, ws, engine } = await setup('malformed=2', 60);
    const run = await engine.run();
    expect(run.ok).toBe(true);
    expect(run.resources.orders?.quarantined).toBe(2);
    expectSameCounts(emu, ws, 2);
    const rows = ws.core.ctx.sqlite.prepare("SELECT resource, external_id, reason, payload FROM quarantine WHERE status = 'open' ORDER BY id").all() as { resource: string; external_id: string; reason: string; payload: string }[];
    expect(rows).toHaveLength(2);
    const bad = emu.shop.orders.filter((o) => o.malformed);
    expect(rows.map((r) => r.external_id).sort()).toEqual(bad.map((o) => `gid://shopify/Order/${o.id}`).sort());
    expect(rows.map((r) => r.reason).join(' | ')).toMatch(/totalPriceSet\.shopMoney\.amount .* is not a decimal amount/);
    expect(rows.map((r) => r.reason).join(' | ')).toMatch(/lineItems\[0\]\.quantity must be a whole number/);
    // The malformed order carried a card number in its note: the quarantine keeps only the last four.
    expect(rows.some((r) => r.payload.includes('[card •••• 1111]'))).toBe(true);
    // A second run does not pile up copies of the same refusal.
    await engine.run();
    expect(count(ws, 'SELECT count(*) n FROM quarantine')).toBe(2);
  }, 60_000);

  it('a card number planted in a note, a custom attribute and an address never reaches the database file or the logs', async () => {
    const { ws, engine } = await setup('cards,malformed=1', 60);
    expect((await engine.run()).ok).toBe(true);
    ws.core.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const digits = PLANTED_CARD_NUMBERS.map((p) => p.replace(/\D/g, ''));
    const files = [join(ws.dir, 'orderhouse.db'), ...readdirSync(join(ws.dir, 'logs')).map((f) => join(ws.dir, 'logs', f))];
    for (const file of files) {
      const bytes = readFileSync(file).toString('latin1');
      for (const [i, pan] of PLANTED_CARD_NUMBERS.entries()) {
        expect(bytes.includes(pan), `${pan} in ${file}`).toBe(false);
        expect(bytes.includes(digits[i]!), `${digits[i]} in ${file}`).toBe(false);
      }
    }
    // What is kept: the last four, masked.
    expect(count(ws, "SELECT count(*) n FROM orders WHERE note LIKE '%[card •••• 1111]%'")).toBe(1);
    expect(count(ws, "SELECT count(*) n FROM customer_addresses WHERE address2 LIKE '%[card •••• 0005]%'")).toBe(1);
  }, 60_000);
});
