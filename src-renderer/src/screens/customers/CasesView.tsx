import { useEffect, useState, type FormEvent } from 'react';
import { CASE_PRIORITIES, CASE_STATUSES, type CaseStatus } from '../../../../src-shared/contract';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { formatDateTime } from '../../lib/format';
import { useCases, type CaseTab } from '../../stores/cases';
import { useCustomers } from '../../stores/customers';

export const STATUS_LABEL: Record<CaseStatus, string> = { open: 'Open', waiting_on_customer: 'Waiting on customer', resolved: 'Resolved' };
export const typeLabel = (t: string) => t.charAt(0).toUpperCase() + t.slice(1).replace(/_/g, ' ');
const PRIORITY_TONE = { low: 'neutral', normal: 'blue', high: 'amber', urgent: 'red' } as const;
const TABS: { tab: CaseTab; label: string }[] = [{ tab: 'active', label: 'Active' }, ...CASE_STATUSES.map((s) => ({ tab: s as CaseTab, label: STATUS_LABEL[s] })), { tab: 'all', label: 'All' }];

/** Service cases: overdue first, counts per status, and the open case with notes and reply templates. */
export function CasesView() {
  const { tab, items, counts, status, error, openId } = useCases();
  const load = useCases((s) => s.load);
  const setTab = useCases((s) => s.setTab);
  const open = useCases((s) => s.open);
  useEffect(() => {
    void load();
  }, [load]);

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
                  <th>Status</th>
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
                    <td>{STATUS_LABEL[c.status]}</td>
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

function CasePanel() {
  const { openId, detail, actionError, reply } = useCases();
  const s = useCases();
  const openCustomer = useCustomers((x) => x.open);
  const setView = useCustomers((x) => x.setView);
  const [note, setNote] = useState('');
  const [copied, setCopied] = useState(false);
  if (openId === null) return null;
  if (!detail)
    return (
      <aside className="customer-panel">
        {actionError ? <ErrorNotice error={actionError} /> : <Spinner label="Loading case…" />}
      </aside>
    );
  const submitNote = async (e: FormEvent) => {
    e.preventDefault();
    if (note.trim() && (await s.addNote('note', note.trim()))) setNote('');
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(reply);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <aside className="customer-panel" aria-label="Case" data-testid="case-panel">
      <header className="customer-head">
        <div>
          <h2 className="customer-name">{detail.subject}</h2>
          <div className="muted small">
            <span className="mono">{detail.number}</span> · {typeLabel(detail.type)} · opened {formatDateTime(detail.createdAt)}
            {detail.customerId ? (
              <>
                {' · '}
                <button type="button" className="link-button" onClick={() => {
                    setView('customers');
                    void openCustomer(detail.customerId);
                  }}>
                  {detail.customerName ?? `customer #${detail.customerId}`}
                </button>
              </>
            ) : null}
            {detail.orderName ? ` · order ${detail.orderName}` : ''}
          </div>
        </div>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => void s.open(null)}>
          Esc
        </button>
      </header>
      {actionError ? <ErrorNotice error={actionError} /> : null}
      <section className="card customer-card">
        <div className="card-body case-controls">
          <label>
            Status
            <select className="input" value={detail.status} onChange={(e) => void s.update({ status: e.target.value as CaseStatus })} data-testid="case-status">
              {CASE_STATUSES.map((x) => (
                <option key={x} value={x}>
                  {STATUS_LABEL[x]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Priority
            <select className="input" value={detail.priority} onChange={(e) => void s.update({ priority: e.target.value as (typeof CASE_PRIORITIES)[number] })} data-testid="case-priority">
              {CASE_PRIORITIES.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </label>
          <div className={detail.overdue ? 'case-due-overdue' : ''} data-testid="case-due">
            <div className="customer-stat-label">Due</div>
            {detail.overdue ? 'Overdue · ' : ''}
            {formatDateTime(detail.dueAt)}
          </div>
        </div>
      </section>
      <section className="card customer-card">
        <div className="card-header">
          <span className="card-title">Reply</span>
          <select className="input input-small" value="" onChange={(e) => e.target.value && void s.useTemplate(e.target.value)} aria-label="Reply template" data-testid="case-template">
            <option value="">Use a template…</option>
            {detail.templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="card-body case-reply">
          <textarea className="input" rows={6} value={reply} onChange={(e) => s.setReply(e.target.value)} placeholder="Write a reply, or start from a template." data-testid="case-reply" />
          <div className="case-reply-actions">
            <button type="button" className="btn btn-small" disabled={!reply.trim()} onClick={() => void copy()} data-testid="case-copy">
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" className="btn btn-small btn-primary" disabled={!reply.trim()} onClick={() => void s.addNote('reply', reply.trim())} data-testid="case-record-reply">
              Record as sent
            </button>
            <span className="muted small">Sending by email needs an SMTP server (not set up yet): copy the reply into your mail program.</span>
          </div>
        </div>
      </section>
      <section className="card customer-card">
        <div className="card-header">
          <span className="card-title">Notes and history</span>
        </div>
        <form className="card-body customer-note-form" onSubmit={(e) => void submitNote(e)}>
          <textarea className="input" rows={2} placeholder="Add an internal note…" value={note} onChange={(e) => setNote(e.target.value)} aria-label="New case note" />
          <button type="submit" className="btn btn-small" disabled={!note.trim()}>
            Add note
          </button>
        </form>
        <ol className="card-body customer-timeline" data-testid="case-notes">
          {[...detail.notes].reverse().map((n) => (
            <li key={n.id} className={`ctl-item ctl-${n.kind === 'reply' ? 'fulfilment' : n.kind === 'status' ? 'merge' : 'note'}`}>
              <span className="ctl-dot" aria-hidden="true" />
              <div className="ctl-main">
                <span className="ctl-kind">{n.kind === 'reply' ? 'Reply sent' : n.kind === 'status' ? 'Change' : 'Note'}</span> {n.author ? <span className="muted small">by {n.author}</span> : null}
                <div className={n.kind === 'status' ? 'muted small' : 'ctl-note-body'}>{n.body}</div>
              </div>
              <time className="muted small">{formatDateTime(n.createdAt)}</time>
            </li>
          ))}
        </ol>
      </section>
    </aside>
  );
}
