import type { Drizzle, Sqlite } from '../db/open';
import type { EventMap, EventName, Role } from '../../src-shared/contract';
import type { AuditLog } from './audit/audit-log';
import type { Clock } from './clock';
import type { WorkspaceMeta, WorkspacePaths } from './workspace/workspace';
import type { EventAudience } from './api';
import type { SecretStore } from './sync/secret-store';

/** What every service gets: the store, the audit log, the clock, the workspace. */
export interface CoreContext {
  /**
   * A first import's closing work still going on in pieces since the workspace
   * was opened (core.ts), or null: a sync run and the return figures wait for it.
   */
  closingWork?: Promise<void> | null;
  sqlite: Sqlite;
  db: Drizzle;
  audit: AuditLog;
  clock: Clock;
  /** Mutable only by the first-run demo switch; everything else reads it. */
  meta: WorkspaceMeta;
  paths: WorkspacePaths;
  version: string;
  emit<E extends EventName>(event: E, payload: EventMap[E], audience?: EventAudience): void;
  /** Where the shop's access token is sealed (the host decides; default: the workspace key file). */
  secrets?: SecretStore;
}

/** The caller of one contract method, after the session check. */
export interface Caller {
  userId: number;
  username: string;
  role: Role;
  tokenHash: string;
  client: string;
}
