import { useEffect } from 'react';
import { useOrderDetail } from '../../stores/order-detail';
import { useOrdersList } from '../../stores/orders-list';
import { useUi } from '../../stores/ui';
import { TAB_ORDER } from './QueueTabs';
import { SEARCH_INPUT_ID } from './SearchBox';
import { COLUMNS_BUTTON_ID } from './views/ColumnsMenu';
import { VIEWS_BUTTON_ID } from './views/ViewsMenu';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Keyboard-first queue work: j/k or ↓/↑ move, Enter opens, Esc closes, / searches,
 * 1–9 switch queues (the tabs in order), r refreshes, v saved views, c columns, ? lists the shortcuts. With an order open, moving opens the next one,
 * so a queue can be read through without the mouse.
 */
export function useOrderKeys(): void {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTyping(e.target)) return;
      const list = useOrdersList.getState();
      const detail = useOrderDetail.getState();

      const moveBy = (delta: number) => {
        e.preventDefault();
        list.move(delta);
        if (detail.openId !== null) {
          const row = useOrdersList.getState().rows[useOrdersList.getState().selected];
          if (row) void detail.open(row.id);
        }
      };

      switch (e.key) {
        case 'j':
        case 'ArrowDown':
          moveBy(1);
          return;
        case 'k':
        case 'ArrowUp':
          moveBy(-1);
          return;
        case 'Enter': {
          // A focused button or link handles its own Enter — except a queue tab, which is
          // already selected once focused: there Enter means "open the selected order".
          if (e.target instanceof HTMLElement && e.target.closest('button, a') && !e.target.closest('[role="tab"]')) return;
          const row = list.rows[list.selected];
          if (row) {
            e.preventDefault();
            void detail.open(row.id);
          }
          return;
        }
        case 'Escape':
          if (useUi.getState().keyboardHelp) {
            e.preventDefault();
            useUi.getState().toggleKeyboardHelp(false);
          } else if (detail.openId !== null) {
            e.preventDefault();
            detail.close();
          }
          return;
        case '/':
          e.preventDefault();
          document.getElementById(SEARCH_INPUT_ID)?.focus();
          return;
        case '?':
          e.preventDefault();
          useUi.getState().toggleKeyboardHelp();
          return;
        case 'r':
          e.preventDefault();
          void list.reload();
          return;
        case 'v':
        case 'c':
          e.preventDefault();
          document.getElementById(e.key === 'v' ? VIEWS_BUTTON_ID : COLUMNS_BUTTON_ID)?.click();
          return;
        default: {
          const n = Number(e.key);
          if (Number.isInteger(n) && n >= 1 && n <= TAB_ORDER.length) {
            e.preventDefault();
            const queue = TAB_ORDER[n - 1]!;
            if (queue !== list.filters.queue) list.setFilters({ queue });
          }
        }
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
