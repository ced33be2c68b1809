import { readFileSync } from 'node:fs';
import { DuplicateEngine } from '../../core/customers/duplicates/engine';
import { loadCustomers } from '../../core/customers/duplicates/load-customers';
import { importCustomers } from '../../core/customers/import/import-customers';
import { MappingError } from '../../core/customers/import/mapping';
import { parseFlags, requireFlag, UsageError } from '../args';
import { openExistingWorkspace } from '../open-core';

export const CUSTOMERS_USAGE =
  'oms customers import FILE.csv --workspace DIR --map MAPPING.json [--no-duplicate-check] | oms customers duplicates --workspace DIR [--format csv]';

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { workspace: { type: 'string' }, map: { type: 'string' }, 'no-duplicate-check': { type: 'boolean' } }, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('the CSV file to import is required');
  const dir = requireFlag(values.workspace, 'workspace');
  const mapPath = requireFlag(values.map, 'map');
  let mapping: unknown;
  try {
    mapping = JSON.parse(readText(mapPath, 'mapping'));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`the mapping ${mapPath} is not valid JSON: ${(err as Error).message}`);
  }
  const text = readText(file, 'file');
  const core = openExistingWorkspace(dir);
  try {
    const started = Date.now();
    let result;
    try {
      result = importCustomers({ sqlite: core.ctx.sqlite, audit: core.ctx.audit, now: () => core.ctx.clock.now() }, text, mapping, { checkDuplicates: !values['no-duplicate-check'] });
    } catch (err) {
      if (err instanceof MappingError) throw new UsageError(`mapping: ${err.message}`);
      throw err;
    }
    for (const e of result.errors) process.stderr.write(`row ${e.row}, column ${e.column}: ${e.reason}\n`);
    for (const d of result.duplicates)
      process.stdout.write(`possible duplicate: row ${d.row}${d.ref ? ` (${d.ref})` : ''} ~ customer ${d.matchRef ?? `#${d.matchId}`} score ${d.probability.toFixed(4)} (${d.band})\n`);
    process.stdout.write(
      `Imported ${result.imported} of ${result.rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s; ${result.rows - result.imported} rows rejected, ${result.errors.length} problems reported; ${result.duplicates.length} possible duplicates.\n`,
    );
    return result.imported === 0 && result.rows > 0 ? 1 : 0;
  } finally {
    core.close();
  }
}

async function duplicatesCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { workspace: { type: 'string' }, format: { type: 'string' } });
  const dir = requireFlag(values.workspace, 'workspace');
  const format = values.format ?? 'csv';
  if (format !== 'csv') throw new UsageError(`--format must be csv, got "${format}"`);
  const core = openExistingWorkspace(dir);
  try {
    const engine = new DuplicateEngine();
    engine.load(loadCustomers(core.ctx.sqlite));
    const { pairs } = engine.scan();
    const refOf = core.ctx.sqlite.prepare('SELECT ref FROM customers WHERE id = ?').pluck();
    const name = (id: number) => (refOf.get(id) as string | null) ?? `#${id}`;
    const out: string[] = ['ref_a,ref_b,score'];
    for (const p of pairs) if (p.band !== 'below') out.push(`${csvCell(name(p.a))},${csvCell(name(p.b))},${p.probability.toFixed(4)}`);
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  } finally {
    core.close();
  }
}

/** `oms customers import|duplicates …` */
export async function customersCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'import') return importCommand(rest);
  if (sub === 'duplicates') return duplicatesCommand(rest);
  throw new UsageError(sub ? `unknown customers command "${sub}" (import, duplicates)` : 'customers needs a command: import or duplicates');
}
