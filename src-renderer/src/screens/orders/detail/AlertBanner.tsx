import { EXCEPTION_LABELS, type OrderDetail } from '../../../../../src-shared/orders';
import { formatLongDateTime } from '../../../lib/format';

/** Why the order is stuck, before anything else: exceptions and holds are the reason someone opened it. */
export function AlertBanner({ order }: { order: OrderDetail }) {
  const alerts = [];
  if (order.queue === 'exceptions' && order.exceptionReason) {
    alerts.push(
      <div key="exception" className="alert alert-red" data-testid="detail-exception">
        <strong>Exception: {EXCEPTION_LABELS[order.exceptionReason] ?? order.exceptionReason}.</strong> {EXCEPTION_HELP[order.exceptionReason]}
      </div>,
    );
  }
  if (order.onHold) {
    alerts.push(
      <div key="hold" className="alert alert-amber" data-testid="detail-hold">
        <strong>On hold.</strong> {order.holdReason || 'No reason was given.'}
      </div>,
    );
  }
  if (order.status === 'cancelled') {
    alerts.push(
      <div key="cancelled" className="alert alert-neutral">
        <strong>Cancelled</strong> {order.cancelledAt ? `on ${formatLongDateTime(order.cancelledAt)}` : ''}.
      </div>,
    );
  }
  if (order.note) {
    alerts.push(
      <div key="note" className="alert alert-note" data-testid="detail-note">
        <strong>Customer note:</strong> {order.note}
      </div>,
    );
  }
  return alerts.length ? <div className="alerts">{alerts}</div> : null;
}

const EXCEPTION_HELP: Record<string, string> = {
  payment_pending: 'The payment has not been captured yet; do not ship until it is.',
  payment_failed: 'The payment failed or was voided; the customer needs to pay again.',
  address_problem: 'The shipping address is incomplete; contact the customer before packing.',
  stock_short: 'There is not enough stock to fill every line.',
  sync_error: 'The last change could not be sent to the shop; see Sync.',
};
