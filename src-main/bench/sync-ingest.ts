import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../db/open';
import type { PulledOrder, PullPage } from '../core/sync/connector';
import { createShopifyConnector } from '../core/sync/shopify/connector';
import { createStoreWriter } from '../core/sync/store-writer';
import { createEmulator, DEFAULT_EMULATOR_TOKEN } from '../emulator';
import { emit, progress } from './report';

/**
 * Sync ingest through the real connector path — bulk JSONL downloaded from the
 * emulator → parsed → card-scrubbed → validated and mapped → upserted with the
 * search index and the cursor, one transaction per page — beside raw SQLite
 * inserts of the same order and line rows into an identical empty store, in the
 * same run.
 */
export async function measureSyncIngest(orders: number): Promise<void> {
  progress(`sync ingest: an emulated shop with ${orders} orders`);
  const emu = createEmulator({ orders, seed: 42, plan: 'enterprise', validateAgainstAdminSchema: false });
  const { url } = await emu.listen();
  const dir = mkdtempSync(join(tmpdir(), 'oms-bench-sync-'));
  try {
    const real = openStore(join(dir, 'real.db'));
    const raw = openStore(join(dir, 'raw.db'));
    const connector = createShopifyConnector({ shopUrl: url, token: DEFAULT_EMULATOR_TOKEN, currency: 'USD', bulkPollMs: 200, bulkChunk: 1000 });
    const writer = createStoreWriter(real.sqlite, 'shopify');
    const setCursor = real.sqlite.prepare("INSERT INTO sync_state (platform, resource, cursor, updated_at) VALUES ('shopify', 'orders', ?, ?) ON CONFLICT (platform, resource) DO UPDATE SET cursor = excluded.cursor");

    // Start the bulk operation and let the emulator finish it: that is the platform's time, not ours.
    let cursor: string | null = (await connector.pull('orders', null)).nextCursor;
    const bulkId = (JSON.parse(cursor) as { bulk: { id: string } }).bulk.id;
    for (;;) {
      const st = (await emu.execute({ query: 'query S($id: ID!) { bulkOperation(id: $id) { status } }', variables: { id: bulkId } })).body as { data: { bulkOperation: { status: string } } };
      if (st.data.bulkOperation.status === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 200));
    }

    progress('sync ingest: real path (download, parse, scrub, map, upsert, index, cursor)');
    const records: PulledOrder[] = [];
    const t0 = performance.now();
    for (;;) {
      const page: PullPage<'orders'> = await connector.pull('orders', cursor);
      const good = page.items.filter((i) => i.ok).map((i) => (i as { record: PulledOrder }).record);
      real.sqlite.transaction(() => {
        writer.apply('orders', good, new Date().toISOString());
        setCursor.run(page.nextCursor, new Date().toISOString());
      }).immediate();
      for (const r of good) records.push(r);
      cursor = page.nextCursor;
      if (page.done) break;
    }
    const realMs = performance.now() - t0;

    progress('sync ingest: raw inserts of the same rows');
    const insOrder = raw.sqlite.prepare(`INSERT INTO orders (platform, external_id, number, name, customer_name, email, currency, subtotal_minor, discount_minor, shipping_minor, tax_minor, total_minor, refunded_minor,
      financial_status, fulfillment_status, status, queue, tags, note, item_count, ship_name, ship_address1, ship_city, ship_postcode, ship_country, created_at, updated_at)
      VALUES ('shopify', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insLine = raw.sqlite.prepare('INSERT INTO order_lines (order_id, external_id, sku, title, variant_title, quantity, price_minor, discount_minor, tax_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const t1 = performance.now();
    for (let i = 0; i < records.length; i += 1000) {
      raw.sqlite.transaction(() => {
        for (const r of records.slice(i, i + 1000)) {
          const id = Number(insOrder.run(r.externalId, r.number, r.name, r.ship?.name ?? '', r.email, r.currency, r.subtotalMinor, r.discountMinor, r.shippingMinor, r.taxMinor, r.totalMinor, r.refundedMinor,
            r.financialStatus, r.fulfillmentStatus, r.status, r.tags.join(','), r.note, r.lines.length, r.ship?.name ?? null, r.ship?.address1 ?? null, r.ship?.city ?? null, r.ship?.postcode ?? null, r.ship?.country ?? null, r.createdAt, r.updatedAt).lastInsertRowid);
          for (const l of r.lines) insLine.run(id, l.externalId, l.sku, l.title, l.variantTitle, l.quantity, l.priceMinor, l.discountMinor, l.taxMinor);
        }
      })();
    }
    const rawMs = performance.now() - t1;
    const n = records.length;
    emit('sync_ingest_orders_per_s', n / (realMs / 1000), 'orders/s', n, { ms: Math.round(realMs), path: 'bulk JSONL → scrub → map → upsert + FTS + cursor, 1,000 orders per transaction' });
    emit('sync_raw_insert_orders_per_s', n / (rawMs / 1000), 'orders/s', n, { ms: Math.round(rawMs), rows: 'same orders and lines, prepared INSERTs, 1,000 per transaction' });
    emit('sync_ingest_vs_raw_ratio', realMs / rawMs, '×', n);
    real.close();
    raw.close();
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
