import { can } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CloseIcon } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { formatDateTime } from '../../lib/format';
import { useInventory } from '../../stores/inventory';
import { useSession } from '../../stores/session';
import { AdjustForm } from './AdjustForm';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** One SKU: its levels per location, the adjust form (for those who may) and the ledger, newest first. */
export function StockPanel() {
  const role = useSession((s) => s.user?.role);
  const history = useInventory((s) => s.history);
  const error = useInventory((s) => s.historyError);
  const selectedId = useInventory((s) => s.selectedId);
  const select = useInventory((s) => s.select);
  const moreHistory = useInventory((s) => s.moreHistory);
  const canWrite = !!role && can(role, 'inventory.write');

  let body;
  if (error) body = <ErrorNotice error={error} onRetry={() => void select(selectedId)} />;
  else if (!history || history.item.variantId !== selectedId)
    body = (
      <div className="panel-message">
        <Spinner label="Loading stock…" />
      </div>
    );
  else {
    const { item, locations, movements } = history;
    body = (
      <>
        <div className="stock-head">
          <div className="stock-title" data-testid="stock-panel-title">
            {item.title}
          </div>
          <div className="muted small">
            <span className="mono">{item.sku ?? 'no SKU'}</span>
            {item.barcode ? <span className="mono"> · {item.barcode}</span> : null}
          </div>
        </div>
        <div className="stock-totals">
          <Total label="On hand" value={item.onHand} testId="panel-onhand" />
          <Total label="Reserved" value={item.reserved} hint="Held by open orders that stock covers" />
          <Total label="Available" value={item.available} tone={item.available < 0 ? 'red' : undefined} testId="panel-available" />
          {item.waiting > 0 ? <Total label="Waiting" value={item.waiting} tone="red" hint="Wanted by orders in “Not enough stock”" /> : null}
        </div>
        <table className="table stock-levels" data-testid="stock-panel-levels">
          <thead>
            <tr>
              <th>Location</th>
              <th>Bin</th>
              <th className="num">On hand</th>
            </tr>
          </thead>
          <tbody>
            {locations.map((l) => {
              const lv = item.levels.find((x) => x.locationId === l.id);
              return (
                <tr key={l.id}>
                  <td>{l.name}</td>
                  <td className="mono muted">{lv?.bin ?? '—'}</td>
                  <td className={`num${(lv?.onHand ?? 0) < 0 ? ' stock-negative' : ''}`} data-testid={`panel-level-${l.code}`}>
                    {lv?.onHand ?? 0}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {canWrite ? (
          <AdjustForm key={item.variantId} item={item} locations={locations} />
        ) : (
          <p className="muted small">Only managers and owners adjust stock; ask one if a count is wrong.</p>
        )}
        <h3 className="panel-subtitle">History</h3>
        {movements.length === 0 ? (
          <p className="muted small" data-testid="stock-history-empty">
            No movements yet: stock arrives here from the shop’s sync, fulfilments, returns and adjustments.
          </p>
        ) : (
          <ol className="stock-history plain-list" data-testid="stock-history">
            {movements.map((m) => (
              <li key={m.id} className="stock-move" data-testid="stock-move">
                <span className={`stock-delta ${m.delta < 0 ? 'is-out' : 'is-in'}`}>{signed(m.delta)}</span>
                <span className="stock-move-what">
                  <span>{m.reason}</span>
                  <span className="muted small">
                    {m.locationName} · {formatDateTime(m.at)}
                    {m.userName ? ` · ${m.userName}` : ''}
                  </span>
                </span>
              </li>
            ))}
          </ol>
        )}
        {history.nextCursor !== null ? (
          <button type="button" className="btn btn-small" onClick={() => void moreHistory()} data-testid="stock-history-more">
            Older entries
          </button>
        ) : null}
      </>
    );
  }

  return (
    <aside className="side-panel" aria-label="Stock of the selected SKU" data-testid="stock-panel">
      <div className="side-panel-bar">
        <span className="muted small">Stock · Esc closes</span>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => void select(null)} aria-label="Close">
          <CloseIcon />
        </button>
      </div>
      <div className="side-panel-body">{body}</div>
    </aside>
  );
}

function Total({ label, value, tone, hint, testId }: { label: string; value: number; tone?: 'red'; hint?: string; testId?: string }) {
  return (
    <div className={`stock-total${tone ? ` is-${tone}` : ''}`} title={hint}>
      <div className="stock-total-value" data-testid={testId}>
        {value}
      </div>
      <div className="stock-total-label">{label}</div>
    </div>
  );
}
