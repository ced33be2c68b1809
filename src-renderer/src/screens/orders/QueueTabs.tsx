import { QUEUES, UNFULFILLED_HINT, type QueueView } from '../../../../src-shared/orders';
import { formatCount } from '../../lib/format';
import { useCounts } from '../../stores/counts';
import { useOrdersList } from '../../stores/orders-list';

/**
 * The tabs, in the order the digit keys 1–9 follow. Unfulfilled sits right after
 * New, where the issue lists it; it is a view over the open queues (see
 * src-shared/orders.ts), so its orders also appear under their own queue's tab.
 */
export const TAB_ORDER: QueueView[] = ['all', 'new', 'unfulfilled', ...QUEUES.filter((q) => q !== 'new')];

const TAB_LABELS: Record<QueueView, string> = {
  all: 'All',
  new: 'New',
  unfulfilled: 'Unfulfilled',
  ready_to_pack: 'Ready to pack',
  partially_fulfilled: 'Partially fulfilled',
  on_hold: 'On hold',
  exceptions: 'Exceptions',
  fulfilled: 'Fulfilled',
  cancelled: 'Cancelled',
};

export function queueLabel(q: QueueView): string {
  return TAB_LABELS[q];
}

export function QueueTabs() {
  const queue = useOrdersList((s) => s.filters.queue);
  const setFilters = useOrdersList((s) => s.setFilters);
  const counts = useCounts((s) => s.counts);

  return (
    <div className="queue-tabs" role="tablist" aria-label="Order queues">
      {TAB_ORDER.map((q, i) => {
        const n = counts?.[q];
        const alert = q === 'exceptions' && (n ?? 0) > 0;
        return (
          <button
            key={q}
            type="button"
            role="tab"
            aria-selected={q === queue}
            className={`queue-tab${q === queue ? ' active' : ''}`}
            data-testid={`queue-tab-${q}`}
            title={q === 'unfulfilled' ? `${UNFULFILLED_HINT} (${i + 1})` : `${TAB_LABELS[q]} (${i + 1})`}
            onClick={(e) => {
              // After a mouse click, give the keyboard back to the list (j/k, Enter) instead of
              // leaving a focus ring on the tab; keyboard activation (detail 0) keeps focus.
              if (e.detail > 0) e.currentTarget.blur();
              if (q !== queue) setFilters({ queue: q });
            }}
          >
            <span className="queue-label">{TAB_LABELS[q]}</span>
            <span className={`queue-count${alert ? ' queue-count-alert' : ''}`} data-testid={`queue-count-${q}`}>
              {n === undefined ? '–' : formatCount(n)}
            </span>
          </button>
        );
      })}
    </div>
  );
}
