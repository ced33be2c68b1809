import { useState, type FormEvent } from 'react';
import { RETURN_STATUSES, RETURN_STATUS_LABELS } from '../../../../src-shared/returns/types';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { formatCount, formatListDate, money } from '../../lib/format';
import { useReturns, type ReturnTab } from '../../stores/returns';
import { AgeCell, resolutionLabel, ReturnStatusBadge } from './return-labels';

const TABS: { tab: ReturnTab; label: string }[] = [
  { tab: 'open', label: 'Open' },
  ...RETURN_STATUSES.map((s) => ({ tab: s as ReturnTab, label: RETURN_STATUS_LABELS[s] })),
  { tab: 'all', label: 'All' },
];

export function ReturnsTabs() {
  const tab = useReturns((s) => s.tab);
  const counts = useReturns((s) => s.list?.counts);
  const setTab = useReturns((s) => s.setTab);
  return (
    <nav className="view-tabs" aria-label="Return status">
      {TABS.map((t) => (
        <button key={t.tab} type="button" className={`view-tab${tab === t.tab ? ' is-active' : ''}`} aria-pressed={tab === t.tab} onClick={() => setTab(t.tab)} data-testid={`returns-tab-${t.tab}`}>
          {t.label}
          <span className="view-tab-count" data-testid={`returns-count-${t.tab}`}>
            {counts ? formatCount(counts[t.tab]) : '·'}
          </span>
        </button>
      ))}
    </nav>
  );
}

/** Scanning the barcode on a return slip (or typing the RMA number) receives the parcel. */
export function ReceiveScan() {
  const receive = useReturns((s) => s.receive);
  const busy = useReturns((s) => s.busy);
  const [rma, setRma] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!rma.trim()) return;
    if (await receive(rma.trim())) setRma('');
  };
  return (
    <form className="receive-scan" onSubmit={(e) => void submit(e)}>
      <input className="input" aria-label="Receive by RMA number" placeholder="Scan RMA to receive…" value={rma} onChange={(e) => setRma(e.target.value)} data-testid="receive-rma" />
      <button type="submit" className="btn" disabled={busy || !rma.trim()}>
        Receive
      </button>
    </form>
  );
}

export function ReturnsTable() {
  const list = useReturns((s) => s.list);
  const status = useReturns((s) => s.status);
  const error = useReturns((s) => s.error);
  const load = useReturns((s) => s.load);
  const openId = useReturns((s) => s.openId);
  const open = useReturns((s) => s.open);
  const tab = useReturns((s) => s.tab);

  if (status === 'error' && error) return <ErrorNotice error={error} onRetry={() => void load()} />;
  if (!list)
    return (
      <div className="panel-message">
        <Spinner label="Loading returns…" />
      </div>
    );
  if (list.items.length === 0)
    return (
      <EmptyState title={tab === 'open' ? 'No open returns' : 'No returns here'} testId="returns-empty">
        {tab === 'open' ? 'Start one with “New return” when a customer asks.' : 'Try another status.'}
      </EmptyState>
    );
  return (
    <table className="table returns-table" data-testid="returns-table">
      <thead>
        <tr>
          <th>RMA</th>
          <th>Order</th>
          <th>Customer</th>
          <th>Status</th>
          <th className="col-optional">Resolution</th>
          <th className="num">Items</th>
          <th className="num">Amount</th>
          <th className="col-optional">Requested</th>
          <th className="num">Age</th>
          <th className="num col-optional">In status</th>
        </tr>
      </thead>
      <tbody>
        {list.items.map((r) => (
          <tr key={r.id} className={`returns-row${openId === r.id ? ' is-open' : ''}`} onClick={() => void open(r.id)} data-testid="return-row" data-rma={r.number}>
            <td className="mono strong">{r.number}</td>
            <td>{r.orderName}</td>
            <td className="ellipsis">{r.customerName}</td>
            <td>
              <ReturnStatusBadge status={r.status} />
              {r.needsApproval && r.status === 'requested' ? <span className="approval-flag" title="Needs a manager’s approval">Manager</span> : null}
            </td>
            <td className="muted col-optional">{resolutionLabel(r.resolution)}</td>
            <td className="num">{r.units}</td>
            <td className="num">{money(r.totalMinor, r.currency)}</td>
            <td className="muted col-optional">{formatListDate(r.createdAt)}</td>
            <td className="num">
              <AgeCell days={r.ageDays} />
            </td>
            <td className="num muted col-optional">{r.daysInStatus === 0 ? 'today' : `${r.daysInStatus} d`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
