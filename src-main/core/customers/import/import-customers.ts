import type { AuditLog } from '../../audit/audit-log';
import type { Sqlite } from '../../../db/open';
import { parseBirthDate } from '../duplicates/dates';
import { EMAIL_SHAPE } from '../duplicates/email';
import { DuplicateEngine } from '../duplicates/engine';
import { loadCustomers } from '../duplicates/load-customers';
import { toE164 } from '../duplicates/phone';
import { readCsv } from './csv';
import { resolveMapping, type ImportField } from './mapping';

/**
 * Customer import from CSV with a column mapping. Every row is validated on
 * its own: a bad row is reported (row = line in the file, column = the source
 * column(s), reason) and skipped, the good rows are written — all of them in
 * one transaction, with one audit entry. Afterwards the new customers are
 * checked for duplicates against everyone already in the store.
 */
export interface ImportRowError {
  row: number;
  column: string;
  reason: string;
}

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

type Values = Partial<Record<ImportField, string>>;

export function importCustomers(deps: ImportDeps, text: string, rawMapping: unknown, opts: { userId?: number | null; checkDuplicates?: boolean } = {}): ImportResult {
  const records = readCsv(text);
  const first = records.next();
  if (first.done) throw new Error('the file is empty (no header row)');
  const header = first.value.fields;
  const mapping = resolveMapping(rawMapping, header);
  const columnName = (f: ImportField) => (mapping.get(f) ?? []).map((i) => header[i]).join('+');
  const existingRef = deps.sqlite.prepare('SELECT 1 FROM customers WHERE ref = ?').pluck();
  const seenRefs = new Set<string>();

  const errors: ImportRowError[] = [];
  const good: { row: number; v: Values; birth: string | null }[] = [];
  let rows = 0;
  for (;;) {
    let rec;
    try {
      const next = records.next();
      if (next.done) break;
      rec = next.value;
    } catch (err) {
      const e = err as Error & { line?: number };
      errors.push({ row: e.line ?? 0, column: '*', reason: e.message });
      break; // an unclosed quote swallows the rest of the file: nothing after it can be trusted
    }
    rows++;
    const rowErrors: ImportRowError[] = [];
    if (rec.fields.length !== header.length) rowErrors.push({ row: rec.line, column: '*', reason: `has ${rec.fields.length} fields, the header has ${header.length}` });
    const v: Values = {};
    for (const [field, idx] of mapping) {
      const joined = idx
        .map((i) => rec.fields[i] ?? '')
        .filter((s) => s !== '')
        .join(' ')
        .trim();
      if (joined) v[field] = joined;
    }
    const fail = (field: ImportField, reason: string) => rowErrors.push({ row: rec.line, column: columnName(field), reason });
    // A bad optional value is reported and left out; the customer is still imported.
    const drop = (field: ImportField, reason: string) => {
      errors.push({ row: rec.line, column: columnName(field), reason: `${reason}; imported without it` });
      delete v[field];
    };
    if (v.email && !EMAIL_SHAPE.test(v.email)) drop('email', `"${v.email}" is not an email address`);
    if (v.country && !/^[A-Za-z]{2}$/.test(v.country)) drop('country', `"${v.country}" is not a two-letter country code (ISO 3166, e.g. US, GB, DE)`);
    if (v.phone && !toE164(v.phone, v.country)) drop('phone', `"${v.phone}" is not a phone number`);
    const birth = v.birth_date ? parseBirthDate(v.birth_date, v.country) : null;
    if (v.birth_date && !birth) drop('birth_date', `"${v.birth_date}" is not a date (use YYYY-MM-DD)`);
    if (!v.first_name && !v.last_name && !v.email) rowErrors.push({ row: rec.line, column: [columnName('first_name'), columnName('last_name'), columnName('email')].filter(Boolean).join('/'), reason: 'needs a name or an email' });
    if (v.ref) {
      if (seenRefs.has(v.ref)) fail('ref', `"${v.ref}" appears earlier in the file`);
      else if (existingRef.get(v.ref)) fail('ref', `a customer with ref "${v.ref}" already exists`);
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    if (v.ref) seenRefs.add(v.ref);
    good.push({ row: rec.line, v, birth });
  }

  const insertCustomer = deps.sqlite.prepare('INSERT INTO customers(ref, first_name, last_name, email, phone, birth_date) VALUES (?, ?, ?, ?, ?, ?)');
  const insertAddress = deps.sqlite.prepare(
    'INSERT INTO customer_addresses(customer_id, name, address1, address2, city, postcode, region, country, phone, is_default) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)',
  );
  const newIds: { id: number; row: number; ref: string | null }[] = [];
  deps.sqlite.transaction(() => {
    for (const { row, v, birth } of good) {
      const id = Number(insertCustomer.run(v.ref ?? null, v.first_name ?? null, v.last_name ?? null, v.email ?? null, v.phone ?? null, birth).lastInsertRowid);
      if (v.address1 || v.address2 || v.city || v.postcode || v.region || v.country) {
        const name = [v.first_name, v.last_name].filter(Boolean).join(' ') || null;
        insertAddress.run(id, name, v.address1 ?? null, v.address2 ?? null, v.city ?? null, v.postcode ?? null, v.region ?? null, v.country?.toUpperCase() ?? null, v.phone ?? null);
      }
      newIds.push({ id, row, ref: v.ref ?? null });
    }
    deps.audit.record({ at: deps.now().toISOString(), userId: opts.userId ?? null, action: 'customers.import', entityType: 'customer', detail: { rows, imported: good.length, rejected: rows - good.length } });
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
