import { executeSync, Kind, parse, validate, visit, type DocumentNode, type FieldNode } from 'graphql';
import type { EmuContext } from './context';
import { gid, parseGid, withBulkMode } from './views';

interface BulkOp { n: number; query: string; status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED'; errorCode: string | null; createdAt: string; completedAt: string | null; lines: string[]; roots: number }

/**
 * Bulk operations: `bulkOperationRunQuery` starts one (one at a time per shop), it runs in
 * the background, `bulkOperation(id)` reports on it and the finished JSONL is served by the
 * HTTP front from `file(n)`. `root` is the whole resolver root the chunks execute against.
 */
export function createBulkOperations(ctx: EmuContext, root: () => Record<string, unknown>) {
  const bulkOps = new Map<number, BulkOp>();
  let nextBulk = 1;
  const bulkView = (op: BulkOp) => ({
    id: gid('BulkOperation', op.n), status: op.status, errorCode: op.errorCode, type: 'QUERY', query: op.query,
    objectCount: String(op.lines.length), rootObjectCount: String(op.roots), fileSize: op.status === 'COMPLETED' ? String(op.lines.reduce((a, l) => a + l.length + 1, 0)) : null,
    url: op.status === 'COMPLETED' && op.lines.length ? `${ctx.baseUrl}/_emulator/bulk/${op.n}.jsonl` : null, partialDataUrl: null, createdAt: op.createdAt, completedAt: op.completedAt,
  });

  const resolvers = {
    bulkOperation: ({ id }: { id: string }) => {
      const op = bulkOps.get(parseGid('BulkOperation', id) ?? -1);
      return op ? bulkView(op) : null;
    },
    bulkOperationRunQuery: ({ query }: { query: string }) => {
      if ([...bulkOps.values()].some((o) => o.status === 'RUNNING' || o.status === 'CREATED')) {
        return { bulkOperation: null, userErrors: [{ field: ['query'], message: 'A bulk query operation for this app and shop is already in progress.' }] };
      }
      let doc: DocumentNode;
      try {
        doc = parse(query);
      } catch (err) {
        return { bulkOperation: null, userErrors: [{ field: ['query'], message: (err as Error).message }] };
      }
      const errors = [...(ctx.adminSchema ? validate(ctx.adminSchema, doc) : []), ...validate(ctx.schema, doc)];
      const op = doc.definitions[0];
      const top = op?.kind === Kind.OPERATION_DEFINITION && op.operation === 'query' && op.selectionSet.selections.length === 1 ? op.selectionSet.selections[0] : undefined;
      if (errors.length || !top || top.kind !== Kind.FIELD || !top.selectionSet?.selections.some((x) => x.kind === Kind.FIELD && x.name.value === 'edges')) {
        return { bulkOperation: null, userErrors: [{ field: ['query'], message: errors[0]?.message ?? 'Bulk queries must select exactly one top-level connection with edges { node { … } }.' }] };
      }
      const bulk: BulkOp = { n: nextBulk++, query, status: 'CREATED', errorCode: null, createdAt: ctx.stamp(), completedAt: null, lines: [], roots: 0 };
      bulkOps.set(bulk.n, bulk);
      runBulk(bulk, doc, top);
      return { bulkOperation: bulkView(bulk), userErrors: [] };
    },
  };

  /**
   * Runs a bulk query in chunks of 1,000 root objects (the server stays responsive),
   * writing JSONL: one object per line, nested connection nodes on their own lines
   * after their parent with `__parentId`.
   */
  function runBulk(op: BulkOp, doc: DocumentNode, top: FieldNode): void {
    op.status = 'RUNNING';
    const field = top.alias?.value ?? top.name.value;
    const chunkDoc = (after: string | null): DocumentNode =>
      visit(doc, {
        Field(node) {
          if (node !== top) return undefined;
          const args = node.arguments?.filter((a) => a.name.value !== 'first' && a.name.value !== 'after') ?? [];
          args.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'first' }, value: { kind: Kind.INT, value: '1000' } });
          if (after) args.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'after' }, value: { kind: Kind.STRING, value: after } });
          const pageInfo = parse('{ pageInfo { hasNextPage endCursor } }').definitions[0] as unknown as { selectionSet: { selections: FieldNode[] } };
          return { ...node, arguments: args, selectionSet: { ...node.selectionSet!, selections: [...node.selectionSet!.selections, ...pageInfo.selectionSet.selections.map((x) => ({ ...x, alias: { kind: Kind.NAME, value: '__bulkPageInfo' } }))] } };
        },
      });
    const flatten = (node: Record<string, unknown>, parentId: string | null) => {
      const own: Record<string, unknown> = {};
      const children: Record<string, unknown>[] = [];
      for (const [k, v] of Object.entries(node)) {
        if (v && typeof v === 'object' && !Array.isArray(v) && Array.isArray((v as { edges?: unknown }).edges)) {
          for (const e of (v as { edges: { node: Record<string, unknown> }[] }).edges) children.push(e.node);
        } else own[k] = v;
      }
      if (parentId) own.__parentId = parentId;
      op.lines.push(JSON.stringify(own));
      for (const c of children) flatten(c, typeof node.id === 'string' ? node.id : null);
    };
    let after: string | null = null;
    const step = () => {
      try {
        const result = withBulkMode(() => executeSync({ schema: ctx.schema, document: chunkDoc(after), rootValue: root(), typeResolver: (v) => (v as { __typename?: string }).__typename }));
        if (result.errors?.length) throw new Error(result.errors[0]!.message);
        const conn = (result.data as Record<string, { edges: { node: Record<string, unknown> }[]; __bulkPageInfo: { hasNextPage: boolean; endCursor: string | null } }>)[field]!;
        for (const e of conn.edges) {
          flatten(e.node, null);
          op.roots++;
        }
        if (conn.__bulkPageInfo.hasNextPage && conn.__bulkPageInfo.endCursor) {
          after = conn.__bulkPageInfo.endCursor;
          setImmediate(step);
          return;
        }
        op.status = 'COMPLETED';
      } catch {
        op.status = 'FAILED';
        op.errorCode = 'INTERNAL_SERVER_ERROR';
      }
      op.completedAt = ctx.stamp();
    };
    setImmediate(step);
  }

  /** The JSONL of a completed operation, or null (unknown or not finished). */
  const file = (n: number): string | null => {
    const op = bulkOps.get(n);
    return op && op.status === 'COMPLETED' ? op.lines.join('\n') + '\n' : null;
  };
  return { resolvers, file };
}
