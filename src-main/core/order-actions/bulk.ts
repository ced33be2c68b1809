import { OmsError, type BulkItemResult, type BulkResult, type ParsedInputOf } from '../../../src-shared/contract';
import type { Caller, CoreContext } from '../context';
import type { OrderAction, OrderWriter } from './order-writer';

/** Orders per transaction: big enough to be fast, small enough that other calls and progress events get through between chunks. */
export const BULK_CHUNK = 500;

const nameOf = (sqliteRow: { name: string } | undefined) => sqliteRow?.name ?? null;

/**
 * orders.bulk: the same single-order actions, run per order inside a savepoint
 * so one refused order (cancelled, not found, has an exception…) never stops
 * or undoes the rest. Chunks commit as they go; after each a job.progress event
 * goes to the caller's session for the progress bar.
 */
export function createBulk(ctx: CoreContext, writer: OrderWriter, actionFor: (input: ParsedInputOf<'orders.bulk'>) => OrderAction) {
  const names = ctx.sqlite.prepare<[number], { name: string }>('SELECT name FROM orders WHERE id = ?');

  return async function bulk(input: ParsedInputOf<'orders.bulk'>, caller: Caller): Promise<BulkResult> {
    const jobId = input.jobId ?? `bulk-${input.action}-${ctx.clock.now().getTime()}`;
    const ids = [...new Set(input.orderIds)];
    const action = actionFor(input);
    const results: BulkItemResult[] = [];
    const changedIds: number[] = [];
    const progress = (done: number) =>
      ctx.emit('job.progress', { job: jobId, phase: `bulk.${input.action}`, done, total: ids.length }, { kind: 'session', tokenHash: caller.tokenHash });

    progress(0);
    for (let start = 0; start < ids.length; start += BULK_CHUNK) {
      const chunk = ids.slice(start, start + BULK_CHUNK);
      ctx.sqlite.transaction(() => {
        for (const orderId of chunk) {
          try {
            const r = writer.apply(orderId, caller, undefined, action);
            results.push({ orderId, ok: true, changed: r.changed, name: nameOf(names.get(orderId)) });
            if (r.changed) changedIds.push(orderId);
          } catch (err) {
            const e = err instanceof OmsError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: 'Unexpected error; this order was left unchanged.' };
            results.push({ orderId, ok: false, changed: false, name: nameOf(names.get(orderId)), error: e });
          }
        }
      })();
      progress(Math.min(ids.length, start + chunk.length));
      // Let progress events and other callers through between chunks.
      if (start + BULK_CHUNK < ids.length) await new Promise<void>((resolve) => setImmediate(resolve));
    }

    const failed = results.filter((r) => !r.ok).length;
    ctx.audit.record({
      at: ctx.clock.now().toISOString(),
      userId: caller.userId,
      action: 'orders.bulk',
      entityType: 'order',
      entityId: null,
      detail: { job: jobId, action: input.action, total: ids.length, changed: changedIds.length, failed, ...(input.tags ? { tags: input.tags } : {}), ...(input.reason ? { reason: input.reason } : {}) },
    });
    if (changedIds.length) writer.changed(changedIds);
    return { jobId, action: input.action, total: ids.length, changed: changedIds.length, unchanged: results.length - changedIds.length - failed, failed, results };
  };
}
