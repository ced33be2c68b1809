import { useState, type FormEvent } from 'react';
import { CASE_PRIORITIES, CASE_TYPES, type CasePriority, type CaseType, type TimelineKind } from '../../../../src-shared/contract';
import { Badge } from '../../components/Badge';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { formatDateTime, formatListDate, money, type Tone } from '../../lib/format';
import { useCases } from '../../stores/cases';
import { useCustomers } from '../../stores/customers';

const SEGMENT_TONE: Record<string, Tone> = {
  champion: 'green',
  loyal: 'green',
  promising: 'blue',
  new: 'blue',
  'needs attention': 'amber',
  'at risk': 'red',
  hibernating: 'neutral',
  'no orders': 'neutral',
};
const dateOnly = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const formatDate = (iso: string) => dateOnly.format(new Date(iso));
const KIND_LABEL: Record<TimelineKind, string> = { order: 'Order', fulfilment: 'Shipped', refund: 'Refund', return: 'Return', note: 'Note', merge: 'Merge', case: 'Case' };

export function CustomerProfilePanel() {
  const { openId, profile, profileError, noteError } = useCustomers();
  const open = useCustomers((s) => s.open);
  const addNote = useCustomers((s) => s.addNote);
  const [note, setNote] = useState('');
  const [caseFor, setCaseFor] = useState<{ orderId: number | null; orderName: string | null } | null>(null);
  if (openId === null) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (note.trim() && (await addNote(note.trim()))) setNote('');
  };

  return (
    <aside className="customer-panel" aria-label="Customer profile" data-testid="customer-profile">
      {profileError ? (
        <ErrorNotice error={profileError} onRetry={() => void open(openId)} />
      ) : !profile ? (
        <div className="panel-message">
          <Spinner label="Loading customer…" />
        </div>
      ) : (
        <>
          <header className="customer-head">
            <div>
              <h2 className="customer-name" data-testid="profile-name">
                {[profile.firstName, profile.lastName].filter(Boolean).join(' ') || `Customer #${profile.id}`}
              </h2>
              <div className="muted small">
                {profile.ref ? <span className="mono">{profile.ref}</span> : null}
                {profile.ref ? ' · ' : ''}customer since {formatListDate(profile.createdAt)}
                {profile.mergedIntoId ? ` · merged into #${profile.mergedIntoId}` : ''}
              </div>
            </div>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => void open(null)} aria-label="Close profile">
              Esc
            </button>
          </header>

          <section className="customer-stats" data-testid="profile-stats">
            <Stat label="Lifetime value" value={money(profile.stats.lifetimeValueMinor, profile.stats.currency ?? 'USD')} />
            <Stat label="Orders" value={String(profile.stats.orderCount)} />
            <Stat label="Average order" value={money(profile.stats.averageOrderMinor, profile.stats.currency ?? 'USD')} />
            <Stat label="First / last order" value={profile.stats.firstOrderAt ? `${formatDate(profile.stats.firstOrderAt)} – ${formatDate(profile.stats.lastOrderAt!)}` : '—'} />
            <div className="customer-stat">
              <div className="customer-stat-label">RFM segment</div>
              <div className="customer-stat-value" data-testid="profile-segment">
                <Badge tone={SEGMENT_TONE[profile.stats.rfm.segment] ?? 'neutral'}>{profile.stats.rfm.segment}</Badge>
                {profile.stats.rfm.recency ? (
                  <span className="muted small" title="Recency · frequency · monetary, 1–5">
                    {' '}
                    R{profile.stats.rfm.recency} F{profile.stats.rfm.frequency} M{profile.stats.rfm.monetary}
                  </span>
                ) : null}
              </div>
            </div>
          </section>

          <section className="card customer-card">
            <div className="card-header">
              <span className="card-title">Contact</span>
              {profile.contactMasked ? <span className="card-aside">masked for your role</span> : null}
            </div>
            <dl className="card-body customer-contact">
              <dt>Email</dt>
              <dd>{profile.email ?? '—'}</dd>
              <dt>Phone</dt>
              <dd className="mono">{profile.phone ?? '—'}</dd>
              <dt>Birth date</dt>
              <dd>{profile.birthDate ?? '—'}</dd>
              <dt>Address</dt>
              <dd>
                {profile.addresses.length
                  ? profile.addresses.map((a) => (
                      <div key={a.id}>
                        {[a.address1, a.address2, [a.postcode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ')}
                        {a.isDefault && profile.addresses.length > 1 ? <span className="muted small"> (default)</span> : null}
                      </div>
                    ))
                  : '—'}
              </dd>
            </dl>
          </section>

          <section className="card customer-card">
            <div className="card-header">
              <span className="card-title">Service</span>
              {!caseFor ? (
                <button type="button" className="btn btn-small" onClick={() => setCaseFor({ orderId: null, orderName: null })} data-testid="case-open-customer">
                  Open a case
                </button>
              ) : null}
            </div>
            {caseFor ? <NewCaseForm customerId={profile.id} orderId={caseFor.orderId} orderName={caseFor.orderName} onDone={() => setCaseFor(null)} /> : null}
          </section>

          <section className="card customer-card">
            <div className="card-header">
              <span className="card-title">Notes</span>
            </div>
            <form className="card-body customer-note-form" onSubmit={(e) => void submit(e)}>
              <textarea className="input" rows={2} placeholder="Add an internal note…" value={note} onChange={(e) => setNote(e.target.value)} aria-label="New note" data-testid="note-input" />
              <button type="submit" className="btn btn-small" disabled={!note.trim()} data-testid="note-add">
                Add note
              </button>
            </form>
            {noteError ? <ErrorNotice error={noteError} /> : null}
          </section>

          <section className="card customer-card">
            <div className="card-header">
              <span className="card-title">Timeline</span>
              <span className="card-aside">{profile.timeline.length} events</span>
            </div>
            <ol className="card-body customer-timeline" data-testid="profile-timeline">
              {profile.timeline.map((t, i) => (
                <li key={i} className={`ctl-item ctl-${t.kind}`}>
                  <span className="ctl-dot" aria-hidden="true" />
                  <div className="ctl-main">
                    <div>
                      <span className="ctl-kind">{KIND_LABEL[t.kind]}</span> <span className="strong">{t.title}</span>
                    </div>
                    {t.detail ? <div className={t.kind === 'note' ? 'ctl-note-body' : 'muted small'}>{t.detail}</div> : null}
                  </div>
                  <div className="ctl-side">
                    <time className="muted small" dateTime={t.at}>
                      {formatDateTime(t.at)}
                    </time>
                    {t.kind === 'order' && t.orderId ? (
                      <button type="button" className="link-button small" onClick={() => setCaseFor({ orderId: t.orderId, orderName: t.title.replace(/^Order /, '') })} data-testid="case-open-order">
                        Open case
                      </button>
                    ) : null}
                  </div>
                </li>
              ))}
              {profile.timeline.length === 0 ? <li className="muted">Nothing yet.</li> : null}
            </ol>
          </section>
        </>
      )}
    </aside>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="customer-stat">
      <div className="customer-stat-label">{label}</div>
      <div className="customer-stat-value">{value}</div>
    </div>
  );
}

const CASE_TYPE_OPTIONS = CASE_TYPES.map((t) => ({ value: t, label: t.charAt(0).toUpperCase() + t.slice(1).replace(/_/g, ' ') }));

/** Opens a case for this customer, about one of their orders when started from the timeline. */
function NewCaseForm({ customerId, orderId, orderName, onDone }: { customerId: number; orderId: number | null; orderName: string | null; onDone: () => void }) {
  const [type, setType] = useState<CaseType>(orderId ? 'missing_item' : 'question');
  const [priority, setPriority] = useState<CasePriority>('normal');
  const [subject, setSubject] = useState('');
  const create = useCases((s) => s.create);
  const error = useCases((s) => s.actionError);
  const setView = useCustomers((s) => s.setView);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await create({ customerId, ...(orderId ? { orderId } : {}), type, priority, subject: subject.trim() });
    if (created) {
      onDone();
      setView('cases');
    }
  };
  return (
    <form className="card-body case-new" onSubmit={(e) => void submit(e)} data-testid="case-new">
      {orderName ? <div className="input-wide muted small">About order {orderName}</div> : null}
      <input className="input input-wide" placeholder="What is it about?" value={subject} onChange={(e) => setSubject(e.target.value)} aria-label="Case subject" data-testid="case-subject" autoFocus />
      <select className="input" value={type} onChange={(e) => setType(e.target.value as CaseType)} aria-label="Case type" data-testid="case-type">
        {CASE_TYPE_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <select className="input" value={priority} onChange={(e) => setPriority(e.target.value as CasePriority)} aria-label="Case priority">
        {CASE_PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      {error ? <div className="input-wide"><ErrorNotice error={error} /></div> : null}
      <div className="input-wide case-reply-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={!subject.trim()} data-testid="case-create">
          Open case
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
