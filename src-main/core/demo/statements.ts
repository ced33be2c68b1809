import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db/open';

/**
 * Every INSERT the generator makes, as multi-row statements with reused
 * parameter buffers.
 *
 * Why it is written this way: SQLite wraps an INSERT in a statement journal
 * (copying every page it touches) when the statement may abort half-way —
 * which a trigger, a foreign key or a NOT NULL column under the default ABORT
 * rule all imply. The generator therefore runs with foreign-key enforcement
 * off (and proves the keys afterwards with PRAGMA foreign_key_check) and
 * inserts with OR FAIL: a violation still stops the statement and rolls the
 * transaction back, but SQLite no longer journals each statement. That, plus
 * 64 rows per statement, roughly halves the time per order. IDs are explicit,
 * so rows reference each other without lastInsertRowid and the same seed gives
 * the same IDs.
 */

const ROWS_PER_STATEMENT = 64;

export class RowBatch {
  private readonly buffer: unknown[];
  private used = 0;
  private readonly bySize = new Map<number, Statement>();

  constructor(
    private readonly sqlite: Sqlite,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.buffer = new Array<unknown>(ROWS_PER_STATEMENT * columns.length);
  }

  /** Queues one row (values in column order); writes a full batch as soon as it fills. */
  add(...values: unknown[]): void {
    const buf = this.buffer;
    let at = this.used;
    for (let i = 0; i < values.length; i++) buf[at++] = values[i];
    this.used = at;
    if (at === buf.length) this.flush();
  }

  /** Writes whatever is queued. */
  flush(): void {
    if (this.used === 0) return;
    const rows = this.used / this.columns.length;
    // Spread, not an array argument: better-sqlite3 reads positional arguments much faster than array elements.
    if (this.used === this.buffer.length) this.statement(rows).run(...this.buffer);
    else this.statement(rows).run(...this.buffer.slice(0, this.used));
    this.used = 0;
  }

  private statement(rows: number): Statement {
    let s = this.bySize.get(rows);
    if (!s) {
      const one = `(${this.columns.map(() => '?').join(', ')})`;
      s = this.sqlite.prepare(`INSERT OR FAIL INTO ${this.table}(${this.columns.join(', ')}) VALUES ${Array(rows).fill(one).join(', ')}`);
      this.bySize.set(rows, s);
    }
    return s;
  }
}

const cols = (s: string) => s.split(/[\s,]+/).filter(Boolean);

export function prepareInserts(sqlite: Sqlite) {
  const batch = (table: string, columns: string) => new RowBatch(sqlite, table, cols(columns));
  const b = {
    location: batch('locations', 'id, name, code, active'),
    product: batch('products', 'id, title, product_type, vendor, tags, status, created_at, updated_at'),
    variant: batch('variants', 'id, product_id, sku, barcode, title, price_minor, unit_cost_minor, currency, weight_grams, requires_shipping, updated_at'),
    stockLevel: batch('stock_levels', 'variant_id, location_id, on_hand, bin, reorder_point, updated_at'),
    stockMovement: batch('stock_movements', 'id, at, variant_id, location_id, delta, reason'),
    customer: batch('customers', 'id, ref, first_name, last_name, email, phone, birth_date, accepts_marketing, note, created_at, updated_at'),
    address: batch('customer_addresses', 'id, customer_id, name, address1, address2, city, postcode, region, country, phone, is_default'),
    order: batch(
      'orders',
      `id, number, name, customer_id, customer_name, email, phone, currency,
       subtotal_minor, discount_minor, shipping_minor, tax_minor, total_minor, refunded_minor,
       financial_status, fulfillment_status, status, on_hold, hold_reason, ready_to_pack, exception_reason, queue,
       tags, note, item_count, ship_name, ship_company, ship_address1, ship_address2, ship_city, ship_postcode,
       ship_region, ship_country, ship_phone, gateway, card_brand, card_last4, created_at, updated_at, cancelled_at, cancel_reason,
       platform, external_id`,
    ),
    line: batch(
      'order_lines',
      `id, order_id, variant_id, sku, title, variant_title, product_type, quantity, fulfilled_quantity,
       refunded_quantity, price_minor, discount_minor, tax_minor, requires_shipping`,
    ),
    tag: batch('order_tags', 'tag, order_id'),
    event: batch('order_events', 'id, order_id, at, kind, message'),
    fulfilment: batch('fulfilments', 'id, order_id, location_id, status, tracking_company, tracking_number, tracking_url, created_at, delivered_at'),
    fulfilmentLine: batch('fulfilment_lines', 'fulfilment_id, order_line_id, quantity'),
    refund: batch('refunds', 'id, order_id, amount_minor, currency, reason, note, created_at'),
    refundLine: batch('refund_lines', 'refund_id, order_line_id, quantity, amount_minor, restock'),
  };
  const all: RowBatch[] = [
    b.location,
    b.product,
    b.variant,
    b.stockLevel,
    b.stockMovement,
    b.customer,
    b.address,
    b.order,
    b.line,
    b.tag,
    b.event,
    b.fulfilment,
    b.fulfilmentLine,
    b.refund,
    b.refundLine,
  ];
  return {
    ...b,
    flushAll(): void {
      for (const x of all) x.flush();
    },
  };
}
export type Inserts = ReturnType<typeof prepareInserts>;

export const TIMES: Record<string, [number, number]> = {};
