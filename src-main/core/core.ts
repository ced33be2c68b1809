import { basename } from 'node:path';
import type { EventMap, EventName } from '../../src-shared/contract';
import { openStore, type Store } from '../db/open';
import { settleBulkLoad } from './sync/bulk-load';
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
  // A first import killed mid-pass left indexes, search rows or rollups off (sync/bulk-load.ts): put them back before anything reads.
  settleBulkLoad(store.sqlite);
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

  const ctx: CoreContext = {
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
      // The scheduler, the demo store's server and its arrivals stop before the database closes.
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
