import { OmsError } from '../../../src-shared/contract';
import { refuseIfClosed, type OrderAction } from './order-writer';

/** Hold: the order leaves the work queues until a person releases it. */
export const holdOrder =
  (reason: string): OrderAction =>
  (row, w) => {
    refuseIfClosed(row, 'put it on hold');
    // Already held: the first hold's reason stands (a bulk hold never overwrites "fraud check").
    if (row.on_hold === 1) return false;
    w.set({ onHold: true, holdReason: reason });
    w.event('hold', `Put on hold: ${reason}`);
    w.audit('order.hold', { reason });
    return true;
  };

/** Release: back to whichever queue its state says (ready to pack, exceptions, …). */
export const releaseOrder =
  (reason: string): OrderAction =>
  (row, w) => {
    if (row.on_hold !== 1) {
      if (row.status === 'cancelled') throw new OmsError('CONFLICT', `Order ${row.name} is cancelled; there is no hold to release.`);
      return false;
    }
    w.set({ onHold: false, holdReason: null });
    w.event('release', `Released from hold (${row.hold_reason ?? 'no reason'}): ${reason}`);
    w.audit('order.release', { reason, heldFor: row.hold_reason });
    return true;
  };
