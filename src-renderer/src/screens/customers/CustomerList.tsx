import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { formatCount } from '../../lib/format';
import { useCustomers } from '../../stores/customers';

export function CustomerList() {
  const { search, items, total, status, error, openId } = useCustomers();
  const setSearch = useCustomers((s) => s.setSearch);
  const load = useCustomers((s) => s.load);
  const open = useCustomers((s) => s.open);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === 'Escape' && openId !== null) void open(null);
      if (e.key === '/' && !typing) {
        e.preventDefault();
        document.querySelector<HTMLInputElement>('[data-testid="customer-search"]')?.focus();
      }
      if (!typing && (e.key === 'j' || e.key === 'k') && items.length) {
        const i = items.findIndex((c) => c.id === openId);
        const next = e.key === 'j' ? Math.min(items.length - 1, i + 1) : Math.max(0, i - 1);
        void open(items[next]!.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, open, openId]);

  return (
    <div className="customers-list">
      <div className="customers-toolbar">
        <input
          className="input customers-search"
          type="search"
          aria-label="Search customers"
          placeholder="Search name, email, phone or ref…   /"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="customer-search"
        />
        <span className="muted" data-testid="customer-total">
          {status === 'loading' ? <Spinner size="sm" /> : `${formatCount(total)} customers`}
        </span>
      </div>
      {status === 'error' && error ? (
        <ErrorNotice error={error} onRetry={() => void load()} />
      ) : items.length === 0 && status === 'ready' ? (
        <EmptyState title="No customers match" testId="customers-empty">
          Try part of a name, an email or the last digits of a phone number.
        </EmptyState>
      ) : (
        <div className="customers-scroll">
          <table className="table customers-table" data-testid="customers-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Phone</th>
                <th>City</th>
                <th className="num">Orders</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} className={`customers-row${openId === c.id ? ' is-open' : ''}`} onClick={() => void open(c.id)} data-testid="customer-row">
                  <td className="strong ellipsis">{c.name || <span className="muted">(no name)</span>}</td>
                  <td className="ellipsis">{c.email ?? <span className="muted">—</span>}</td>
                  <td className="mono ellipsis">{c.phone ?? <span className="muted">—</span>}</td>
                  <td className="ellipsis muted">{[c.city, c.country].filter(Boolean).join(', ')}</td>
                  <td className="num">{c.orderCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > items.length ? <div className="customers-more muted">Showing the newest {items.length} of {formatCount(total)} — search to narrow down.</div> : null}
        </div>
      )}
    </div>
  );
}
