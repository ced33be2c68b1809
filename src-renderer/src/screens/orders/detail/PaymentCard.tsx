import type { OrderDetail } from '../../../../../src-shared/orders';
import { Card } from '../../../components/Card';
import { FinancialBadge } from '../../../components/Badge';
import { cardSummary, gatewayLabel, money } from '../../../lib/format';

/** Payment summary. PCI: brand and last four digits are all that exists to show. */
export function PaymentCard({ order }: { order: OrderDetail }) {
  const card = cardSummary(order.payment.cardBrand, order.payment.cardLast4);
  return (
    <Card title="Payment" aside={<FinancialBadge status={order.financialStatus} />} testId="detail-payment">
      <div className="contact">
        <span className="contact-label">Method</span>
        <span data-testid="payment-card">{card ?? (order.payment.gateway ? gatewayLabel(order.payment.gateway) : 'Not recorded')}</span>
      </div>
      {card && order.payment.gateway ? (
        <div className="contact">
          <span className="contact-label">Gateway</span>
          <span>{gatewayLabel(order.payment.gateway)}</span>
        </div>
      ) : null}
      <div className="contact">
        <span className="contact-label">Amount</span>
        <span className="num">{money(order.totalMinor, order.currency)}</span>
      </div>
    </Card>
  );
}
