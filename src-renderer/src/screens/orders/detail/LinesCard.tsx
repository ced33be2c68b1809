import type { OrderDetail } from '../../../../../src-shared/orders';
import { Card } from '../../../components/Card';
import { money, pluralise } from '../../../lib/format';

export function LinesCard({ order }: { order: OrderDetail }) {
  const c = order.currency;
  const units = order.lines.reduce((n, l) => n + l.quantity, 0);
  return (
    <Card title="Items" aside={pluralise(units, 'unit')} testId="detail-lines">
      <table className="table lines-table">
        <thead>
          <tr>
            <th>Item</th>
            <th className="num">Qty</th>
            <th className="num">Fulfilled</th>
            <th className="num">Price</th>
            <th className="num">Total</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => {
            const lineTotal = l.priceMinor * l.quantity - l.discountMinor;
            return (
              <tr key={l.id} data-testid="detail-line">
                <td>
                  <div className="line-title">{l.title}</div>
                  <div className="line-sub">
                    {l.variantTitle ? <span>{l.variantTitle}</span> : null}
                    <span className="mono" data-testid="line-sku">
                      {l.sku ?? 'no SKU'}
                    </span>
                    {l.refundedQuantity > 0 ? <span className="text-purple">{l.refundedQuantity} refunded</span> : null}
                  </div>
                </td>
                <td className="num">{l.quantity}</td>
                <td className={`num${l.fulfilledQuantity < l.quantity ? ' text-amber' : ' muted'}`}>{l.fulfilledQuantity}</td>
                <td className="num">{money(l.priceMinor, c)}</td>
                <td className="num">
                  {money(lineTotal, c)}
                  {l.discountMinor > 0 ? <div className="line-sub">−{money(l.discountMinor, c)} off</div> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="totals" data-testid="detail-totals">
        <Row label="Subtotal" value={money(order.subtotalMinor, c)} />
        {order.discountMinor ? <Row label="Discount" value={`−${money(order.discountMinor, c)}`} /> : null}
        <Row label="Shipping" value={money(order.shippingMinor, c)} />
        <Row label="Tax" value={money(order.taxMinor, c)} />
        <Row label="Total" value={money(order.totalMinor, c)} strong />
        {order.refundedMinor ? <Row label="Refunded" value={`−${money(order.refundedMinor, c)}`} tone="purple" /> : null}
        {order.refundedMinor ? <Row label="Net" value={money(order.totalMinor - order.refundedMinor, c)} /> : null}
      </dl>
    </Card>
  );
}

function Row({ label, value, strong, tone }: { label: string; value: string; strong?: boolean; tone?: 'purple' }) {
  return (
    <div className={`totals-row${strong ? ' totals-strong' : ''}${tone ? ` text-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd className="num">{value}</dd>
    </div>
  );
}
