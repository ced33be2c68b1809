import type { OrderDetail } from '../../../../../src-shared/orders';
import { Card } from '../../../components/Card';
import { pluralise } from '../../../lib/format';

export function CustomerCard({ order }: { order: OrderDetail }) {
  const c = order.customer;
  // Guest checkouts have no customer record; the order still carries a name and contact details.
  const name = c?.name || order.customerName;
  const email = c?.email ?? order.email;
  const phone = c?.phone ?? order.phone;
  return (
    <Card title="Customer" testId="detail-customer">
      {name ? <div className="strong" data-testid="customer-name">{name}</div> : <div className="muted">No customer</div>}
      {email ? (
        <div className="contact">
          <span className="contact-label">Email</span>
          <span className="selectable truncate" title={email}>
            {email}
          </span>
        </div>
      ) : null}
      {phone ? (
        <div className="contact">
          <span className="contact-label">Phone</span>
          <span className="selectable">{phone}</span>
        </div>
      ) : null}
      <div className="card-foot muted">{c ? pluralise(c.orderCount, 'order') + ' in total' : 'Guest checkout'}</div>
    </Card>
  );
}
