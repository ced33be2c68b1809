import { getDirectiveValues, type GraphQLResolveInfo } from 'graphql';
import { maybeDropAnswer, type EmuContext } from './context';

/**
 * The `@idempotent(key:)` directive: a mutation called again with a key it has seen
 * answers the first call's result and has no second effect.
 */
export function createIdempotency(ctx: EmuContext) {
  const directive = ctx.schema.getDirective('idempotent');
  const results = new Map<string, unknown>();

  const keyOf = (info: GraphQLResolveInfo): string | null => {
    if (!directive) return null;
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
