import { useEffect } from 'react';
import { useOrderActions } from '../../../stores/order-actions';
import { useOrderDetail } from '../../../stores/order-detail';
import { useOrdersList } from '../../../stores/orders-list';

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** x ticks the selected row for bulk work; h/u/t/n/p act on the open order. */
export function useActionKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const actions = useOrderActions.getState();
      if (e.key === 'x') {
        const list = useOrdersList.getState();
        const row = list.rows[list.selected];
        if (row) {
          e.preventDefault();
          actions.toggle(row.id);
        }
        return;
      }
      const detail = useOrderDetail.getState().detail;
      if (!detail) return;
      const closed = detail.status === 'cancelled' || detail.fulfillmentStatus === 'fulfilled';
      if (e.key === 'h' && !detail.onHold && !closed) actions.openForm('hold');
      else if (e.key === 'u' && detail.onHold) actions.openForm('release');
      else if (e.key === 't') actions.openForm('tag');
      else if (e.key === 'n') actions.openForm('note');
      else if (e.key === 'p' && !closed && !detail.onHold) void actions.act('readyToPack');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
