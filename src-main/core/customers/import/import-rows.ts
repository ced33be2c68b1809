import type { Sqlite } from '../../../db/open';
import { parseBirthDate } from '../duplicates/dates';
import { EMAIL_SHAPE } from '../duplicates/email';
import { toE164 } from '../duplicates/phone';
import { readCsv, type CsvRecord } from './csv';
import { resolveMapping, type ImportField } from './mapping';

/**
 * Reading and checking the rows of an import, one piece shared by the CLI
 * import, the in-app import (which reads in slices so it can report progress)
 * and the in-app preview (which reads only the first rows).
 */
export interface ImportRowError {
  row: number;
  column: string;
  reason: string;
}

export type ImportValues = Partial<Record<ImportField, string>>;

export interface GoodRow {
  row: number;
  v: ImportValues;
  birth: string | null;
}

/** One checked row: its values as they would be written, and why it is rejected (`rejected`) or what was left out (`dropped`). */
export interface CheckedRow {
  row: number;
  values: ImportValues;
  birth: string | null;
  rejected: ImportRowError[];
  dropped: ImportRowError[];
}

/** The header row of a CSV file. */
export function readHeader(text: string): string[] {
  const first = readCsv(text).next();
  if (first.done) throw new Error('the file is empty (no header row)');
  return first.value.fields;
}

export class ImportReader {
  readonly header: string[];
  readonly mapping: Map<ImportField, number[]>;
  rows = 0;
  readonly errors: ImportRowError[] = [];
  readonly good: GoodRow[] = [];
  done = false;
  private readonly records: Generator<CsvRecord>;
  private readonly existingRef: (ref: string) => boolean;
  private readonly seenRefs = new Set<string>();

  constructor(sqlite: Sqlite, text: string, rawMapping: unknown) {
    this.records = readCsv(text);
    const first = this.records.next();
    if (first.done) throw new Error('the file is empty (no header row)');
    this.header = first.value.fields;
    this.mapping = resolveMapping(rawMapping, this.header);
    const byRef = sqlite.prepare('SELECT 1 FROM customers WHERE ref = ?').pluck();
    this.existingRef = (ref) => !!byRef.get(ref);
  }

  columnName(f: ImportField): string {
    return (this.mapping.get(f) ?? []).map((i) => this.header[i]).join('+');
  }

  /** Reads up to `max` more rows into `good` / `errors`; returns the rows read, each as checked. */
  next(max: number): CheckedRow[] {
    const out: CheckedRow[] = [];
    while (!this.done && out.length < max) {
      let rec: CsvRecord;
      try {
        const n = this.records.next();
        if (n.done) {
          this.done = true;
          break;
        }
        rec = n.value;
      } catch (err) {
        const e = err as Error & { line?: number };
        this.errors.push({ row: e.line ?? 0, column: '*', reason: e.message });
        this.done = true; // an unclosed quote swallows the rest of the file: nothing after it can be trusted
        break;
      }
      this.rows++;
      const checked = this.check(rec);
      this.errors.push(...checked.dropped, ...checked.rejected);
      if (!checked.rejected.length) {
        if (checked.values.ref) this.seenRefs.add(checked.values.ref);
        this.good.push({ row: checked.row, v: checked.values, birth: checked.birth });
      }
      out.push(checked);
    }
    return out;
  }

  private check(rec: CsvRecord): CheckedRow {
    const rejected: ImportRowError[] = [];
    const dropped: ImportRowError[] = [];
    if (rec.fields.length !== this.header.length) rejected.push({ row: rec.line, column: '*', reason: `has ${rec.fields.length} fields, the header has ${this.header.length}` });
    const v: ImportValues = {};
    for (const [field, idx] of this.mapping) {
      const joined = idx
        .map((i) => rec.fields[i] ?? '')
        .filter((s) => s !== '')
        .join(' ')
        .trim();
      if (joined) v[field] = joined;
    }
    const fail = (field: ImportField, reason: string) => rejected.push({ row: rec.line, column: this.columnName(field), reason });
    // A bad optional value is reported and left out; the customer is still imported.
    const drop = (field: ImportField, reason: string) => {
      dropped.push({ row: rec.line, column: this.columnName(field), reason: `${reason}; imported without it` });
      delete v[field];
    };
    if (v.email && !EMAIL_SHAPE.test(v.email)) drop('email', `"${v.email}" is not an email address`);
    if (v.country && !/^[A-Za-z]{2}$/.test(v.country)) drop('country', `"${v.country}" is not a two-letter country code (ISO 3166, e.g. US, GB, DE)`);
    if (v.phone && !toE164(v.phone, v.country)) drop('phone', `"${v.phone}" is not a phone number`);
    const birth = v.birth_date ? parseBirthDate(v.birth_date, v.country) : null;
    if (v.birth_date && !birth) drop('birth_date', `"${v.birth_date}" is not a date (use YYYY-MM-DD)`);
    if (!v.first_name && !v.last_name && !v.email)
      rejected.push({ row: rec.line, column: [this.columnName('first_name'), this.columnName('last_name'), this.columnName('email')].filter(Boolean).join('/'), reason: 'needs a name or an email' });
    if (v.ref) {
      if (this.seenRefs.has(v.ref)) fail('ref', `"${v.ref}" appears earlier in the file`);
      else if (this.existingRef(v.ref)) fail('ref', `a customer with ref "${v.ref}" already exists`);
    }
    return { row: rec.line, values: v, birth, rejected, dropped };
  }
}

/** Writes the good rows in one transaction (the caller's), returning the new ids by row. */
export function writeRows(sqlite: Sqlite, good: readonly GoodRow[]): { id: number; row: number; ref: string | null }[] {
  const insertCustomer = sqlite.prepare('INSERT INTO customers(ref, first_name, last_name, email, phone, birth_date) VALUES (?, ?, ?, ?, ?, ?)');
  const insertAddress = sqlite.prepare(
    'INSERT INTO customer_addresses(customer_id, name, address1, address2, city, postcode, region, country, phone, is_default) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)',
  );
  const newIds: { id: number; row: number; ref: string | null }[] = [];
  for (const { row, v, birth } of good) {
    const id = Number(insertCustomer.run(v.ref ?? null, v.first_name ?? null, v.last_name ?? null, v.email ?? null, v.phone ?? null, birth).lastInsertRowid);
    if (v.address1 || v.address2 || v.city || v.postcode || v.region || v.country) {
      const name = [v.first_name, v.last_name].filter(Boolean).join(' ') || null;
      insertAddress.run(id, name, v.address1 ?? null, v.address2 ?? null, v.city ?? null, v.postcode ?? null, v.region ?? null, v.country?.toUpperCase() ?? null, v.phone ?? null);
    }
    newIds.push({ id, row, ref: v.ref ?? null });
  }
  return newIds;
}
