import { useEffect, useState, type FormEvent } from 'react';
import { can, CASE_PRIORITIES, CASE_STATUSES, type CaseStatus } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { formatDateTime } from '../../lib/format';
import { useCases } from '../../stores/cases';
import { useCustomers } from '../../stores/customers';
import { useUsers } from '../../stores/users';
import { CaseReply } from './CaseReply';
import { STATUS_LABEL, typeLabel } from './case-labels';

/** One case: status, priority, assignee and due time; the reply; notes and history. */
export function CasePanel() {
  const { openId, detail, actionError } = useCases();
  const s = useCases();
  const openCustomer = useCustomers((x) => x.open);
  const setView = useCustomers((x) => x.setView);
  const users = useUsers((x) => x.users);
  const usersStatus = useUsers((x) => x.status);
  const [note, setNote] = useState('');
  useEffect(() => {
    if (usersStatus === 'idle') void useUsers.getState().load();
  }, [usersStatus]);
  // A: jump to the assignee (then arrow keys pick a person); Esc closes the case.
  useEffect(() => {
    if (openId === null) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      const typing = t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
      if (e.key === 'Escape' && !typing) void useCases.getState().open(null);
      if ((e.key === 'a' || e.key === 'A') && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        document.querySelector<HTMLSelectElement>('[data-testid="case-assignee"]')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openId]);
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
  // Anyone who works cases may be given one; a past assignee stays listed so the select shows them.
  const assignable = users.filter((u) => (u.active && can(u.role, 'customers.write')) || u.id === detail.assigneeId);
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
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    setView('customers');
                    void openCustomer(detail.customerId);
                  }}
                >
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
      {actionError ? <ErrorNotice error={actionError} testId="case-error" /> : null}
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
          <label>
            <span>
              Assignee <kbd className="kbd">A</kbd>
            </span>
            <select
              className="input"
              value={detail.assigneeId ?? ''}
              onChange={(e) => void s.update({ assigneeId: e.target.value ? Number(e.target.value) : null })}
              data-testid="case-assignee"
              aria-keyshortcuts="a"
            >
              <option value="">Nobody yet</option>
              {assignable.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
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
      <CaseReply />
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
