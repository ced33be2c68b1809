import { QUEUE_LABELS, type OrderDetail } from '../../../../../src-shared/orders';
import { Badge, FinancialBadge, FulfilmentBadge } from '../../../components/Badge';
import { formatLongDateTime } from '../../../lib/format';

export function DetailHeader({ order }: { order: OrderDetail }) {
  return (
    <header className="detail-header">
      <div className="detail-title-row">
        <h2 className="detail-title" data-testid="detail-name">
          {order.name}
        </h2>
        <div className="detail-badges">
          <FinancialBadge status={order.financialStatus} />
          <FulfilmentBadge status={order.fulfillmentStatus} />
          {order.status === 'cancelled' ? <Badge tone="red">Cancelled</Badge> : null}
        </div>
      </div>
      <div className="detail-meta">
        <span>{formatLongDateTime(order.createdAt)}</span>
        <span className="dot" aria-hidden="true">·</span>
        <span data-testid="detail-queue">{QUEUE_LABELS[order.queue]}</span>
        {order.platform ? (
          <>
            <span className="dot" aria-hidden="true">·</span>
            <span>from {order.platform}</span>
          </>
        ) : null}
      </div>
      {order.tags.length ? (
        <div className="detail-tags">
          {order.tags.map((t) => (
            <span key={t} className="chip">
              {t}
            </span>
          ))}
        </div>
      ) : null}
    </header>
  );
}
