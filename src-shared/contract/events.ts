import type { QueueCounts } from './methods';

/** Pushes from the core to every window. */
export interface EventMap {
  'orders.changed': { counts: QueueCounts; orderIds?: number[] };
  'session.ended': { reason: 'logout' | 'idle' | 'revoked' };
  /** Long work in the core (demo generation, imports, scans): for progress bars. */
  'job.progress': { job: string; phase: string; done: number; total: number };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['orders.changed', 'session.ended', 'job.progress'];
