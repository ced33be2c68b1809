import { EXCEPTION_LABELS, EXCEPTION_REASONS, type ExceptionReason } from '../../../../../src-shared/orders';
import { formatCount } from '../../../lib/format';
import { useCounts } from '../../../stores/counts';
import { useOrdersList } from '../../../stores/orders-list';

/**
 * Under the Exceptions tab: why orders are stuck, with a live count per reason
 * (pushed with every orders.changed) and a filter per reason. A reason with no
 * orders stays visible but dimmed, so the row never jumps about.
 */
export function ExceptionBreakdown() {
  const queue = useOrdersList((s) => s.filters.queue);
  const reason = useOrdersList((s) => s.filters.exceptionReason);
  const setFilters = useOrdersList((s) => s.setFilters);
  const counts = useCounts((s) => s.exceptions);
  const total = useCounts((s) => s.counts?.exceptions);
  if (queue !== 'exceptions') return null;

  const pick = (r: ExceptionReason | null) => {
    if (r !== reason) setFilters({ exceptionReason: r });
  };
  return (
    <div className="exception-breakdown" role="group" aria-label="Exceptions by reason" data-testid="exception-breakdown">
      <span className="exception-breakdown-label">Why</span>
      <button type="button" className={`reason-chip${reason === null ? ' active' : ''}`} aria-pressed={reason === null} onClick={() => pick(null)} data-testid="reason-all">
        Every reason <span className="reason-count">{total === undefined ? '–' : formatCount(total)}</span>
      </button>
      {EXCEPTION_REASONS.map((r) => {
        const n = counts?.[r];
        return (
          <button
            key={r}
            type="button"
            className={`reason-chip reason-${r}${reason === r ? ' active' : ''}${n === 0 ? ' empty' : ''}`}
            aria-pressed={reason === r}
            title={`Show only “${EXCEPTION_LABELS[r]}”`}
            onClick={() => pick(reason === r ? null : r)}
            data-testid={`reason-${r}`}
          >
            {EXCEPTION_LABELS[r]} <span className="reason-count" data-testid={`reason-count-${r}`}>{n === undefined ? '–' : formatCount(n)}</span>
          </button>
        );
      })}
    </div>
  );
}
