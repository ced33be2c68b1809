import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, SCHEMA_VERSION, StoreOpenError } from '../../src-main/db/open';
import { MIGRATIONS } from '../../src-main/db/migrations';
import { restoreSuspendedIndexes, suspendedKeys, suspendIndexes } from '../../src-main/db/suspended-indexes';
import { insertOrders } from '../support/orders-fixture';

const dirs: string[] = [];
const tempFile = (name = 'orderhouse.db') => {
  const dir = mkdtempSync(join(tmpdir(), 'oms-store-'));
  dirs.push(dir);
  return join(dir, name);
};
afterEach(() => {
  dirs.length = 0;
});

describe('the store', () => {
  it('creates a fresh database with every migration, WAL and foreign keys on', () => {
    const store = openStore(tempFile());
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(store.sqlite.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    const tables = (store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['orders', 'order_lines', 'fulfilments', 'fulfilment_lines', 'refunds', 'customers', 'customer_addresses', 'products', 'variants', 'locations', 'stock_levels', 'stock_movements', 'users', 'sessions', 'audit_log', 'sync_state', 'outbox', 'quarantine', 'orders_fts']) {
      expect(tables).toContain(t);
    }
    store.close();
  });

  it('finds every set of indexes taken off, whoever took them, for an upgrade to put back before its migrations', () => {
    const store = openStore(tempFile());
    const s = store.sqlite;
    const indexes = () => s.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all();
    const whole = indexes();
    expect(suspendedKeys(s)).toEqual([]);
    const at = new Date().toISOString();
    // A first import's bulk load, and a rollup rebuild in pieces, each with its own record.
    expect(suspendIndexes(s, ['orders'], new Set(), at)).toBeGreaterThan(3);
    expect(suspendIndexes(s, ['return_rollups'], new Set(), at, { key: 'returns.rollups_suspended_indexes' })).toBe(1);
    expect(indexes().length).toBeLessThan(whole.length);
    expect(suspendedKeys(s)).toEqual(['db.suspended_indexes', 'returns.rollups_suspended_indexes']);
    for (const key of suspendedKeys(s)) restoreSuspendedIndexes(s, key);
    expect(indexes()).toEqual(whole);
    expect(suspendedKeys(s)).toEqual([]);
    store.close();
  });

  it('opens an existing database without re-applying migrations', () => {
    const file = tempFile();
    openStore(file).close();
    const again = openStore(file);
    expect(again.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    const file = tempFile();
    openStore(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    let error: unknown;
    try {
      openStore(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as StoreOpenError).kind).toBe('too_new');
    expect((error as Error).message).toMatch(/newer version of Orderhouse/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    check.close();
  });

  it('says plainly when the file is not a database', () => {
    const file = tempFile();
    writeFileSync(file, 'this is not sqlite '.repeat(500));
    expect(() => openStore(file)).toThrow(expect.objectContaining({ kind: 'corrupt' }) as Error);
  });

  it('refuses to migrate a SQLite file that belongs to something else', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.exec('CREATE TABLE invoices(id INTEGER PRIMARY KEY)');
    raw.close();
    expect(() => openStore(file)).toThrow(expect.objectContaining({ kind: 'foreign' }) as Error);
  });

  it('rolls back a migration that fails half-way: same version, nothing half-written', () => {
    const file = tempFile();
    const raw = new Database(file);
    for (const st of MIGRATIONS[0]!.statements) raw.exec(st);
    raw.pragma('user_version = 1');
    // Something in the way of the second migration, after its first statements would have run.
    raw.exec('CREATE TABLE orders_count_insert_blocker(x)');
    raw.exec('CREATE TRIGGER orders_count_insert AFTER INSERT ON users BEGIN SELECT 1; END');
    raw.close();
    expect(() => openStore(file)).toThrow();
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'orders_fts'").get()).toEqual({ n: 0 });
    expect(check.prepare('SELECT count(*) AS n FROM queue_counts').get()).toEqual({ n: 0 });
    check.close();
  });

  it('keeps the stock ledger and the audit log append-only', () => {
    const store = openStore(tempFile());
    const s = store.sqlite;
    s.exec("INSERT INTO locations(name, code) VALUES ('Main', 'MAIN')");
    s.exec("INSERT INTO products(title) VALUES ('Shirt')");
    s.exec("INSERT INTO variants(product_id, sku, price_minor, currency) VALUES (1, 'S-1', 1000, 'USD')");
    s.exec("INSERT INTO stock_movements(at, variant_id, location_id, delta, reason) VALUES ('2026-01-01T00:00:00.000Z', 1, 1, 5, 'opening_balance')");
    expect(() => s.exec('UPDATE stock_movements SET delta = 50')).toThrow(/append-only/);
    expect(() => s.exec('DELETE FROM stock_movements')).toThrow(/append-only/);
    s.exec("INSERT INTO audit_log(at, action, prev_hash, hash) VALUES ('x', 'test', 'a', 'b')");
    expect(() => s.exec("UPDATE audit_log SET action = 'other'")).toThrow(/append-only/);
    expect(() => s.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    store.close();
  });

  it('keeps queue counts exact through inserts, moves and deletes', () => {
    const store = openStore(tempFile());
    const s = store.sqlite;
    insertOrders(s, [
      { number: 1001, createdAt: '2026-01-01T10:00:00.000Z' },
      { number: 1002, createdAt: '2026-01-02T10:00:00.000Z', onHold: true },
      { number: 1003, createdAt: '2026-01-03T10:00:00.000Z', financialStatus: 'pending' },
    ]);
    const counts = () => Object.fromEntries((s.prepare('SELECT queue, count FROM queue_counts').all() as { queue: string; count: number }[]).map((r) => [r.queue, r.count]));
    expect(counts()).toMatchObject({ new: 1, on_hold: 1, exceptions: 1, fulfilled: 0 });
    s.exec("UPDATE orders SET queue = 'fulfilled' WHERE number = 1001");
    expect(counts()).toMatchObject({ new: 0, fulfilled: 1 });
    s.exec("DELETE FROM order_lines WHERE order_id = (SELECT id FROM orders WHERE number = 1002)");
    s.exec('DELETE FROM orders WHERE number = 1002');
    expect(counts()).toMatchObject({ on_hold: 0 });
    store.close();
  });
});
