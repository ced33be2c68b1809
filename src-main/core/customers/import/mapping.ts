/**
 * A column mapping for customer import: target field → a source column name,
 * or a list of column names whose values are joined with a space.
 */
export const IMPORT_FIELDS = ['ref', 'first_name', 'last_name', 'email', 'phone', 'address1', 'address2', 'city', 'postcode', 'region', 'country', 'birth_date'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type ColumnMapping = Partial<Record<ImportField, string | string[]>>;

export class MappingError extends Error {}

/** Checks a parsed mapping against the file's header; returns each field's column indexes. */
export function resolveMapping(raw: unknown, header: readonly string[]): Map<ImportField, number[]> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new MappingError('the mapping must be a JSON object of field → column name(s)');
  const out = new Map<ImportField, number[]>();
  const normal = header.map((h) => h.trim().toLowerCase());
  for (const [field, value] of Object.entries(raw)) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) throw new MappingError(`unknown field "${field}" in the mapping (fields: ${IMPORT_FIELDS.join(', ')})`);
    const columns = typeof value === 'string' ? [value] : Array.isArray(value) && value.length && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
    if (!columns) throw new MappingError(`"${field}" must be a column name or a non-empty list of column names`);
    out.set(
      field as ImportField,
      columns.map((c) => {
        const idx = normal.indexOf(c.trim().toLowerCase());
        if (idx < 0) throw new MappingError(`"${field}" maps to column "${c}", which the file does not have (columns: ${header.join(', ')})`);
        return idx;
      }),
    );
  }
  if (!out.has('first_name') && !out.has('last_name') && !out.has('email')) throw new MappingError('the mapping needs at least one of first_name, last_name or email');
  return out;
}
