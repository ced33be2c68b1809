import type { Sqlite } from '../../db/open';

/**
 * The orders_fts row for one order: number, customer, email, phone (digits, so
 * "+1 (555) 010-2030" is found by "5550102030" or its tail), and the SKUs and
 * titles of its lines. Every writer of orders calls `reindexOrders` in the same
 * transaction as the write.
 */
export function phoneDigits(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\D+/g, '');
  // Index the full number and its last 7/10 digits so local formats match.
  const tails = [digits.slice(-10), digits.slice(-7)].filter((t) => t.length >= 7 && t !== digits);
  return [digits, ...tails].join(' ');
}

export interface SearchSource { number: number; name: string; customer_name: string; ship_name: string | null; email: string | null; phone: string | null; ship_phone: string | null }
export interface SearchRow { number: string; customer: string; email: string; phone: string; items: string }

/** The orders_fts columns of one order; `items` is its lines' "sku title variant" texts joined by spaces. */
export function searchRow(o: SearchSource, items: string): SearchRow {
  const customer = [o.customer_name, o.ship_name].filter(Boolean).join(' ');
  const phones = [phoneDigits(o.phone), phoneDigits(o.ship_phone)].filter(Boolean).join(' ');
  return { number: `${o.number} ${o.name}`, customer, email: o.email ?? '', phone: phones, items };
}

export function createSearchIndexer(sqlite: Sqlite) {
  const del = sqlite.prepare('DELETE FROM orders_fts WHERE rowid = ?');
  const ins = sqlite.prepare('INSERT INTO orders_fts(rowid, number, customer, email, phone, items) VALUES (?, ?, ?, ?, ?, ?)');
  const order = sqlite.prepare('SELECT id, number, name, customer_name, email, phone, ship_phone, ship_name FROM orders WHERE id = ?');
  const lines = sqlite.prepare("SELECT group_concat(coalesce(sku,'') || ' ' || title || ' ' || coalesce(variant_title,''), ' ') AS items FROM order_lines WHERE order_id = ?");
  const insertRow = (id: number, r: SearchRow) => ins.run(id, r.number, r.customer, r.email, r.phone, r.items);

  return {
    /** Rewrites the search row of each order. Call inside the writer's transaction. */
    reindexOrders(orderIds: Iterable<number>): void {
      for (const id of orderIds) {
        const o = order.get(id) as (SearchSource & { id: number }) | undefined;
        del.run(id);
        if (!o) continue;
        insertRow(id, searchRow(o, (lines.get(id) as { items: string | null }).items ?? ''));
      }
    },
    /** The search row of an order that has none yet (just inserted; order ids are never reused), built by the caller. */
    insertRow(id: number, row: SearchRow): void {
      insertRow(id, row);
    },
  };
}
export type SearchIndexer = ReturnType<typeof createSearchIndexer>;

/**
 * Rebuilds the whole index in one statement; for bulk loads (demo generator,
 * first import) where per-order reindexing would be wasteful.
 */
export function rebuildSearchIndex(sqlite: Sqlite): void {
  sqlite.exec("DELETE FROM orders_fts");
  sqlite.function('oms_phone_digits', { deterministic: true }, (p: unknown) => phoneDigits(typeof p === 'string' ? p : null));
  sqlite.exec(`
    INSERT INTO orders_fts(rowid, number, customer, email, phone, items)
    SELECT o.id,
           o.number || ' ' || o.name,
           trim(o.customer_name || ' ' || coalesce(o.ship_name, '')),
           coalesce(o.email, ''),
           trim(oms_phone_digits(o.phone) || ' ' || oms_phone_digits(o.ship_phone)),
           coalesce((SELECT group_concat(coalesce(l.sku,'') || ' ' || l.title || ' ' || coalesce(l.variant_title,''), ' ')
                     FROM order_lines l WHERE l.order_id = o.id), '')
    FROM orders o`);
}
