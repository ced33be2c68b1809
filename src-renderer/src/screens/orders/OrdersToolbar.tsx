import { ORDER_SORTS, ORDER_SORT_LABELS, type OrderSort } from '../../../../src-shared/orders';
import { formatCount } from '../../lib/format';
import { useOrdersList } from '../../stores/orders-list';
import { useUi } from '../../stores/ui';
import { DateRangeFilter } from './DateRangeFilter';
import { SearchBox } from './SearchBox';
import { TagFilter } from './TagFilter';
import { ColumnsMenu } from './views/ColumnsMenu';
import { ViewsMenu } from './views/ViewsMenu';

function TotalLabel() {
  const status = useOrdersList((s) => s.status);
  const total = useOrdersList((s) => s.total);
  const lowerBound = useOrdersList((s) => s.totalIsLowerBound);
  if (status === 'loading') return <span className="total-label muted" data-testid="orders-total">Loading…</span>;
  if (total === null)
    return (
      <span className="total-label muted" data-testid="orders-total">
        Counting…
      </span>
    );
  return (
    <span className="total-label" data-testid="orders-total">
      <strong>
        {formatCount(total)}
        {lowerBound ? '+' : ''}
      </strong>{' '}
      {total === 1 && !lowerBound ? 'order' : 'orders'}
    </span>
  );
}

export function OrdersToolbar() {
  const sort = useOrdersList((s) => s.filters.sort);
  const setFilters = useOrdersList((s) => s.setFilters);
  return (
    <div className="orders-toolbar">
      <SearchBox />
      <DateRangeFilter />
      <TagFilter />
      <div className="toolbar-spacer" />
      <TotalLabel />
      <ViewsMenu />
      <ColumnsMenu />
      <button type="button" className="icon-btn kbd-help-btn" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" onClick={() => useUi.getState().toggleKeyboardHelp()}>
        ?
      </button>
      <select className="select" aria-label="Sort" data-testid="sort-select" value={sort} onChange={(e) => setFilters({ sort: e.target.value as OrderSort })}>
        {ORDER_SORTS.map((s) => (
          <option key={s} value={s}>
            {ORDER_SORT_LABELS[s]}
          </option>
        ))}
      </select>
    </div>
  );
}
