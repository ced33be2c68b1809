import { OmsError } from '../../../src-shared/contract';
import { describeException, refuseIfClosed, type OrderAction } from './order-writer';

/** Ready to pack: the back office says "this one can go to the packers". */
export const markReadyToPack =
  (ready: boolean): OrderAction =>
  (row, w) => {
    if ((row.ready_to_pack === 1) === ready) return false;
    if (ready) {
      refuseIfClosed(row, 'send it to packing');
      if (row.on_hold === 1) throw new OmsError('CONFLICT', `Order ${row.name} is on hold (${row.hold_reason ?? 'no reason'}); release it first.`);
      if (row.exception_reason) throw new OmsError('CONFLICT', `Order ${row.name} has an exception (${describeException(row.exception_reason)}); resolve it first.`);
    }
    w.set({ readyToPack: ready });
    w.event('ready_to_pack', ready ? 'Marked ready to pack' : 'Taken back from packing');
    w.audit('order.ready_to_pack', { ready });
    return true;
  };
