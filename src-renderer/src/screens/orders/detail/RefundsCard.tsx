import type { OrderDetail } from '../../../../../src-shared/orders';
import { Card } from '../../../components/Card';
import { formatDateTime, money } from '../../../lib/format';

export function RefundsCard({ order }: { order: OrderDetail }) {
  if (order.refunds.length === 0) return null;
  return (
    <Card title="Refunds" testId="detail-refunds">
      <ul className="plain-list">
        {order.refunds.map((r) => (
          <li key={r.id} className="refund">
            <span className="num strong text-purple">−{money(r.amountMinor, r.currency)}</span>
            <span className="muted">{formatDateTime(r.createdAt)}</span>
            <span>{r.reason ?? 'No reason given'}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
