import type { OrderDetail } from '../../../../../src-shared/orders';
import { Card } from '../../../components/Card';
import { FulfilmentBadge } from '../../../components/Badge';
import { formatDateTime, humanise } from '../../../lib/format';

export function FulfilmentsCard({ order }: { order: OrderDetail }) {
  const titles = new Map(order.lines.map((l) => [l.id, l.sku ?? l.title]));
  return (
    <Card title="Fulfilments" aside={<FulfilmentBadge status={order.fulfillmentStatus} />} testId="detail-fulfilments">
      {order.fulfilments.length === 0 ? (
        <div className="muted">Nothing shipped yet.</div>
      ) : (
        <ul className="plain-list">
          {order.fulfilments.map((f) => (
            <li key={f.id} className="fulfilment">
              <div className="fulfilment-head">
                <span className="strong">{humanise(f.status)}</span>
                <span className="muted">{formatDateTime(f.createdAt)}</span>
              </div>
              {f.trackingNumber ? (
                <div className="selectable">
                  {f.trackingCompany ? `${f.trackingCompany} ` : ''}
                  <span className="mono">{f.trackingNumber}</span>
                </div>
              ) : (
                <div className="muted">No tracking</div>
              )}
              <div className="line-sub">
                {f.locationName ? <span>from {f.locationName}</span> : null}
                <span>{f.lines.map((l) => `${l.quantity} × ${titles.get(l.lineId) ?? 'item'}`).join(', ')}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
