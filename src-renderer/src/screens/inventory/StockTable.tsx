import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { useInventory } from '../../stores/inventory';

/** SKUs with on hand per location (hidden while the panel shows them), reserved and available; short rows in red. Keyset pages of 100, "Show more" at the end. */
export function StockTable() {
  const items = useInventory((s) => s.items);
  const locations = useInventory((s) => s.locations);
  const status = useInventory((s) => s.status);
  const error = useInventory((s) => s.error);
  const search = useInventory((s) => s.search);
  const filter = useInventory((s) => s.filter);
  const nextCursor = useInventory((s) => s.nextCursor);
  const loadingMore = useInventory((s) => s.loadingMore);
  const selectedId = useInventory((s) => s.selectedId);
  const select = useInventory((s) => s.select);
  const load = useInventory((s) => s.load);
  const loadMore = useInventory((s) => s.loadMore);

  if (status === 'error' && error) return <ErrorNotice error={error} onRetry={() => void load()} />;
  if (status === 'idle' || status === 'loading')
    return (
      <div className="panel-message">
        <Spinner label="Loading stock…" />
      </div>
    );
  if (items.length === 0) {
    if (search) return <EmptyState title={`No SKU matches “${search}”`} testId="stock-empty">Search looks at SKU, product title, variant title and barcode.</EmptyState>;
    if (filter === 'short') return <EmptyState title="Nothing is short" testId="stock-empty">Every open order is covered by stock on hand.</EmptyState>;
    return (
      <EmptyState title="No products yet" testId="stock-empty">
        Products and their stock arrive with the first sync from your shop (Sync screen), or with the demo shop.
      </EmptyState>
    );
  }
  return (
    <div className="stock-list">
      <table className="table stock-table" data-testid="stock-table">
        <thead>
          <tr>
            <th>SKU</th>
            <th>Product</th>
            {locations.map((l) => (
              <th key={l.id} className="num col-location" title={l.name}>
                {l.code}
              </th>
            ))}
            <th className="num" title="On hand across active locations">
              On hand
            </th>
            <th className="num" title="Held by open orders that stock covers">
              Reserved
            </th>
            <th className="num" title="On hand minus reserved">
              Available
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr
              key={i.variantId}
              className={`stock-row${i.short ? ' is-short' : ''}${selectedId === i.variantId ? ' is-open' : ''}`}
              onClick={() => void select(i.variantId)}
              data-testid="stock-row"
              data-sku={i.sku ?? ''}
              aria-selected={selectedId === i.variantId}
            >
              <td className="mono strong">{i.sku ?? '—'}</td>
              <td className="ellipsis" title={i.title}>
                {i.title}
                {i.short ? (
                  <span className="short-flag" title={i.waiting ? `${i.waiting} wanted by orders stock cannot cover` : 'Reserved is more than on hand'}>
                    Short{i.waiting ? ` ${i.waiting}` : ''}
                  </span>
                ) : null}
              </td>
              {locations.map((l) => {
                const n = i.levels.find((x) => x.locationId === l.id)?.onHand ?? 0;
                return (
                  <td key={l.id} className={`num col-location${n < 0 ? ' stock-negative' : n === 0 ? ' muted' : ''}`} data-testid={`onhand-${l.code}`}>
                    {n}
                  </td>
                );
              })}
              <td className={`num${i.onHand < 0 ? ' stock-negative' : ''}`} data-testid="onhand-total">
                {i.onHand}
              </td>
              <td className="num muted">{i.reserved}</td>
              <td className={`num strong${i.available <= 0 ? ' stock-negative' : ''}`} data-testid="available">
                {i.available}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {nextCursor !== null ? (
        <div className="stock-more">
          <button type="button" className="btn" onClick={() => void loadMore()} disabled={loadingMore} data-testid="stock-more">
            {loadingMore ? 'Loading…' : `Show more (${items.length} shown)`}
          </button>
        </div>
      ) : null}
    </div>
  );
}
