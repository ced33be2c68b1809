import type { Sqlite } from '../../db/open';
import type { CountsOff } from './bulk-load';

/**
 * The counts the INSERT triggers on orders keep (queue_counts,
 * exception_counts, order_number_hours), kept by the writer instead while a
 * first import has those triggers off (bulk-load.ts COUNT_TRIGGERS): the
 * page's new orders are noted as they are inserted and applied at the end of
 * the page, one statement per queue, reason and hour, in the page's
 * transaction — the same arithmetic as the triggers, so the counts are right
 * after every committed page, and a page that rolls back takes its counts with it.
 */
interface NewOrder { queue: string; exceptionReason: string | null; createdAt: string; number: number }

export function createPageCounts(sqlite: Sqlite) {
  // As orders_count_insert: an UPDATE (a queue without a row is not counted).
  const bumpQueue = sqlite.prepare('UPDATE queue_counts SET count = count + ? WHERE queue = ?');
  // As orders_exception_count_insert.
  const bumpReason = sqlite.prepare('INSERT INTO exception_counts(reason, count) VALUES (?, ?) ON CONFLICT(reason) DO UPDATE SET count = count + excluded.count');
  // As orders_number_hours_insert: bounds only widen.
  const widenHour = sqlite.prepare(
    'INSERT INTO order_number_hours(hour, min_number, max_number) VALUES (?, ?, ?) ON CONFLICT(hour) DO UPDATE SET min_number = min(min_number, excluded.min_number), max_number = max(max_number, excluded.max_number)',
  );
  const pending: NewOrder[] = [];

  return {
    /** An order just inserted (not an update: those fire the UPDATE triggers, which stay on). */
    inserted(o: NewOrder): void {
      pending.push(o);
    },
    /** How many are noted; `dropAfter(n)` forgets those noted after that point (a record whose savepoint rolled back). */
    mark: (): number => pending.length,
    dropAfter(n: number): void {
      pending.length = Math.min(pending.length, n);
    },
    /** Applies what was noted, for the counts whose trigger is off, and forgets it. */
    flush(off: CountsOff): void {
      if (pending.length && (off.queue || off.exception || off.hours)) {
        const queues = new Map<string, number>();
        const reasons = new Map<string, number>();
        const hours = new Map<string, [number, number]>();
        for (const o of pending) {
          queues.set(o.queue, (queues.get(o.queue) ?? 0) + 1);
          if (o.queue === 'exceptions') {
            const reason = o.exceptionReason ?? 'unknown';
            reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
          }
          // substr(created_at, 1, 13): the ISO date and hour.
          const hour = o.createdAt.slice(0, 13);
          const h = hours.get(hour);
          if (!h) hours.set(hour, [o.number, o.number]);
          else {
            if (o.number < h[0]) h[0] = o.number;
            if (o.number > h[1]) h[1] = o.number;
          }
        }
        if (off.queue) for (const [queue, n] of queues) bumpQueue.run(n, queue);
        if (off.exception) for (const [reason, n] of reasons) bumpReason.run(reason, n);
        if (off.hours) for (const [hour, [min, max]] of hours) widenHour.run(hour, min, max);
      }
      pending.length = 0;
    },
    reset(): void {
      pending.length = 0;
    },
  };
}
export type PageCounts = ReturnType<typeof createPageCounts>;
