import { useEffect } from 'react';
import { can, CASE_STATUSES, type CaseStatus } from '../../../../src-shared/contract';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../lib/format';
import { useCases, type CaseTab } from '../../stores/cases';
import { useSession } from '../../stores/session';
import { CasePanel } from './CasePanel';
import { CaseSettingsView } from './CaseSettingsView';
import { STATUS_LABEL, typeLabel } from './case-labels';

const PRIORITY_TONE = { low: 'neutral', normal: 'blue', high: 'amber', urgent: 'red' } as const;
const TABS: { tab: CaseTab; label: string }[] = [{ tab: 'active', label: 'Active' }, ...CASE_STATUSES.map((s) => ({ tab: s as CaseTab, label: STATUS_LABEL[s] })), { tab: 'all', label: 'All' }];

/** Service cases: overdue first, counts per status, and the open case with notes and reply templates. */
export function CasesView() {
  const { tab, items, counts, status, error, openId } = useCases();
  const load = useCases((s) => s.load);
  const setTab = useCases((s) => s.setTab);
  const open = useCases((s) => s.open);
  const showSettings = useCases((s) => s.showSettings);
  const setShowSettings = useCases((s) => s.setShowSettings);
  const role = useSession((s) => s.user?.role);
  const canConfigure = !!role && can(role, 'cases.configure');
  useEffect(() => {
    void load();
  }, [load]);
  if (showSettings && canConfigure) return <CaseSettingsView onClose={() => setShowSettings(false)} />;

  return (
    <div className={`customers-body${openId !== null ? ' has-detail' : ''}`}>
      <div className="customers-list">
        <div className="customers-toolbar cases-toolbar">
          {TABS.map((t) => (
            <button key={t.tab} type="button" className={`btn btn-small${tab === t.tab ? ' btn-primary' : ' btn-ghost'}`} onClick={() => setTab(t.tab)} data-testid={`cases-tab-${t.tab}`}>
              {t.label}
              {counts && t.tab !== 'all' && t.tab !== 'active' ? <span className="cases-count"> {counts[t.tab as CaseStatus]}</span> : null}
            </button>
          ))}
          {counts?.overdue ? (
            <span className="cases-overdue-count" data-testid="cases-overdue">
              {counts.overdue} overdue
            </span>
          ) : null}
          {canConfigure ? (
            <button type="button" className="btn btn-small btn-ghost cases-settings-btn" onClick={() => setShowSettings(true)} data-testid="cases-settings">
              Settings
            </button>
          ) : null}
        </div>
        {status === 'error' && error ? (
          <ErrorNotice error={error} onRetry={() => void load()} />
        ) : items.length === 0 && status === 'ready' ? (
          <EmptyState title="No cases here" testId="cases-empty">
            Open a case from a customer’s profile or from one of their orders.
          </EmptyState>
        ) : (
          <div className="customers-scroll">
            <table className="table customers-table" data-testid="cases-table">
              <thead>
                <tr>
                  <th>Case</th>
                  <th>Subject</th>
                  <th>Customer</th>
                  <th>Order</th>
                  <th>Type</th>
                  <th>Priority</th>
                  <th>Status · assignee</th>
                  <th>Due</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} className={`customers-row${openId === c.id ? ' is-open' : ''}${c.overdue ? ' case-overdue' : ''}`} onClick={() => void open(c.id)} data-testid="case-row" data-overdue={c.overdue}>
                    <td className="mono">{c.number}</td>
                    <td className="strong ellipsis">{c.subject}</td>
                    <td className="ellipsis">{c.customerName ?? '—'}</td>
                    <td>{c.orderName ?? '—'}</td>
                    <td className="muted">{typeLabel(c.type)}</td>
                    <td>
                      <Badge tone={PRIORITY_TONE[c.priority]}>{c.priority}</Badge>
                    </td>
                    <td>
                      {STATUS_LABEL[c.status]}
                      <div className="muted small" data-testid="case-row-assignee">
                        {c.assignee ?? 'unassigned'}
                      </div>
                    </td>
                    <td className={c.overdue ? 'case-due-overdue' : 'muted'}>{c.overdue ? `Overdue · ${formatDateTime(c.dueAt)}` : formatDateTime(c.dueAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <CasePanel />
    </div>
  );
}
