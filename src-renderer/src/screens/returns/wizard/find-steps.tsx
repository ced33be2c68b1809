import { useEffect, useRef, type FormEvent } from 'react';
import { Spinner } from '../../../components/Spinner';
import { formatListDate, money } from '../../../lib/format';
import { chosenLines, useReturnWizard } from '../../../stores/return-wizard';
import { FulfilmentBadge } from '../../../components/Badge';
import { Nav } from './Nav';

/** Steps 1–2: find the order, pick lines and quantities. */
export function OrderStep() {
  const query = useReturnWizard((s) => s.query);
  const setQuery = useReturnWizard((s) => s.setQuery);
  const search = useReturnWizard((s) => s.search);
  const results = useReturnWizard((s) => s.results);
  const searching = useReturnWizard((s) => s.searching);
  const pickOrder = useReturnWizard((s) => s.pickOrder);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void search();
  };
  return (
    <div className="wizard-card">
      <form className="wizard-search" onSubmit={submit}>
        <input ref={input} className="input input-large" aria-label="Order number, email or scan" placeholder="Order number, customer email or scan the packing slip…" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="wizard-order-search" />
        <button type="submit" className="btn btn-primary" disabled={!query.trim() || searching}>
          Find order
        </button>
      </form>
      {searching ? <Spinner label="Searching…" /> : null}
      {results && results.length === 0 ? <p className="muted">No order matches “{query}”.</p> : null}
      {results && results.length > 0 ? (
        <table className="table wizard-results">
          <tbody>
            {results.map((o) => (
              <tr key={o.id} className="wizard-result" onClick={() => void pickOrder(o.id)} data-testid="wizard-order-result">
                <td className="strong">{o.name}</td>
                <td>{o.customerName}</td>
                <td className="muted">{o.email}</td>
                <td className="muted">{formatListDate(o.createdAt)}</td>
                <td>
                  <FulfilmentBadge status={o.fulfillmentStatus} />
                </td>
                <td className="num">{money(o.totalMinor, o.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

export function ItemsStep() {
  const order = useReturnWizard((s) => s.order);
  const picks = useReturnWizard((s) => s.picks);
  const setPick = useReturnWizard((s) => s.setPick);
  const goTo = useReturnWizard((s) => s.goTo);
  if (!order) return null;
  const any = chosenLines(picks).length > 0;
  return (
    <div className="wizard-card">
      <table className="table wizard-lines">
        <thead>
          <tr>
            <th>Item</th>
            <th className="num">Bought</th>
            <th className="num">Shipped</th>
            <th className="num">Refunded</th>
            <th className="num">Price</th>
            <th className="num">Return</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => {
            const max = Math.max(0, l.fulfilledQuantity - l.refundedQuantity);
            return (
              <tr key={l.id}>
                <td>
                  {l.title}
                  <div className="mono muted small">
                    {l.variantTitle ? `${l.variantTitle} · ` : ''}
                    {l.sku}
                  </div>
                </td>
                <td className="num">{l.quantity}</td>
                <td className="num">{l.fulfilledQuantity}</td>
                <td className="num">{l.refundedQuantity}</td>
                <td className="num">{money(l.priceMinor, order.currency)}</td>
                <td className="num">
                  <input
                    type="number"
                    className="input qty-input"
                    min={0}
                    max={max}
                    disabled={max === 0}
                    aria-label={`Quantity to return of ${l.title}`}
                    value={picks[l.id]?.quantity ?? 0}
                    onChange={(e) => setPick(l.id, { quantity: Math.max(0, Math.min(max, Math.floor(Number(e.target.value) || 0))) })}
                    data-testid="wizard-qty"
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {order.fulfillmentStatus === 'unfulfilled' ? <p className="muted">Nothing on this order has shipped yet, so there is nothing to return.</p> : null}
      <Nav back="order" next={() => goTo('reasons')} nextLabel="Next: reasons" disabled={!any} />
    </div>
  );
}
