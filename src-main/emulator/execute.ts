import { graphql, Kind, parse, validate } from 'graphql';
import type { EmuContext } from './context';
import { actualCost, MAX_QUERY_COST, requestedCost } from './cost';
import type { CostBucket } from './throttle';
import { CursorError } from './views';

export interface GraphqlRequest { query: string; variables?: Record<string, unknown> }
export interface GraphqlAnswer { status: number; headers: Record<string, string>; body: unknown }

/**
 * One GraphQL request, as the platform answers it: parse, validate (published schema first),
 * price it against the cost bucket (throttled or over the single-query limit → an error, not
 * a run), execute, then refund the points the answer did not use.
 */
export function createExecutor(ctx: EmuContext, bucket: CostBucket, root: Record<string, unknown>): (body: GraphqlRequest) => Promise<GraphqlAnswer> {
  return async function execute(body: GraphqlRequest): Promise<GraphqlAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (typeof body?.query !== 'string') return { status: 400, headers, body: { errors: 'Bad Request: a "query" string is required' } };
    let doc;
    try {
      doc = parse(body.query);
    } catch (err) {
      return { status: 200, headers, body: { errors: [{ message: (err as Error).message, extensions: { code: 'PARSE_ERROR' } }] } };
    }
    const published = ctx.adminSchema ? validate(ctx.adminSchema, doc) : [];
    if (published.length) return { status: 200, headers, body: { errors: published.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', schema: 'Admin API 2026-04 (published)' } })) } };
    const validation = validate(ctx.schema, doc);
    if (validation.length) return { status: 200, headers, body: { errors: validation.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) } };
    const variables = body.variables ?? {};
    const requested = requestedCost(ctx.schema, doc, variables);
    bucket.refill();
    if (requested > MAX_QUERY_COST) {
      return { status: 200, headers, body: { errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_QUERY_COST } }] } };
    }
    if (requested > bucket.available) {
      ctx.stats.throttled++;
      return { status: 200, headers, body: { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }], extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } } } };
    }
    bucket.available -= requested;
    const isMutation = doc.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'mutation');
    const result = await graphql({ schema: ctx.schema, source: body.query, rootValue: root, variableValues: variables, typeResolver: (v) => (v as { __typename?: string }).__typename });
    if (result.errors?.some((e) => e.originalError instanceof CursorError)) {
      bucket.available += requested;
      return { status: 200, headers, body: { errors: result.errors.map((e) => ({ message: e.message, path: e.path, extensions: { code: 'BAD_REQUEST' } })) } };
    }
    if (ctx.pendingHold) {
      // The change is made; the answer waits (the `hold-ack` fault), so a client can be killed before it hears back.
      ctx.pendingHold = false;
      await new Promise((r) => setTimeout(r, ctx.faults.holdAfterMutationMs));
    }
    const actual = actualCost(result.data, isMutation);
    bucket.giveBack(Math.max(0, requested - actual));
    return {
      status: 200,
      headers,
      body: { ...(result.errors ? { errors: result.errors.map((e) => ({ message: e.message, path: e.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } })) } : {}), data: result.data, extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() } } },
    };
  };
}
