import type { Address } from '../../../../../src-shared/orders';
import { Card } from '../../../components/Card';
import { addressLines } from '../../../lib/address';

export function ShippingCard({ address }: { address: Address | null }) {
  const lines = address ? addressLines(address) : [];
  return (
    <Card title="Shipping address" testId="detail-shipping">
      {lines.length ? (
        <address className="address selectable">
          {lines.map((l, i) => (
            <div key={i}>{l}</div>
          ))}
          {address?.phone ? <div className="muted">{address.phone}</div> : null}
        </address>
      ) : (
        <div className="muted">No shipping address</div>
      )}
    </Card>
  );
}
