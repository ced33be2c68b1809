import { useEffect } from 'react';
import { can, type SyncResourceName } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { useOmsEvent } from '../../lib/use-oms-event';
import { useSession } from '../../stores/session';
import { useSync, type LiveProgress } from '../../stores/sync';
import { ConnectionCard } from './ConnectionCard';
import { RunHistoryCard } from './RunHistoryCard';
import { ScheduleCard } from './ScheduleCard';
import { OutboxCard, QuarantineCard } from './SyncQueues';
import '../../styles/sync.css';

export const RESOURCE_LABELS: Record<SyncResourceName, string> = { locations: 'Locations', products: 'Products and variants', inventory: 'Stock levels', customers: 'Customers', orders: 'Orders, fulfilments and refunds' };

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : 'never');

/** The link with the shop: connection, a progress bar per resource during a run, schedule, history, the outbox and the quarantine. */
export function SyncScreen() {
  const role = useSession((s) => s.user?.role);
  const canManage = !!role && can(role, 'sync.manage');
  const { status, outbox, quarantine, live, running, loading, error, load, runNow, onProgress } = useSync();

  useEffect(() => {
    void load();
  }, [load]);
  useOmsEvent('sync.progress', onProgress);
  // "r" syncs now, as the button does (not while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key !== 'r' || e.ctrlKey || e.metaKey || e.altKey || (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      const s = useSync.getState();
      if (canManage && s.status?.connected && !s.running) void s.runNow();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canManage]);

  if (!status) {
    return (
      <div className="page">
        {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : <div className="panel-message"><Spinner label="Loading sync status…" /></div>}
      </div>
    );
  }
  const last = status.lastRun;
  // Resources are read in order: one before the latest that has progress is finished for this run.
  const latest = Math.max(-1, ...status.resources.map((r, i) => (live[r.resource] ? i : -1)));
  return (
    <div className="page sync-page" data-testid="sync-screen">
      <div className="page-head">
        <div>
          <h2 className="page-title">Sync</h2>
          <p className="page-sub">
            {status.connected ? (
              status.demo ? (
                <>
                  Connected to the built-in <strong>demo store</strong> (runs inside Orderhouse, no account, no internet). New orders arrive every minute or so. Local changes are sent first, then what changed at the shop is read.
                </>
              ) : (
                <>
                  Connected to <strong>{status.shop}</strong> (Shopify). Local changes are sent first, then what changed at the shop is read.
                </>
              )
            ) : (
              <>No shop is connected. {role === 'owner' ? 'Connect one below.' : 'The owner can connect one on this screen.'}</>
            )}
          </p>
        </div>
        {canManage && status.connected ? (
          <button type="button" className="btn btn-primary" disabled={running} onClick={() => void runNow()} data-testid="sync-now" title="Sync now (R)">
            {running ? 'Syncing…' : 'Sync now'}
          </button>
        ) : null}
      </div>
      {error ? <ErrorNotice error={error} /> : null}

      <ConnectionCard />

      {status.connected ? (
        <section className="card">
          <header className="card-header">
            <h3 className="card-title">Shop data</h3>
            <span className="card-aside" data-testid="sync-last-run">
              {running ? (
                <span className="badge badge-blue">syncing…</span>
              ) : last ? (
                <>
                  Last run {when(last.finishedAt)} · {last.ok ? <span className="badge badge-green">ok</span> : <span className="badge badge-red">stopped</span>}
                </>
              ) : (
                'Not synced yet'
              )}
            </span>
          </header>
          {last && !last.ok && last.error && !running ? <p className="sync-error" data-testid="sync-run-error">{last.error}</p> : null}
          <table className="table sync-resources">
            <thead>
              <tr>
                <th>What</th>
                <th>Progress</th>
                <th className="num">Last run: new / changed</th>
                <th>Last complete pass</th>
              </tr>
            </thead>
            <tbody>
              {status.resources.map((r, i) => {
                const res = last?.resources[r.resource];
                return (
                  <tr key={r.resource} data-testid={`sync-resource-${r.resource}`}>
                    <td>{RESOURCE_LABELS[r.resource]}</td>
                    <td className="sync-progress-cell">
                      <ProgressCell label={RESOURCE_LABELS[r.resource]} running={running} p={live[r.resource]} finished={i < latest} inProgress={r.inProgress} upToDate={Boolean(r.lastSuccessAt)} />
                    </td>
                    <td className="num">{res ? `${res.inserted.toLocaleString()} / ${res.updated.toLocaleString()}${res.quarantined ? ` · ${res.quarantined} quarantined` : ''}` : '—'}</td>
                    <td>{when(r.lastSuccessAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ) : null}

      {status.connected ? <ScheduleCard /> : null}
      {status.connected ? <RunHistoryCard /> : null}
      <OutboxCard items={outbox} canManage={canManage} pending={status.outbox.pending} failed={status.outbox.failed} />
      <QuarantineCard items={quarantine} canManage={canManage} />
      {loading ? <p className="muted small">Refreshing…</p> : null}
    </div>
  );
}

/** A bar that fills when the shop said how many records there are (first import), a moving one when it did not. */
function ProgressCell({ label, running, p, finished, inProgress, upToDate }: { label: string; running: boolean; p: LiveProgress | undefined; finished: boolean; inProgress: boolean; upToDate: boolean }) {
  if (running && p) {
    const pct = p.total ? Math.min(100, Math.round((p.records / p.total) * 100)) : finished ? 100 : null;
    const counted = p.total ? `${p.records.toLocaleString()} of ${p.total.toLocaleString()} · ${pct}%` : `${p.records.toLocaleString()} read${finished ? ' · done' : ` · ${p.pages} page${p.pages === 1 ? '' : 's'}`}`;
    // The engine names a long step that reads no records (a first import's closing work); once every record is read, the step alone says it.
    const text = p.message && !finished ? (p.total && p.records >= p.total ? p.message : `${counted} · ${p.message}`) : counted;
    return (
      <div className="sync-progress" role="progressbar" aria-label={`${label}: ${text}`} aria-valuemin={0} aria-valuemax={p.total ?? undefined} aria-valuenow={p.total ? p.records : undefined}>
        {pct !== null ? <div className="sync-progress-bar sync-progress-fill" style={{ width: `${pct}%` }} /> : <div className="sync-progress-bar sync-progress-moving" />}
        <span className="sync-progress-text" title={text}>
          {text}
          {p.quarantined ? ` · ${p.quarantined} quarantined` : ''}
        </span>
      </div>
    );
  }
  if (running) return <span className="muted">waiting…</span>;
  if (inProgress) return <span className="badge badge-amber">part-way (resumes at the next run)</span>;
  if (upToDate) return <span className="badge badge-green">up to date</span>;
  return <span className="muted">—</span>;
}
