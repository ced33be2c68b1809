import { mayContainCardNumber } from '../../../../src-shared/security/pan';
import type { PullItem, SyncResource } from '../connector';
import { openLineReader, type BulkReadStats } from './bulk-file';
import { scrubPayload } from './client';
import { mapNodeNow, updatedOf } from './map-node';

type Obj = Record<string, unknown>;

/** One page of a bulk result file to read: `chunk` root records from byte `offset`. */
export interface BulkPageRequest { path: string; offset: number; chunk: number; readBytes?: number; resource: SyncResource; currency: string }

/**
 * A page read: its records mapped, or, for the few that need more from the shop
 * (a product with more variants than the file lists), the node to map on the
 * connector's side; `next` is the byte offset after the page, `atEnd` when the
 * file is read to its end; `maxSeen` the newest updatedAt among its roots.
 */
export interface BulkPage {
  items: (PullItem<SyncResource> | { unmapped: Obj })[];
  roots: number;
  next: number;
  atEnd: boolean;
  maxSeen: string | null;
  stats: BulkReadStats;
}

/** Two requests for the same page have the same key. */
export const pageKey = (r: BulkPageRequest) => JSON.stringify([r.path, r.offset, r.chunk, r.readBytes ?? null, r.resource, r.currency]);

const CONNECTION_FIELD: Record<string, string> = { LineItem: 'lineItems', ProductVariant: 'variants' };
const EMPTY_CONNECTION: Partial<Record<SyncResource, string>> = { orders: 'lineItems', products: 'variants', inventory: 'inventoryLevels' };

/**
 * Reads a page of a bulk operation's JSONL: parses each line, scrubs card-like
 * text, hangs children (`__parentId`) under their parent the way a paged query
 * nests them, and maps the roots. Pure and synchronous: the bulk page worker
 * runs it off the core's thread (bulk-page-reader.ts), and the core runs it
 * itself for small files or when no worker can start.
 */
export function readBulkPage(req: BulkPageRequest): BulkPage {
  const roots: Obj[] = [];
  const byId = new Map<string, Obj>();
  let next = req.offset;
  let atEnd = true;
  const reader = openLineReader(req.path, req.offset, req.readBytes);
  try {
    for (let line = reader.next(); line; line = reader.next()) {
      // Most lines hold nothing card-like: the field-by-field scrub runs only where the raw text might.
      const parsed = JSON.parse(line.text) as Obj;
      const obj = mayContainCardNumber(line.text) ? scrubPayload(parsed) : parsed;
      const parentId = typeof obj.__parentId === 'string' ? obj.__parentId : null;
      if (!parentId) {
        if (roots.length >= req.chunk) {
          next = line.start;
          atEnd = false;
          break;
        }
        roots.push(obj);
      } else {
        // A child whose parent lay on an earlier page is dropped (Shopify writes children right after their parent).
        const parent = byId.get(parentId);
        if (parent) {
          delete obj.__parentId;
          const type = /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(String(obj.id))?.[1] ?? 'Node';
          const field = CONNECTION_FIELD[type] ?? `${type.charAt(0).toLowerCase()}${type.slice(1)}s`;
          const conn = (parent[field] ??= { nodes: [], pageInfo: { hasNextPage: false } }) as { nodes: Obj[] };
          conn.nodes.push(obj);
        }
      }
      if (typeof obj.id === 'string') byId.set(obj.id, obj);
    }
    if (atEnd) next = reader.offset;
  } finally {
    reader.close();
  }
  const items: BulkPage['items'] = [];
  let maxSeen: string | null = null;
  const empty = EMPTY_CONNECTION[req.resource];
  for (const n of roots) {
    if (empty) n[empty] ??= { nodes: [], pageInfo: { hasNextPage: false } };
    items.push(mapNodeNow(req.resource, n, req.currency, true) ?? { unmapped: n });
    const u = updatedOf(n);
    if (u && (!maxSeen || u > maxSeen)) maxSeen = u;
  }
  return { items, roots: roots.length, next, atEnd, maxSeen, stats: reader.stats };
}
