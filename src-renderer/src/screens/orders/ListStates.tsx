import { EmptyState } from '../../components/EmptyState';
import { DEFAULT_FILTERS, useOrdersList } from '../../stores/orders-list';
import { queueLabel } from './QueueTabs';

/** Grey placeholder rows while the first page loads: the layout does not jump when data arrives. */
export function ListSkeleton() {
  return (
    <div className="skeleton" data-testid="list-loading" aria-busy="true" aria-label="Loading orders">
      {Array.from({ length: 12 }, (_, i) => (
        <div key={i} className="skeleton-row">
          <span className="sk sk-name" />
          <span className="sk sk-date" />
          <span className="sk sk-customer" />
          <span className="sk sk-total" />
          <span className="sk sk-badge" />
        </div>
      ))}
    </div>
  );
}

/** Nothing to show: say whether the queue is clear or the filters are too narrow, and offer the way out. */
export function ListEmpty() {
  const filters = useOrdersList((s) => s.filters);
  const setFilters = useOrdersList((s) => s.setFilters);
  const filtered = filters.search.trim() !== '' || filters.tags.length > 0 || filters.range.preset !== 'any';
  const where = filters.queue === 'all' ? 'any queue' : queueLabel(filters.queue);

  if (!filtered) {
    return (
      <EmptyState title={filters.queue === 'all' ? 'No orders yet' : `Nothing in ${where}`} testId="list-empty">
        {filters.queue === 'all'
          ? 'Orders appear here once the shop has synced.'
          : 'This queue is clear. New work shows up here as soon as it arrives.'}
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title="No orders match"
      testId="list-empty"
      action={
        <>
          {filters.queue !== 'all' ? (
            <button type="button" className="btn" onClick={() => setFilters({ queue: 'all' })}>
              Search all queues
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => setFilters({ search: '', tags: [], range: DEFAULT_FILTERS.range })}
          >
            Clear filters
          </button>
        </>
      }
    >
      {filters.search.trim() ? (
        <>
          Nothing in {where} matches <strong>“{filters.search.trim()}”</strong>
        </>
      ) : (
        <>Nothing in {where} matches these filters</>
      )}
      {filters.tags.length ? <> with tags {filters.tags.join(', ')}</> : null}
      {filters.range.preset !== 'any' ? <> in the chosen dates</> : null}.
    </EmptyState>
  );
}
