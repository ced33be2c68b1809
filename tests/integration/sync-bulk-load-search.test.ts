import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEFAULT_EMULATOR_TOKEN, type Emulator } from '../../src-main/emulator';
import type { PulledOrder } from '../../src-main/core/sync/connector';
import { createShopifyConnector } from '../../src-main/core/sync/shopify/connector';
import { createStoreWriter } from '../../src-main/core/sync/store-writer';
import type { Sqlite } from '../../src-main/db/open';
import { pullAllOrders } from '../support/bulk-sync';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

/**
 * A first import builds the search table in one statement at its end
 * (orders/search-index.ts rebuildSearchIndex, with a larger FTS5 hash while it
 * runs). Search must find exactly what it finds when every order's row is
 * written as the order lands: same orders for whole words, 2- and
 * 3-character prefixes (the prefix indexes), longer prefixes and phone digits.
 */
describe('sync: the search table a first import rebuilds answers as the one written row by row', () => {
  let emu: Emulator;
  let all: PulledOrder[];
  const spaces: TestWorkspace[] = [];

  beforeAll(async () => {
    emu = createEmulator({ orders: 400, seed: 53, plan: 'plus' });
    const { url } = await emu.listen();
    all = await pullAllOrders(createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', baseBackoffMs: 5, bulkPollMs: 20, bulkChunk: 100 }));
  });
  afterAll(async () => {
    for (const w of spaces) w.dispose();
    await emu.close();
  });

  async function imported(bulk: boolean): Promise<Sqlite> {
    const ws = await demoWorkspace();
    spaces.push(ws);
    const s = ws.core.ctx.sqlite;
    const writer = createStoreWriter(s, 'shopify');
    const at = new Date().toISOString();
    for (let i = 0; i < all.length; i += 100) writer.applyPage('orders', all.slice(i, i + 100), at, () => undefined, { bulk });
    if (bulk) await writer.finishBulkLoad();
    return s;
  }

  it('every query finds the same orders, and the FTS5 hash size is back at its default', async () => {
    const rebuilt = await imported(true);
    const rowByRow = await imported(false);
    // The rebuild did run (a bulk load into an empty store), the other store never had one.
    expect(rebuilt.prepare("SELECT v FROM orders_fts_config WHERE k = 'hashsize'").pluck().get()).toBe(1 << 20);
    expect(rowByRow.prepare("SELECT v FROM orders_fts_config WHERE k = 'hashsize'").pluck().get()).toBeUndefined();

    // Queries from the data: words of names, emails, SKUs and titles; their 2-, 3- and 4-character prefixes; phone tails.
    const words = new Set<string>();
    for (const o of all.slice(0, 60)) {
      const text = [o.name, o.customer?.firstName, o.customer?.lastName, o.email, o.ship?.name, ...o.lines.flatMap((l) => [l.sku, l.title])].filter(Boolean).join(' ');
      for (const w of text.toLowerCase().split(/[^a-z0-9]+/)) if (w.length >= 2) words.add(w);
      const digits = (o.phone ?? o.ship?.phone ?? '').replace(/\D+/g, '');
      if (digits.length >= 7) words.add(digits.slice(-7));
    }
    const queries = [...words].flatMap((w) => [`"${w}"`, `"${w.slice(0, 2)}"*`, `"${w.slice(0, 3)}"*`, `"${w.slice(0, 4)}"*`]);
    expect(queries.length).toBeGreaterThan(200);
    const find = (s: Sqlite) => {
      const st = s.prepare('SELECT o.external_id FROM orders_fts f JOIN orders o ON o.id = f.rowid WHERE orders_fts MATCH ? ORDER BY 1').pluck();
      return queries.map((q) => [q, st.all(q)]);
    };
    const answers = find(rebuilt);
    expect(answers).toEqual(find(rowByRow));
    // Most queries find something: the comparison is not between two empty tables.
    expect(answers.filter(([, ids]) => (ids as unknown[]).length > 0).length).toBeGreaterThan(queries.length * 0.9);
    expect(rebuilt.prepare('SELECT count(*) FROM orders_fts').pluck().get()).toBe(all.length);
  });
});
