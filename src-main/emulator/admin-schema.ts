import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

/**
 * Shopify's published Admin API schema (the 2026-04 introspection result from
 * the npm package @shopify/dev-mcp, dist/data/admin_2026-04.json.gz, committed
 * as is). The emulator validates every request against it before answering, so
 * a query the real platform would refuse is refused here too.
 */
export const ADMIN_SCHEMA_FILE = 'admin_2026-04.json.gz';
let cached: GraphQLSchema | null | undefined;

export function adminSchemaPath(): string | null {
  const candidates = [
    process.env.OMS_SHOPIFY_SCHEMA,
    join(__dirname, ADMIN_SCHEMA_FILE), // running from source (tests)
    join(__dirname, '../../src-main/emulator', ADMIN_SCHEMA_FILE), // running from out/main (CLI build)
    join(process.cwd(), 'src-main/emulator', ADMIN_SCHEMA_FILE),
  ].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** The published schema, or null when the file is not shipped (a packaged app); loaded once. */
export function loadAdminSchema(): GraphQLSchema | null {
  if (cached !== undefined) return cached;
  const file = adminSchemaPath();
  if (!file) return (cached = null);
  const json = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { data?: IntrospectionQuery } & Partial<IntrospectionQuery>;
  cached = buildClientSchema((json.data ?? json) as IntrospectionQuery, { assumeValid: true });
  return cached;
}
