import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type GraphQLType,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * Query cost the way the platform counts it: an object costs 1, a scalar or
 * enum 0, a connection 2 plus `first` times the cost of one node, a mutation
 * 10. The requested cost is known before running; the actual cost is counted
 * on the result (fewer nodes than `first` cost less).
 */
export const MUTATION_COST = 10;
export const MAX_QUERY_COST = 1000;

function intArg(args: readonly { name: { value: string }; value: ValueNode }[] | undefined, name: string, variables: Record<string, unknown>): number | null {
  const a = args?.find((x) => x.name.value === name);
  if (!a) return null;
  if (a.value.kind === Kind.INT) return Number(a.value.value);
  if (a.value.kind === Kind.VARIABLE) {
    const v = variables[a.value.name.value];
    return typeof v === 'number' ? v : null;
  }
  return null;
}

const unwrapList = (t: GraphQLType): boolean => {
  const inner = isNonNullType(t) ? t.ofType : t;
  return isListType(inner);
};

export function requestedCost(schema: GraphQLSchema, doc: DocumentNode, variables: Record<string, unknown>): number {
  let total = 0;
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    if (def.operation === 'mutation') {
      total += MUTATION_COST;
      continue;
    }
    const root = schema.getQueryType();
    if (root) total += selectionCost(schema, root, def.selectionSet, variables, doc);
  }
  return total;
}

function selectionCost(schema: GraphQLSchema, parent: GraphQLCompositeType, set: SelectionSetNode, variables: Record<string, unknown>, doc: DocumentNode): number {
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      const t = sel.typeCondition ? (schema.getType(sel.typeCondition.name.value) as GraphQLCompositeType) : parent;
      cost += selectionCost(schema, t, sel.selectionSet, variables, doc);
      continue;
    }
    if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const frag = doc.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === sel.name.value);
      if (frag && frag.kind === Kind.FRAGMENT_DEFINITION) cost += selectionCost(schema, schema.getType(frag.typeCondition.name.value) as GraphQLCompositeType, frag.selectionSet, variables, doc);
      continue;
    }
    if (!('getFields' in parent)) continue;
    const field = parent.getFields()[sel.name.value];
    if (!field || !sel.selectionSet) continue;
    const named = getNamedType(field.type);
    if (!isCompositeType(named)) continue;
    const first = intArg(sel.arguments, 'first', variables) ?? intArg(sel.arguments, 'last', variables);
    if (named.name.endsWith('Connection')) {
      const nodeType = 'getFields' in named ? (named.getFields().nodes ? getNamedType(named.getFields().nodes!.type) : null) : null;
      const nodesSel = sel.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === 'nodes');
      const each = nodeType && nodesSel && nodesSel.kind === Kind.FIELD && nodesSel.selectionSet && isCompositeType(nodeType)
        ? 1 + selectionCost(schema, nodeType, nodesSel.selectionSet, variables, doc)
        : 1;
      cost += 2 + (first ?? 1) * each;
    } else if (unwrapList(field.type)) {
      cost += (first ?? 1) * (1 + selectionCost(schema, named, sel.selectionSet, variables, doc));
    } else {
      cost += 1 + selectionCost(schema, named, sel.selectionSet, variables, doc);
    }
  }
  return cost;
}

/** Counts what was actually returned: each object 1, each connection 2. */
export function actualCost(data: unknown, isMutation: boolean): number {
  if (isMutation) return MUTATION_COST;
  let cost = 0;
  const walk = (v: unknown, key: string) => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
      return;
    }
    if (v && typeof v === 'object') {
      cost += 'pageInfo' in (v as object) ? 2 : 1;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, k);
    }
  };
  if (data && typeof data === 'object') for (const [k, x] of Object.entries(data as Record<string, unknown>)) walk(x, k);
  return cost;
}
