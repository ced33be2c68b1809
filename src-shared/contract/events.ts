import type { ExceptionCounts, QueueCounts } from './methods';

/** Pushes from the core to every window. */
export interface EventMap {
  /**
   * exceptionCounts: when the sender has them at hand; otherwise windows ask orders.exceptionCounts.
   * orderIds: the orders that changed, including those allocation moved in or out of Exceptions;
   * absent when unknown or more than 500 (src-main/core/orders/changed-ids.ts): any may have changed.
   */
  'orders.changed': { counts: QueueCounts; exceptionCounts?: ExceptionCounts; orderIds?: number[] };
  'session.ended': { reason: 'logout' | 'idle' | 'revoked' };
  /** Long work in the core (demo generation, imports, scans): for progress bars. */
  'job.progress': { job: string; phase: string; done: number; total: number };
  /** Sent by the Electron main process (not the core) when it had to restart the core after a crash. */
  'core.restarted': { message: string };
  /** Sync with the shop platform: one per page pulled, outbox pass and end of run. */
  'sync.progress': { platform: string; resource: string; phase: 'start' | 'push' | 'pull' | 'done' | 'failed'; records: number; pages: number; quarantined: number; message?: string; total?: number | null };
  /** A return was created or moved a step (ids of the returns). */
  'returns.changed': { ids: number[] };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['orders.changed', 'session.ended', 'job.progress', 'core.restarted', 'sync.progress', 'returns.changed'];
