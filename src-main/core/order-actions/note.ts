import type { OrderAction } from './order-writer';

/** Internal note: a timeline entry for colleagues; never sent to the customer or the platform. */
export const addNote =
  (text: string): OrderAction =>
  (_row, w) => {
    w.event('note', text);
    w.audit('order.note', { length: text.length });
    return true;
  };
