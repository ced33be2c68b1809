import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadAdminSchema } from '../../src-main/emulator/admin-schema';
import * as queries from '../../src-main/core/sync/shopify/queries';

/** Every query and mutation the connector sends is valid against Shopify's published 2026-04 Admin schema. */
describe('Shopify connector queries against the published Admin API 2026-04 schema', () => {
  const schema = loadAdminSchema();
  const texts = Object.entries(queries).filter((e): e is [string, string] => typeof e[1] === 'string' && /^(query|mutation) /.test(e[1]));

  it('the schema file is shipped with the project', () => {
    expect(schema).not.toBeNull();
    expect(texts.length).toBeGreaterThanOrEqual(12);
  });

  it.each(texts)('%s validates', (_name, text) => {
    const errors = validate(schema!, parse(text)).map((e) => e.message);
    expect(errors).toEqual([]);
  });

  // Bulk operation queries travel as a string inside bulkOperationRunQuery: the platform validates them too.
  it.each(Object.entries(queries.BULK_QUERIES))('bulk %s query validates', (_name, text) => {
    const errors = validate(schema!, parse(text)).map((e) => e.message);
    expect(errors).toEqual([]);
  });
});
