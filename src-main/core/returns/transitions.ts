import { OmsError } from '../../../src-shared/contract/errors';
import { can } from '../../../src-shared/contract/roles';
import type { ReturnStatus } from '../../../src-shared/returns/types';
import type { Caller, CoreContext } from '../context';
import { requireStatus, type StepRecorder } from './steps';

interface Row {
  id: number;
  number: string;
  order_id: number;
  status: ReturnStatus;
  needs_approval: number;
}

/** The simple steps of an RMA: approve, in transit, receive (by scan), reject. Each one transaction, audited. */
export function createReturnTransitions(ctx: CoreContext, step: StepRecorder) {
  const { sqlite } = ctx;
  const load = sqlite.prepare<[number], Row>('SELECT id, number, order_id, status, needs_approval FROM returns WHERE id = ?');
  const get = (id: number): Row => {
    const r = load.get(id);
    if (!r) throw new OmsError('NOT_FOUND', `Return ${id} does not exist.`, { field: 'id' });
    return r;
  };

  return {
    approve(id: number, caller: Caller): void {
      const at = ctx.clock.now().toISOString();
      sqlite
        .transaction(() => {
          const r = get(id);
          requireStatus(r.number, r.status, ['requested'], 'approved');
          if (r.needs_approval === 1 && !can(caller.role, 'returns.override')) {
            throw new OmsError('FORBIDDEN', `${r.number} is above the amount back office may approve; a manager or owner must approve it.`);
          }
          sqlite.prepare("UPDATE returns SET status = 'approved', approved_by = ?, approved_at = ?, updated_at = ? WHERE id = ?").run(caller.userId, at, at, id);
          step({ returnId: id, number: r.number, orderId: r.order_id, userId: caller.userId, at, action: 'returns.approved', summary: 'Return approved; the customer can send the items back with the return slip.' });
        })
        .immediate();
    },

    markInTransit(id: number, trackingNumber: string | undefined, caller: Caller): void {
      const at = ctx.clock.now().toISOString();
      sqlite
        .transaction(() => {
          const r = get(id);
          requireStatus(r.number, r.status, ['approved'], 'marked in transit');
          sqlite.prepare("UPDATE returns SET status = 'in_transit', in_transit_at = ?, tracking_number = coalesce(?, tracking_number), updated_at = ? WHERE id = ?").run(at, trackingNumber ?? null, at, id);
          step({ returnId: id, number: r.number, orderId: r.order_id, userId: caller.userId, at, action: 'returns.in_transit', summary: `Parcel on its way back${trackingNumber ? ` (tracking ${trackingNumber})` : ''}.` });
        })
        .immediate();
    },

    receive(id: number, caller: Caller): void {
      const at = ctx.clock.now().toISOString();
      sqlite
        .transaction(() => {
          const r = get(id);
          requireStatus(r.number, r.status, ['approved', 'in_transit'], 'received');
          sqlite.prepare("UPDATE returns SET status = 'received', received_at = ?, updated_at = ? WHERE id = ?").run(at, at, id);
          step({ returnId: id, number: r.number, orderId: r.order_id, userId: caller.userId, at, action: 'returns.received', summary: 'Parcel received; waiting for inspection.' });
        })
        .immediate();
    },

    reject(id: number, reason: string, caller: Caller): void {
      const at = ctx.clock.now().toISOString();
      sqlite
        .transaction(() => {
          const r = get(id);
          requireStatus(r.number, r.status, ['requested', 'approved', 'in_transit', 'received'], 'rejected');
          if (r.status === 'received') {
            const restocked = sqlite.prepare("SELECT count(*) AS n FROM return_lines WHERE return_id = ? AND outcome IS NOT NULL").get(id) as { n: number };
            if (restocked.n > 0) throw new OmsError('CONFLICT', `${r.number} has inspected lines; resolve it instead.`);
          }
          sqlite.prepare("UPDATE returns SET status = 'rejected', rejected_at = ?, reject_reason = ?, updated_at = ? WHERE id = ?").run(at, reason, at, id);
          step({ returnId: id, number: r.number, orderId: r.order_id, userId: caller.userId, at, action: 'returns.rejected', summary: `Return rejected: ${reason}` });
        })
        .immediate();
    },
  };
}
export type ReturnTransitions = ReturnType<typeof createReturnTransitions>;
