import { useEffect } from 'react';
import { can } from '../../../../src-shared/contract';
import { useSession } from '../../stores/session';
import { formatCount } from '../../lib/format';
import { useOmsEvent } from '../../lib/use-oms-event';
import { useCustomers } from '../../stores/customers';
import { useDuplicates } from '../../stores/duplicates';
import { useCases } from '../../stores/cases';
import { CasesView } from './CasesView';
import '../../styles/customers.css';
import { CustomerList } from './CustomerList';
import { CustomerProfilePanel } from './CustomerProfilePanel';
import { DuplicateReview } from './DuplicateReview';
import { ImportView } from './import/ImportView';

/** Customers: search and profile with the whole story, and the duplicate review queue. */
export function CustomersScreen() {
  const tab = useCustomers((s) => s.view);
  const setTab = useCustomers((s) => s.setView);
  const caseCounts = useCases((s) => s.counts);
  const total = useCustomers((s) => s.total);
  const dupTotal = useDuplicates((s) => s.total);
  const dupStatus = useDuplicates((s) => s.status);
  const loadDuplicates = useDuplicates((s) => s.load);
  const openId = useCustomers((s) => s.openId);

  const role = useSession((s) => s.user?.role);
  const canWrite = !!role && can(role, 'customers.write');
  useEffect(() => {
    if (dupStatus === 'idle') void loadDuplicates({ autoScan: canWrite });
  }, [dupStatus, loadDuplicates, canWrite]);
  useEffect(() => {
    if (useCases.getState().status === 'idle') void useCases.getState().load();
  }, []);
  useOmsEvent('job.progress', (p) => {
    if (p.job === 'duplicates.scan') useDuplicates.getState().scanProgress(p);
  });

  return (
    <div className="customers-screen">
      <nav className="view-tabs" aria-label="Customers views">
        <button type="button" className={`view-tab${tab === 'customers' ? ' is-active' : ''}`} aria-pressed={tab === 'customers'} onClick={() => setTab('customers')} data-testid="customers-tab-list">
          Customers <span className="view-tab-count">{formatCount(total)}</span>
        </button>
        <button type="button" className={`view-tab${tab === 'duplicates' ? ' is-active' : ''}`} aria-pressed={tab === 'duplicates'} onClick={() => setTab('duplicates')} data-testid="customers-tab-duplicates">
          Duplicates <span className="view-tab-count" data-testid="duplicates-count">{formatCount(dupTotal)}</span>
        </button>
        <button type="button" className={`view-tab${tab === 'cases' ? ' is-active' : ''}`} aria-pressed={tab === 'cases'} onClick={() => setTab('cases')} data-testid="customers-tab-cases">
          Cases{' '}
          <span className={`view-tab-count${caseCounts?.overdue ? ' is-alert' : ''}`} title={caseCounts?.overdue ? `${caseCounts.overdue} overdue` : undefined}>
            {caseCounts ? formatCount(caseCounts.open + caseCounts.waiting_on_customer) : '·'}
          </span>
        </button>
        {canWrite ? (
          <button type="button" className={`view-tab${tab === 'import' ? ' is-active' : ''}`} aria-pressed={tab === 'import'} onClick={() => setTab('import')} data-testid="customers-tab-import">
            Import
          </button>
        ) : null}
      </nav>
      {tab === 'cases' ? (
        <CasesView />
      ) : tab === 'import' ? (
        <ImportView />
      ) : tab === 'customers' ? (
        <div className={`customers-body${openId !== null ? ' has-detail' : ''}`}>
          <CustomerList />
          <CustomerProfilePanel />
        </div>
      ) : (
        <DuplicateReview />
      )}
    </div>
  );
}
