import { OmsError, type ImportPreview, type ImportRunResult } from '../../../src-shared/contract';
import type { CoreContext } from '../context';
import type { DuplicateQueue } from './duplicate-queue';
import { guessMapping } from './import/guess-mapping';
import { ImportReader, readHeader, writeRows } from './import/import-rows';
import { MappingError, type ColumnMapping } from './import/mapping';

/**
 * The in-app CSV import: a preview for the mapping step and the run itself.
 * Rows are read and checked by the same ImportReader as `oms customers
 * import`; the run reads in slices with a tick between them so the core keeps
 * answering and job.progress events reach the progress bar, writes every good
 * row in one transaction with one audit entry, then refreshes the duplicate
 * review queue with a full scan so each duplicate it reports can be reviewed.
 */
const SLICE = 2_000;
/** Duplicates listed in the answer; the review queue holds them all. */
const LISTED = 500;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

const openReader = (ctx: CoreContext, text: string, mapping: unknown): ImportReader => {
  try {
    return new ImportReader(ctx.sqlite, text, mapping);
  } catch (err) {
    if (err instanceof MappingError) throw new OmsError('VALIDATION', `The mapping cannot be used: ${err.message}.`, { field: 'mapping' });
    throw new OmsError('VALIDATION', `The file cannot be read: ${(err as Error).message}.`, { field: 'text' });
  }
};

/** The header and the first `limit` rows, checked exactly as the import would check them; writes nothing. */
export function previewImport(ctx: CoreContext, input: { text: string; mapping?: ColumnMapping | undefined; limit: number }): ImportPreview {
  let header: string[];
  try {
    header = readHeader(input.text);
  } catch (err) {
    throw new OmsError('VALIDATION', `The file cannot be read: ${(err as Error).message}.`, { field: 'text' });
  }
  const mapping = input.mapping ?? guessMapping(header);
  let reader: ImportReader;
  try {
    reader = new ImportReader(ctx.sqlite, input.text, mapping);
  } catch (err) {
    return { header, mapping, mappingError: (err as Error).message, rows: [] };
  }
  // The renderer sends only the head of a big file, which may end inside a row: only rows read whole are shown.
  const rows = reader.next(input.limit).map((r) => ({ row: r.row, values: r.values, rejected: r.rejected, dropped: r.dropped }));
  return { header, mapping, mappingError: null, rows };
}

export function createInAppImport(ctx: CoreContext, queue: DuplicateQueue) {
  let running = false;
  return async function runImport(input: { text: string; mapping: ColumnMapping; fileName?: string | undefined }, userId: number): Promise<ImportRunResult> {
    if (running) throw new OmsError('CONFLICT', 'Another import is running; wait for it to finish.');
    running = true;
    try {
      const started = Date.now();
      const reader = openReader(ctx, input.text, input.mapping);
      // Rough row count for the bar: line breaks (quoted line breaks make it a little high, never low).
      const total = Math.max(1, input.text.match(/\n/g)?.length ?? 1);
      const progress = (phase: string, done: number, of: number) => ctx.emit('job.progress', { job: 'customers.import', phase, done, total: of });
      progress('read', 0, total);
      while (!reader.done) {
        reader.next(SLICE);
        progress('read', Math.min(reader.rows, total), total);
        await tick();
      }
      const { rows, errors, good } = reader;
      progress('write', 0, good.length);
      const at = ctx.clock.now().toISOString();
      const newIds = ctx.sqlite.transaction(() => {
        const ids = writeRows(ctx.sqlite, good);
        ctx.audit.record({ at, userId, action: 'customers.import', entityType: 'customer', detail: { rows, imported: good.length, rejected: rows - good.length, file: input.fileName ?? null, from: 'app' } });
        return ids;
      })();
      progress('write', good.length, good.length);
      await tick();
      const duplicates = newIds.length ? await duplicatesOf(newIds) : [];
      return { rows, imported: good.length, errors, duplicateCount: duplicates.length, duplicates: duplicates.slice(0, LISTED), ms: Date.now() - started };
    } finally {
      running = false;
    }
  };

  /** A full scan refreshes the review queue (job.progress 'duplicates.scan'); the new customers' open pairs are the import's duplicates. */
  async function duplicatesOf(newIds: { id: number; row: number; ref: string | null }[]): Promise<ImportRunResult['duplicates']> {
    await queue.scan();
    const byId = new Map(newIds.map((n) => [n.id, n]));
    const lo = newIds[0]!.id;
    const hi = newIds[newIds.length - 1]!.id;
    const pairs = ctx.sqlite
      .prepare("SELECT a_id AS a, b_id AS b, probability, band FROM customer_duplicate_pairs WHERE status = 'open' AND (a_id BETWEEN ? AND ? OR b_id BETWEEN ? AND ?)")
      .all(lo, hi, lo, hi) as { a: number; b: number; probability: number; band: 'certain' | 'likely' }[];
    const nameOf = ctx.sqlite.prepare("SELECT coalesce(nullif(trim(coalesce(first_name,'') || ' ' || coalesce(last_name,'')), ''), email, '#' || id) FROM customers WHERE id = ?").pluck();
    const out: ImportRunResult['duplicates'] = [];
    for (const p of pairs) {
      const mine = byId.get(p.a) ?? byId.get(p.b);
      if (!mine) continue;
      const other = mine.id === p.a ? p.b : p.a;
      out.push({ row: mine.row, customerId: mine.id, ref: mine.ref, name: nameOf.get(mine.id) as string, matchId: other, matchName: nameOf.get(other) as string, probability: p.probability, band: p.band });
    }
    return out.sort((x, y) => x.row - y.row || y.probability - x.probability);
  }
}
