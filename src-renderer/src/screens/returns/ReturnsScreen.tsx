import { useEffect, useState } from 'react';
import { can } from '../../../../src-shared/contract';
import { useReturnWizard } from '../../stores/return-wizard';
import { useReturns } from '../../stores/returns';
import { useSession } from '../../stores/session';
import { useOmsEvent } from '../../lib/use-oms-event';
import '../../styles/returns.css';
import { ReturnDetailPanel } from './ReturnDetailPanel';
import { ReturnsTable, ReturnsTabs, ReceiveScan } from './ReturnsList';
import { PolicyEditor } from './PolicyEditor';
import { ReturnsReportView } from './ReturnsReportView';
import { ReturnWizard } from './ReturnWizard';

/** Returns: open returns by status with ageing, the return wizard, and each RMA's steps. */
export function ReturnsScreen() {
  const role = useSession((s) => s.user?.role);
  const wizard = useReturnWizard((s) => s.active);
  const start = useReturnWizard((s) => s.start);
  const load = useReturns((s) => s.load);
  const openId = useReturns((s) => s.openId);
  const open = useReturns((s) => s.open);
  const search = useReturns((s) => s.search);
  const setSearch = useReturns((s) => s.setSearch);
  const canWrite = !!role && can(role, 'returns.write');
  const canReport = !!role && can(role, 'reports.read');
  const [view, setView] = useState<'list' | 'report' | 'policy'>('list');
  const currency = useSession((s) => s.info?.currency ?? 'USD');

  useEffect(() => {
    void load();
  }, [load]);
  // Someone else moved a return on: refresh the list, and the open one if it is it.
  useOmsEvent('returns.changed', ({ ids }) => {
    void load();
    if (openId !== null && ids.includes(openId)) void open(openId);
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && openId !== null && !wizard) void open(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, openId, wizard]);

  if (wizard) return <ReturnWizard />;
  const reportToggle = canReport ? (
    <button type="button" className="btn" onClick={() => setView('report')} data-testid="returns-report-toggle">
      Return rates
    </button>
  ) : null;
  const policyButton = (
    <button type="button" className="btn" onClick={() => setView('policy')} data-testid="returns-policy">
      Policy
    </button>
  );
  if (view !== 'list')
    return (
      <div className="returns-screen">
        <div className="returns-toolbar">
          <h2 className="page-title">{view === 'report' ? 'Return rates' : 'Return policy'}</h2>
          <button type="button" className="btn" onClick={() => setView('list')} data-testid="returns-back">
            Back to returns
          </button>
        </div>
        {view === 'report' ? <ReturnsReportView /> : <PolicyEditor currency={currency} />}
      </div>
    );
  return (
    <div className="returns-screen">
      <ReturnsTabs />
      <div className="returns-toolbar">
        <input className="input returns-search" type="search" aria-label="Search returns" placeholder="Search RMA, order, customer, email…" value={search} onChange={(e) => setSearch(e.target.value)} />
        <div className="returns-toolbar-right">
          {policyButton}
          {reportToggle}
          {canWrite ? <ReceiveScan /> : null}
          {canWrite ? (
            <button type="button" className="btn btn-primary" onClick={start} data-testid="new-return">
              New return
            </button>
          ) : null}
        </div>
      </div>
      <div className={`returns-body${openId !== null ? ' has-detail' : ''}`}>
        <div className="returns-list">
          <ReturnsTable />
        </div>
        <ReturnDetailPanel />
      </div>
    </div>
  );
}
