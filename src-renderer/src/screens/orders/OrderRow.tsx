import { memo } from 'react';
import type { OrderColumn } from '../../../../src-shared/contract';
import { EXCEPTION_LABELS, type OrderSummary } from '../../../../src-shared/orders';
import { Badge, FinancialBadge, FulfilmentBadge } from '../../components/Badge';
import { formatListDate, money } from '../../lib/format';
import { useOrderActions } from '../../stores/order-actions';

interface Props {
  order: OrderSummary;
  index: number;
  top: number;
  selected: boolean;
  open: boolean;
  onActivate(index: number, id: number): void;
  onTag(tag: string): void;
  /** Columns the user hid (full-width layout only; see order-views.css). */
  hidden: ReadonlySet<OrderColumn>;
}

/**
 * One order in the queue. Memoised on its props: when the selection moves only
 * the two rows whose `selected` flipped re-render, not the whole viewport.
 */
export const OrderRow = memo(function OrderRow({ order, index, top, selected, open, onActivate, onTag, hidden }: Props) {
  const off = (c: OrderColumn) => (hidden.has(c) ? ' col-off' : '');
  const ticked = useOrderActions((s) => s.selected.has(order.id));
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`order-row${selected ? ' selected' : ''}${open ? ' open' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="order-row"
      data-order-id={order.id}
      data-index={index}
      onClick={() => onActivate(index, order.id)}
    >
      <div role="gridcell" className="cell cell-name">
        <input
          type="checkbox"
          className="row-tick"
          tabIndex={-1}
          checked={ticked}
          aria-label={`Select ${order.name} for a bulk action`}
          data-testid="row-tick"
          onClick={(e) => e.stopPropagation()}
          onChange={() => useOrderActions.getState().toggle(order.id)}
        />
        {order.name}
      </div>
      <div role="gridcell" className={`cell cell-date${off('date')}`}>
        {formatListDate(order.createdAt)}
      </div>
      <div role="gridcell" className={`cell cell-customer${off('customer')}`} title={order.email ?? undefined}>
        {order.customerName || <span className="muted">No customer</span>}
      </div>
      <div role="gridcell" className={`cell cell-items num${off('items')}`}>
        {order.itemCount}
      </div>
      <div role="gridcell" className={`cell cell-total num${off('total')}`}>
        {money(order.totalMinor, order.currency)}
      </div>
      <div role="gridcell" className={`cell cell-payment${off('payment')}`}>
        <FinancialBadge status={order.financialStatus} />
      </div>
      <div role="gridcell" className={`cell cell-fulfilment${off('fulfilment')}`}>
        <FulfilmentBadge status={order.fulfillmentStatus} />
      </div>
      <div role="gridcell" className={`cell cell-tags${off('tags')}`}>
        {order.queue === 'exceptions' && order.exceptionReason ? <Badge tone="red">{EXCEPTION_LABELS[order.exceptionReason] ?? order.exceptionReason}</Badge> : null}
        {order.queue === 'on_hold' ? <Badge tone="amber">On hold</Badge> : null}
        {/* Tells packed-next orders apart from New ones where queues mix (All, Unfulfilled). */}
        {order.queue === 'ready_to_pack' ? <Badge tone="blue">Ready to pack</Badge> : null}
        {order.queue === 'cancelled' ? <Badge tone="neutral">Cancelled</Badge> : null}
        {/* Shown only when the list is narrow (detail open) and payment/fulfilment columns are hidden. */}
        {order.queue !== 'exceptions' && order.queue !== 'on_hold' && order.queue !== 'cancelled' ? (
          <span className="narrow-only">
            <FulfilmentBadge status={order.fulfillmentStatus} />
          </span>
        ) : null}
        {order.tags.map((t) => (
          <button
            key={t}
            type="button"
            tabIndex={-1}
            className="chip chip-tag"
            title={`Show only orders tagged “${t}”`}
            onClick={(e) => {
              e.stopPropagation();
              onTag(t);
            }}
          >
            {t}
          </button>
        ))}
      </div>
    </div>
  );
});
