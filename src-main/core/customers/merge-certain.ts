import { OmsError, type MergeCertainResult } from '../../../src-shared/contract';
import type { CoreContext } from '../context';
import type { DuplicateQueue } from './duplicate-queue';
import type { createMerges } from './merge';

/**
 * "Merge all certain": after a person has confirmed the count (and seen a
 * sample), every open pair at the "certain" threshold is merged. Pairs that
 * share a record form a cluster and end up in one survivor: the record with
 * the most orders (then the oldest). Each merge is the ordinary one — its own
 * transaction, its own audit entry, its own undo — so a wrong one can be
 * undone alone; one more audit entry records the bulk run. Progress goes out
 * as job.progress events, with a tick between slices so the core keeps
 * answering other calls.
 */
const SLICE = 25;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));


export function createMergeCertain(ctx: CoreContext, merges: ReturnType<typeof createMerges>, queue: DuplicateQueue) {
  const { sqlite } = ctx;
  const live = "status = 'open' AND band = 'certain' AND a_id IN (SELECT id FROM customers WHERE merged_into_id IS NULL) AND b_id IN (SELECT id FROM customers WHERE merged_into_id IS NULL)";
  const pairs = sqlite.prepare(`SELECT a_id AS a, b_id AS b FROM customer_duplicate_pairs WHERE ${live} ORDER BY probability DESC, a_id, b_id`);
  const mergedInto = sqlite.prepare('SELECT merged_into_id FROM customers WHERE id = ?').pluck();
  const orderCount = sqlite.prepare('SELECT count(*) FROM orders WHERE customer_id = ?').pluck();
  const nameOf = sqlite.prepare("SELECT coalesce(nullif(trim(coalesce(first_name,'') || ' ' || coalesce(last_name,'')), ''), email, '#' || id) FROM customers WHERE id = ?").pluck();
  let running = false;

  /** Where a record lives now: itself, or the record it was merged into (followed to the end). */
  const root = (id: number): number => {
    let cur = id;
    for (let hops = 0; hops < 100; hops++) {
      const next = mergedInto.get(cur) as number | null;
      if (next == null) return cur;
      cur = next;
    }
    return cur;
  };

  return async function mergeAllCertain(input: { expected: number }, userId: number): Promise<MergeCertainResult> {
    if (running) throw new OmsError('CONFLICT', 'A bulk merge is already running.');
    const todo = pairs.all() as { a: number; b: number }[];
    // The person confirmed a number; if the queue changed since (a scan, another person), they must look again.
    if (todo.length !== input.expected)
      throw new OmsError('CONFLICT', `The queue changed: there are now ${todo.length} certain pairs, not ${input.expected}. Look at the new count and confirm again.`, { field: 'expected' });
    running = true;
    try {
      const progress = (done: number) => ctx.emit('job.progress', { job: 'duplicates.mergeCertain', phase: 'merge', done, total: todo.length });
      const out: MergeCertainResult = { merged: 0, skipped: 0, merges: [] };
      const touched = new Set<number>();
      progress(0);
      for (let i = 0; i < todo.length; i++) {
        const ra = root(todo[i]!.a);
        const rb = root(todo[i]!.b);
        if (ra === rb) out.skipped++;
        else {
          const na = orderCount.get(ra) as number;
          const nb = orderCount.get(rb) as number;
          const [survivorId, mergedId] = na > nb || (na === nb && ra < rb) ? [ra, rb] : [rb, ra];
          const { mergeId } = merges.merge({ survivorId, mergedId, choices: {} }, userId);
          out.merges.push({ mergeId, survivorId, mergedId, survivorName: nameOf.get(survivorId) as string, mergedName: nameOf.get(mergedId) as string });
          out.merged++;
          touched.add(survivorId).add(mergedId);
        }
        if ((i + 1) % SLICE === 0) {
          progress(i + 1);
          await tick();
        }
      }
      progress(todo.length);
      ctx.audit.record({ at: ctx.clock.now().toISOString(), userId, action: 'duplicates.mergeCertain', entityType: 'customer', detail: { pairs: todo.length, merged: out.merged, skipped: out.skipped, mergeIds: out.merges.map((m) => m.mergeId) } });
      queue.recheck([...touched]);
      return out;
    } finally {
      running = false;
    }
  };
}
