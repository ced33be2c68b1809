import { executeSync, Kind, parse, validate, visit, type DocumentNode, type FieldNode } from 'graphql';
import type { EmuContext } from './context';
import { createBulkResults } from './bulk-results';
import { gid, parseGid, withBulkMode } from './views';

interface BulkOp { n: number; query: string; status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'EXPIRED'; errorCode: string | null; createdAt: string; completedAt: string | null; objects: number; bytes: number; roots: number }

/**
 * Bulk operations: `bulkOperationRunQuery` starts one (one at a time per shop), it runs in
 * the background, `bulkOperation(id)` reports on it and the finished JSONL is served by the
 * HTTP front from `file(n)`. `root` is the whole resolver root the chunks execute against.
 *
 * Results are written to files as they are made (bulk-results.ts), under `dir` (default the
 * OS temp dir), never held in memory. An operation's result is kept until a later operation
 * of the same query completes: the earlier one then turns EXPIRED (as the platform's do after
 * a week) and its file is removed, so files stay one per query however long the emulator runs.
 * A client still holding the old operation's id reads EXPIRED and starts over.
 */
export function createBulkOperations(ctx: EmuContext, root: () => Record<string, unknown>, opts: { dir?: string } = {}) {
  const bulkOps = new Map<number, BulkOp>();
  const results = createBulkResults(opts.dir);
  let nextBulk = 1;
  // Bumped by close(): a step of an operation started before it stops.
  let generation = 0;
  const bulkView = (op: BulkOp) => ({
    id: gid('BulkOperation', op.n), status: op.status, errorCode: op.errorCode, type: 'QUERY', query: op.query,
    objectCount: String(op.objects), rootObjectCount: String(op.roots), fileSize: op.status === 'COMPLETED' ? String(op.bytes) : null,
    url: op.status === 'COMPLETED' && op.objects ? `${ctx.baseUrl}/_emulator/bulk/${op.n}.jsonl` : null, partialDataUrl: null, createdAt: op.createdAt, completedAt: op.completedAt,
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
      const bulk: BulkOp = { n: nextBulk++, query, status: 'CREATED', errorCode: null, createdAt: ctx.stamp(), completedAt: null, objects: 0, bytes: 0, roots: 0 };
      bulkOps.set(bulk.n, bulk);
      runBulk(bulk, doc, top);
      return { bulkOperation: bulkView(bulk), userErrors: [] };
    },
  };

  /**
   * Runs a bulk query in chunks of 1,000 root objects (the server stays responsive),
   * writing JSONL: one object per line, nested connection nodes on their own lines
   * after their parent with `__parentId`. Each chunk's lines are appended to the
   * operation's file; memory holds one chunk.
   */
  function runBulk(op: BulkOp, doc: DocumentNode, top: FieldNode): void {
    op.status = 'RUNNING';
    const gen = generation;
    let out: ReturnType<typeof results.create> | null = null;
    let lines: string[] = [];
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
      lines.push(JSON.stringify(own));
      for (const c of children) flatten(c, typeof node.id === 'string' ? node.id : null);
    };
    let after: string | null = null;
    const step = () => {
      // Closed while running: the folder is gone (close() marked the operation failed).
      if (gen !== generation) {
        out?.finish();
        return;
      }
      try {
        out ??= results.create(op.n);
        const result = withBulkMode(() => executeSync({ schema: ctx.schema, document: chunkDoc(after), rootValue: root(), typeResolver: (v) => (v as { __typename?: string }).__typename }));
        if (result.errors?.length) throw new Error(result.errors[0]!.message);
        const conn = (result.data as Record<string, { edges: { node: Record<string, unknown> }[]; __bulkPageInfo: { hasNextPage: boolean; endCursor: string | null } }>)[field]!;
        for (const e of conn.edges) {
          flatten(e.node, null);
          op.roots++;
        }
        // The same bytes as the whole result joined at the end: every line followed by a newline.
        if (lines.length) out.append(lines.join('\n') + '\n');
        op.objects += lines.length;
        op.bytes = out.bytes;
        lines = [];
        if (conn.__bulkPageInfo.hasNextPage && conn.__bulkPageInfo.endCursor) {
          after = conn.__bulkPageInfo.endCursor;
          setImmediate(step);
          return;
        }
        out.finish();
        op.status = 'COMPLETED';
        // An empty result has no file to download (url null).
        if (!op.objects) results.remove(op.n);
        supersede(op);
      } catch {
        // A failed query, or a disk that refused the file (full): the partial file goes.
        out?.finish();
        results.remove(op.n);
        op.status = 'FAILED';
        op.errorCode = 'INTERNAL_SERVER_ERROR';
      }
      op.completedAt = ctx.stamp();
    };
    setImmediate(step);
  }

  /** Earlier completed operations of the same query expire and their files go: one result kept per query. */
  function supersede(latest: BulkOp): void {
    for (const op of bulkOps.values()) {
      if (op.n >= latest.n || op.query !== latest.query || op.status !== 'COMPLETED') continue;
      op.status = 'EXPIRED';
      results.remove(op.n);
    }
  }

  /**
   * The JSONL file of a completed operation opened for reading (the caller closes the
   * descriptor), or null: unknown, not finished, expired or empty.
   */
  const file = (n: number): { fd: number; size: number } | null => {
    const op = bulkOps.get(n);
    return op && op.status === 'COMPLETED' && op.objects ? results.open(n) : null;
  };
  /**
   * Removes every result file and the emulator's folder (the server stops): finished
   * operations turn EXPIRED, running ones FAILED, as their files are gone.
   */
  const close = () => {
    generation++;
    for (const op of bulkOps.values()) {
      if (op.status === 'COMPLETED') op.status = 'EXPIRED';
      else if (op.status === 'RUNNING' || op.status === 'CREATED') {
        op.status = 'FAILED';
        op.errorCode = 'INTERNAL_SERVER_ERROR';
        op.completedAt = ctx.stamp();
      }
    }
    results.close();
  };
  return {
    resolvers,
    file,
    close,
    /** The folder the result files are in (null before the first operation), for tests. */
    get dir() {
      return results.dir;
    },
  };
}
