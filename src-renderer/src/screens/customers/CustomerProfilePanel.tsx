import { useState, type FormEvent } from 'react';
import type { TimelineKind } from '../../../../src-shared/contract';
import { Badge } from '../../components/Badge';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { formatDateTime, formatListDate, money, type Tone } from '../../lib/format';
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
                  <time className="muted small" dateTime={t.at}>
                    {formatDateTime(t.at)}
                  </time>
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
