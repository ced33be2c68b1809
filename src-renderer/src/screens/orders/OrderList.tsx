import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { ORDER_COLUMNS, type OrderColumn } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { useOrderDetail } from '../../stores/order-detail';
import { PREFETCH_ROWS, useOrdersList } from '../../stores/orders-list';
import { HEADER_HEIGHT, ROW_HEIGHT, userColumnsTemplate } from './columns';
import { ListEmpty, ListSkeleton } from './ListStates';
import { OrderRow } from './OrderRow';

/**
 * The queue as a virtual list: only the rows in view (plus a few) exist in the
 * DOM, so 100,000 orders scroll as smoothly as 100. Pages of 100 are fetched
 * by keyset cursor as the viewport or the selection nears the end.
 */
export function OrderList() {
  const rows = useOrdersList((s) => s.rows);
  const count = useOrdersList((s) => s.count);
  const status = useOrdersList((s) => s.status);
  const error = useOrdersList((s) => s.error);
  const filterError = useOrdersList((s) => s.filterError);
  const hasMore = useOrdersList((s) => s.nextCursor !== null);
  const loadingMore = useOrdersList((s) => s.loadingMore);
  const moreError = useOrdersList((s) => s.moreError);
  const selected = useOrdersList((s) => s.selected);
  const stale = useOrdersList((s) => s.stale);
  const openId = useOrderDetail((s) => s.openId);
  const columns = useOrdersList((s) => s.columns);
  const hidden = useMemo(() => new Set<OrderColumn>(ORDER_COLUMNS.filter((c) => !columns.includes(c))), [columns]);
  const off = (c: OrderColumn) => (hidden.has(c) ? ' col-off' : '');
  const scrollRef = useRef<HTMLDivElement>(null);

  // One extra row at the end carries "loading more" / "could not load" / "end of list".
  const footer = count > 0 && (hasMore || loadingMore || moreError !== null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: count + (footer ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && !moreError && lastIndex >= count - PREFETCH_ROWS) void useOrdersList.getState().loadMore();
  }, [lastIndex, count, hasMore, loadingMore, moreError]);

  // Keep the keyboard selection on screen.
  useEffect(() => {
    if (selected >= 0) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, virtualizer]);

  // A new filter set starts at the top.
  useEffect(() => {
    if (status === 'loading') scrollRef.current?.scrollTo({ top: 0 });
  }, [status]);

  const onActivate = useCallback((index: number, id: number) => {
    useOrdersList.getState().select(index);
    void useOrderDetail.getState().open(id);
  }, []);
  const onTag = useCallback((tag: string) => {
    const { filters, setFilters } = useOrdersList.getState();
    if (!filters.tags.includes(tag)) setFilters({ tags: [...filters.tags, tag] });
  }, []);

  let body;
  if (filterError) body = <div className="list-message"><div className="notice notice-warning" role="alert">{filterError}</div></div>;
  else if (status === 'loading') body = <ListSkeleton />;
  else if (status === 'error' && error) body = <div className="list-message"><ErrorNotice error={error} onRetry={() => void useOrdersList.getState().reload()} testId="list-error" /></div>;
  else if (count === 0) body = <ListEmpty />;

  return (
    <div className="order-list-wrap">
      {stale ? (
        <div className="stale-bar" role="status">
          Orders have changed since this list was loaded.
          <button type="button" className="btn btn-small" onClick={() => void useOrdersList.getState().reload()}>
            Refresh
          </button>
        </div>
      ) : null}
      <div className="order-list" ref={scrollRef} role="grid" aria-label="Orders" aria-rowcount={count + 1} data-testid="order-list">
        <div
          className="order-list-inner"
          style={{ height: body ? '100%' : virtualizer.getTotalSize(), ...(hidden.size ? ({ '--user-cols': userColumnsTemplate(columns) } as CSSProperties) : {}) }}
        >
          <div role="row" className="order-row order-header">
            <div role="columnheader" className="cell cell-name">Order</div>
            <div role="columnheader" className={`cell cell-date${off('date')}`}>Date</div>
            <div role="columnheader" className={`cell cell-customer${off('customer')}`}>Customer</div>
            <div role="columnheader" className={`cell cell-items num${off('items')}`}>Items</div>
            <div role="columnheader" className={`cell cell-total num${off('total')}`}>Total</div>
            <div role="columnheader" className={`cell cell-payment${off('payment')}`}>Payment</div>
            <div role="columnheader" className={`cell cell-fulfilment${off('fulfilment')}`}>Fulfilment</div>
            <div role="columnheader" className={`cell cell-tags${off('tags')}`}>
              <span className="hdr-wide">Tags</span>
              <span className="hdr-narrow">Status</span>
            </div>
          </div>
          {body ??
            items.map((item) => {
              const order = rows[item.index];
              if (!order) {
                return (
                  <div key="footer" className="order-row list-footer" style={{ transform: `translateY(${item.start}px)` }}>
                    {moreError ? (
                      <ErrorNotice error={moreError} onRetry={() => void useOrdersList.getState().loadMore()} testId="list-more-error" />
                    ) : (
                      <Spinner size="sm" label="Loading more orders…" />
                    )}
                  </div>
                );
              }
              return (
                <OrderRow
                  key={item.key}
                  order={order}
                  index={item.index}
                  top={item.start}
                  selected={item.index === selected}
                  open={order.id === openId}
                  onActivate={onActivate}
                  onTag={onTag}
                  hidden={hidden}
                />
              );
            })}
        </div>
      </div>
    </div>
  );
}
