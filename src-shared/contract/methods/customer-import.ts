import { z } from 'zod';
import { method } from './common';

/**
 * Customer import in the app: the same core import as `oms customers import`,
 * with a preview of the first rows for the mapping step. The file travels as
 * text over the contract, so its size is capped.
 */
export const IMPORT_TARGET_FIELDS = ['ref', 'first_name', 'last_name', 'email', 'phone', 'address1', 'address2', 'city', 'postcode', 'region', 'country', 'birth_date'] as const;
export type ImportTargetField = (typeof IMPORT_TARGET_FIELDS)[number];
export const IMPORT_FIELD_LABELS: Record<ImportTargetField, string> = {
  ref: 'Reference (source ID)',
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone: 'Phone',
  address1: 'Address line 1',
  address2: 'Address line 2',
  city: 'City',
  postcode: 'Postcode',
  region: 'Region / state',
  country: 'Country (2 letters)',
  birth_date: 'Birth date',
};
/** Characters of CSV the app sends in one call; bigger files go through `oms customers import`. */
export const IMPORT_MAX_CHARS = 8_000_000;
/** The preview only needs the header and the first rows. */
export const IMPORT_PREVIEW_MAX_CHARS = 256_000;

export type ImportColumnMapping = Partial<Record<ImportTargetField, string | string[]>>;

export interface ImportIssue {
  row: number;
  column: string;
  reason: string;
}

export interface ImportPreviewRow {
  /** Line in the file. */
  row: number;
  values: Partial<Record<ImportTargetField, string>>;
  /** Rejected: the row is not imported. */
  rejected: ImportIssue[];
  /** Left out: the row is imported without these values. */
  dropped: ImportIssue[];
}

export interface ImportPreview {
  header: string[];
  /** The mapping used: the one sent, or a guess from the header names when none was sent. */
  mapping: ImportColumnMapping;
  /** Why the mapping cannot be used (unknown column, no name or email field); null when it can. */
  mappingError: string | null;
  rows: ImportPreviewRow[];
}

export interface ImportRunResult {
  rows: number;
  imported: number;
  errors: ImportIssue[];
  /** Every pair found with a new customer; `duplicates` lists the first 500 (the review queue has them all). */
  duplicateCount: number;
  duplicates: { row: number; customerId: number; ref: string | null; name: string; matchId: number; matchName: string; probability: number; band: 'certain' | 'likely' }[];
  ms: number;
}

const mapping = z.record(z.string().max(40), z.union([z.string().max(200), z.array(z.string().max(200)).min(1, 'must name at least one column').max(8, 'at most 8 columns can be joined')]));
const tooBig = (max: number, what: string) => `${what} is larger than ${(max / 1_000_000).toFixed(max < 1_000_000 ? 2 : 0)} MB of text; split it, or import it with \`oms customers import\``;

export const customerImportMethods = {
  'customers.importPreview': method<ImportPreview>()({
    input: z
      .object({
        text: z.string().min(1, 'the file is empty').max(IMPORT_PREVIEW_MAX_CHARS, tooBig(IMPORT_PREVIEW_MAX_CHARS, 'the preview part of the file')),
        mapping: mapping.optional(),
        limit: z.number().int().min(1).max(50).default(10),
      })
      .strict(),
    permission: 'customers.write',
    summary: 'Reads the header and the first rows of a CSV: a guessed mapping (or the one sent) and each row as it would import, with its errors. Writes nothing.',
  }),
  'customers.import': method<ImportRunResult>()({
    input: z
      .object({
        text: z.string().min(1, 'the file is empty').max(IMPORT_MAX_CHARS, tooBig(IMPORT_MAX_CHARS, 'the file')),
        mapping,
        fileName: z.string().max(260).optional(),
      })
      .strict(),
    permission: 'customers.write',
    summary: 'Imports customers from CSV with a column mapping (job.progress events); bad rows are reported, good rows written in one transaction; new customers checked for duplicates into the review queue; audited.',
  }),
} as const;
