import { useEffect, useState } from 'react';
import type { OmsErrorShape } from '../../../../src-shared/contract';
import type { ReturnRateRow, ReturnsReport } from '../../../../src-shared/returns/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { call } from '../../lib/api';
import { formatCount } from '../../lib/format';
import '../../styles/returns-report.css';

const PERIODS = [
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last 12 months' },
];

const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(rate < 0.1 ? 1 : 0)} %`);

/** Return rate by product, reason and customer, for orders placed in the period. */
export function ReturnsReportView() {
  const [days, setDays] = useState(90);
  const [report, setReport] = useState<ReturnsReport | null>(null);
  const [error, setError] = useState<OmsErrorShape | null>(null);
  useEffect(() => {
    let live = true;
    const to = new Date();
    void call('returns.report', { from: new Date(to.getTime() - days * 86_400_000).toISOString(), to: to.toISOString(), limit: 12 }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setReport(r.result);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [days]);

  if (error) return <ErrorNotice error={error} />;
  if (!report)
    return (
      <div className="panel-message">
        <Spinner label="Counting returns…" />
      </div>
    );
  return (
    <div className="returns-report" data-testid="returns-report">
      <div className="report-head">
        <div className="report-kpis">
          <div>
            <div className="kpi-value" data-testid="report-rate">
              {pct(report.rate)}
            </div>
            <div className="kpi-label">return rate</div>
          </div>
          <div>
            <div className="kpi-value">{formatCount(report.unitsReturned)}</div>
            <div className="kpi-label">units returned</div>
          </div>
          <div>
            <div className="kpi-value">{formatCount(report.unitsSold)}</div>
            <div className="kpi-label">units sold</div>
          </div>
        </div>
        <select className="select" aria-label="Period" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {PERIODS.map((p) => (
            <option key={p.days} value={p.days}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      {report.incomplete ? (
        <div className="notice notice-info" role="status" data-testid="report-incomplete">
          <div className="notice-text">
            Still counting after the import: {report.incomplete.of ? Math.floor((report.incomplete.counted / report.incomplete.of) * 100) : 0}% of {formatCount(report.incomplete.of)} orders are in these figures
            so far. Open the report again in a moment for the whole picture.
          </div>
        </div>
      ) : null}
      <p className="muted small">Orders placed in the period; returned units are Orderhouse returns (not rejected) and restocking refunds made on the shop platform.</p>
      <div className="report-grid">
        <RateTable title="By product" rows={report.byProduct} />
        <section className="card">
          <header className="card-header">
            <h3 className="card-title">By reason</h3>
          </header>
          <div className="card-body">
            {report.byReason.length === 0 ? (
              <p className="muted">No returns in this period.</p>
            ) : (
              <table className="table">
                <tbody>
                  {report.byReason.map((r) => (
                    <tr key={r.reason}>
                      <td>{r.label}</td>
                      <td className="num">{formatCount(r.units)}</td>
                      <td className="bar-cell">
                        <span className="bar" style={{ width: `${Math.round(r.share * 100)}%` }} />
                      </td>
                      <td className="num muted">{pct(r.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </section>
        <RateTable title="By customer" rows={report.byCustomer} />
      </div>
    </div>
  );
}

function RateTable({ title, rows }: { title: string; rows: ReturnRateRow[] }) {
  return (
    <section className="card">
      <header className="card-header">
        <h3 className="card-title">{title}</h3>
      </header>
      <div className="card-body">
        {rows.length === 0 ? (
          <p className="muted">No returns in this period.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th />
                <th className="num">Sold</th>
                <th className="num">Returned</th>
                <th className="num">Rate</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <td>
                    {r.label}
                    {r.sub ? <div className="muted small">{r.sub}</div> : null}
                  </td>
                  <td className="num">{formatCount(r.sold)}</td>
                  <td className="num">{formatCount(r.returned)}</td>
                  <td className={`num ${r.rate !== null && r.rate >= 0.3 ? 'rate-high' : ''}`}>{pct(r.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
