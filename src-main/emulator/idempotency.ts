import { getDirectiveValues, type GraphQLResolveInfo } from 'graphql';
import { maybeDropAnswer, type EmuContext } from './context';

/**
 * Mutations whose 2026-04 description documents `@idempotent` (of those the
 * emulator answers). The directive's own description: "Only supported on
 * mutations that explicitly document idempotency support in their description."
 * On any other mutation the emulator ignores the key — a call sent twice runs
 * twice — so a client that leans on it where the platform gives no such promise
 * is caught by the exactly-once tests. (tests/unit/emulator-idempotency.test.ts
 * checks this list against the schema's descriptions.)
 */
export const IDEMPOTENT_MUTATIONS: ReadonlySet<string> = new Set(['inventoryAdjustQuantities', 'refundCreate']);

/**
 * The `@idempotent(key:)` directive: a mutation called again with a key it has seen
 * answers the first call's result and has no second effect.
 */
export function createIdempotency(ctx: EmuContext) {
  const directive = ctx.schema.getDirective('idempotent');
  const results = new Map<string, unknown>();

  const keyOf = (info: GraphQLResolveInfo): string | null => {
    if (!directive || !IDEMPOTENT_MUTATIONS.has(info.fieldName)) return null;
    const node = info.fieldNodes[0];
    if (!node) return null;
    const v = getDirectiveValues(directive, node, info.variableValues);
    return v && typeof v.key === 'string' ? `${info.fieldName}:${v.key}` : null;
  };
  /** Same key → the first call's result and no second effect. */
  const once = <T>(info: GraphQLResolveInfo, effect: () => T): T => {
    const key = keyOf(info);
    if (key && results.has(key)) {
      ctx.effects.replays++;
      return results.get(key) as T;
    }
    const result = effect();
    if (key) results.set(key, result);
    maybeDropAnswer(ctx);
    return result;
  };
  return { keyOf, once };
}
export type Idempotency = ReturnType<typeof createIdempotency>;
