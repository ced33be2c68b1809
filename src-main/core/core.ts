import { basename } from 'node:path';
import type { EventMap, EventName } from '../../src-shared/contract';
import { openStore, type Store } from '../db/open';
import { bulkLoadUnsettled, settleBulkLoad, settleBulkLoadInSteps } from './sync/bulk-load';
import type { CoreApi, EventAudience, EventListener } from './api';
import { createAuditLog } from './audit/audit-log';
import { createAuth } from './auth/auth';
import { systemClock, type Clock } from './clock';
import type { CoreContext } from './context';
import { createLogger } from './log';
import { createGetOrder } from './orders/get-order';
import { createOrderQueries } from './orders/list-orders';
import { createDispatcher } from './rpc/dispatch';
import { createHandlers } from './rpc/handlers';
import { closeSync } from './sync/runtime';
import { keyFileSecrets, type SecretStore } from './sync/secret-store';
import { createUsers } from './users/users';
import { APP_VERSION } from './version';
import { ensureWorkspaceDirs, readMeta, workspacePaths, writeMeta, type WorkspaceMeta } from './workspace/workspace';

export interface CoreOptions {
  workspaceDir: string;
  clock?: Clock;
  /** Used when the folder is not a workspace yet: it becomes an empty one of this kind. */
  newWorkspace?: Partial<WorkspaceMeta>;
  /** How the shop's access token is sealed: the Electron host passes the OS keychain; default the key file. */
  secrets?: SecretStore;
}

export interface Core extends CoreApi {
  /** In-process access for the CLI's admin commands and tests; hosts use `call`. */
  readonly ctx: CoreContext;
  readonly store: Store;
}

/**
 * Opens a workspace and returns the core: every business rule behind one
 * `call`. Throws StoreOpenError (too new, locked, corrupt) for the host to show.
 */
export function createCore(opts: CoreOptions): Core {
  const paths = workspacePaths(opts.workspaceDir);
  ensureWorkspaceDirs(paths);
  let meta = readMeta(paths);
  if (!meta) {
    meta = {
      name: opts.newWorkspace?.name ?? basename(paths.dir),
      kind: opts.newWorkspace?.kind ?? 'real',
      currency: opts.newWorkspace?.currency ?? 'USD',
      createdAt: new Date().toISOString(),
    };
  }
  const store = openStore(paths.db);
  // A first import killed or closed before its closing work ended left indexes, search rows or
  // rollups off (sync/bulk-load.ts). That work takes minutes at a million orders: it goes on in
  // pieces once the core is up (reads work meanwhile, some slower; search and the return figures
  // fill in as it goes), and a sync run waits for it. Anything else left off is put back now.
  const unsettled = bulkLoadUnsettled(store.sqlite);
  if (!unsettled) settleBulkLoad(store.sqlite);
  if (!readMeta(paths)) writeMeta(paths, meta);

  const log = createLogger(paths.logs);
  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(event: E, payload: EventMap[E], audience: EventAudience = { kind: 'all' }) => {
    for (const l of listeners) {
      try {
        l(event, payload, audience);
      } catch (err) {
        log.warn(`event listener failed for ${event}`, err);
      }
    }
  };

  const closing = new AbortController();
  const ctx: CoreContext = {
    closingWork: unsettled ? finishClosingWork(store.sqlite, closing.signal, log) : null,
    sqlite: store.sqlite,
    db: store.db,
    audit: createAuditLog(store.sqlite),
    clock: opts.clock ?? systemClock,
    meta,
    paths,
    version: APP_VERSION,
    emit,
    secrets: opts.secrets ?? keyFileSecrets,
  };
  const users = createUsers(ctx);
  const auth = createAuth(ctx, users);
  const orders = createOrderQueries(store.sqlite);
  const handlers = createHandlers(ctx, { auth, users, orders, getOrder: createGetOrder(store.sqlite) });
  const dispatch = createDispatcher({ handlers, authenticate: auth.authenticate, log });
  log.info('core started', { workspace: paths.dir, version: APP_VERSION });

  return {
    ctx,
    store,
    call: dispatch,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      // The closing work stops between pieces (the next open goes on from there); the scheduler, the demo store's server and its arrivals stop before the database closes.
      closing.abort(new Error('Orderhouse is closing'));
      const syncStopped = closeSync(ctx);
      listeners.clear();
      try {
        store.sqlite.pragma('optimize');
      } catch {
        // closing anyway
      }
      store.close();
      return syncStopped;
    },
  };
}

/**
 * The rest of a first import's closing work, a piece per transaction, started
 * once the core is up (the caller's own start-up reads come first); never
 * rejects: a failure is left for the next open, and a sync run settles what is
 * still off before its first page anyway.
 */
async function finishClosingWork(sqlite: Store['sqlite'], signal: AbortSignal, log: ReturnType<typeof createLogger>): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  const t0 = performance.now();
  try {
    const done = await settleBulkLoadInSteps(sqlite, () => {}, { signal });
    log.info('first import closing work finished after open', { ...done, ms: Math.round(performance.now() - t0) });
  } catch (err) {
    // Closed meanwhile, or a piece failed: the marks stay, and the next open or sync run goes on from them.
    if (!signal.aborted) log.warn('first import closing work stopped; the next open or sync run goes on with it', err);
  }
}
