import type { AuditLog } from '../../audit/audit-log';
import type { Sqlite } from '../../../db/open';
import { DuplicateEngine } from '../duplicates/engine';
import { loadCustomers } from '../duplicates/load-customers';
import { ImportReader, writeRows, type ImportRowError } from './import-rows';

/**
 * Customer import from CSV with a column mapping. Every row is validated on
 * its own: a bad row is reported (row = line in the file, column = the source
 * column(s), reason) and skipped, the good rows are written — all of them in
 * one transaction, with one audit entry. Afterwards the new customers are
 * checked for duplicates against everyone already in the store.
 */
export type { ImportRowError };

export interface ImportDuplicate {
  row: number;
  customerId: number;
  ref: string | null;
  matchId: number;
  matchRef: string | null;
  probability: number;
  band: 'certain' | 'likely';
}

export interface ImportResult {
  rows: number;
  imported: number;
  /** Rejected rows' errors and dropped optional values (reason ends "imported without it"). */
  errors: ImportRowError[];
  duplicates: ImportDuplicate[];
}

export interface ImportDeps {
  sqlite: Sqlite;
  audit: AuditLog;
  now: () => Date;
}

export function importCustomers(deps: ImportDeps, text: string, rawMapping: unknown, opts: { userId?: number | null; checkDuplicates?: boolean } = {}): ImportResult {
  const reader = new ImportReader(deps.sqlite, text, rawMapping);
  while (!reader.done) reader.next(Number.MAX_SAFE_INTEGER);
  const { rows, errors, good } = reader;
  const newIds = deps.sqlite.transaction(() => {
    const ids = writeRows(deps.sqlite, good);
    deps.audit.record({ at: deps.now().toISOString(), userId: opts.userId ?? null, action: 'customers.import', entityType: 'customer', detail: { rows, imported: good.length, rejected: rows - good.length } });
    return ids;
  })();

  const duplicates: ImportDuplicate[] = [];
  if (opts.checkDuplicates !== false && newIds.length) {
    const engine = new DuplicateEngine();
    engine.load(loadCustomers(deps.sqlite));
    const { pairs } = engine.scan();
    const byId = new Map(newIds.map((n) => [n.id, n]));
    const refOf = deps.sqlite.prepare('SELECT ref FROM customers WHERE id = ?').pluck();
    for (const p of pairs) {
      const mine = byId.get(p.a) ?? byId.get(p.b);
      if (!mine || p.band === 'below') continue;
      const other = mine.id === p.a ? p.b : p.a;
      duplicates.push({ row: mine.row, customerId: mine.id, ref: mine.ref, matchId: other, matchRef: (refOf.get(other) as string | null) ?? null, probability: p.probability, band: p.band });
    }
    duplicates.sort((x, y) => x.row - y.row || y.probability - x.probability);
  }
  return { rows, imported: good.length, errors, duplicates };
}
