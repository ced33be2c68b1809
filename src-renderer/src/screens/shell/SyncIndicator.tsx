import { useCallback, useEffect, useState } from 'react';
import { can, type SyncStatus } from '../../../../src-shared/contract';
import { call } from '../../lib/api';
import { useOmsEvent } from '../../lib/use-oms-event';
import { useNav } from '../../stores/nav';
import { useSession } from '../../stores/session';
import { useSync } from '../../stores/sync';
import '../../styles/sync.css';

type State = 'none' | 'running' | 'ok' | 'failed' | 'offline';

function ago(iso: string): string {
  const m = Math.round((Date.now() - Date.parse(iso)) / 60_000);
  if (m < 1) return 'just now';
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  return h < 24 ? `${h} h ago` : new Date(iso).toLocaleDateString();
}

/**
 * Sync state at a glance in the top bar: syncing (with the first import's
 * percentage), last success, failed, or offline. Works offline: the app keeps
 * working on its local copy, this only says how fresh it is. Opens the Sync screen.
 */
export function SyncIndicator() {
  const role = useSession((s) => s.user?.role);
  const allowed = !!role && can(role, 'sync.read');
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [pct, setPct] = useState<number | null>(null);
  const [online, setOnline] = useState(navigator.onLine);

  const refresh = useCallback(() => {
    void call('sync.status').then((r) => {
      if (r.ok) setStatus(r.result);
    });
  }, []);
  useEffect(() => {
    if (!allowed) return;
    // First read on the next tick, then every 30 s ("synced 3 min ago" stays true) and at every run's end.
    const first = setTimeout(refresh, 0);
    // The Sync screen's own reads (after connect, disconnect, a run) update the indicator too.
    const unsubscribe = useSync.subscribe((st, prev) => {
      if (st.status && st.status !== prev.status) setStatus(st.status);
    });
    const t = setInterval(refresh, 30_000);
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      clearTimeout(first);
      unsubscribe();
      clearInterval(t);
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, [allowed, refresh]);
  useOmsEvent('sync.progress', (p) => {
    if (p.phase === 'start') {
      setPct(null);
      setStatus((s) => (s ? { ...s, running: true } : s));
    } else if (p.phase === 'pull' && p.resource === 'orders' && p.total) setPct(Math.min(100, Math.round((p.records / p.total) * 100)));
    else if (p.phase === 'done' || p.phase === 'failed') {
      setPct(null);
      refresh();
    }
  });

  if (!allowed || !status) return null;
  const state: State = !status.connected ? 'none' : status.running ? 'running' : (!online && !status.demo) || status.offline ? 'offline' : status.lastRun && !status.lastRun.ok ? 'failed' : 'ok';
  const text =
    state === 'none' ? 'No shop connected'
    : state === 'running' ? `Syncing${pct !== null ? ` ${pct}%` : '…'}`
    : state === 'offline' ? `Offline${status.lastSuccessAt ? ` · synced ${ago(status.lastSuccessAt)}` : ''}`
    : state === 'failed' ? 'Sync failed'
    : status.lastSuccessAt ? `Synced ${ago(status.lastSuccessAt)}` : 'Not synced yet';
  const title = state === 'failed' ? (status.lastRun?.error ?? 'The last sync failed') : status.demo ? 'Built-in demo store' : (status.shop ?? '');
  return (
    <button type="button" className="sync-indicator" data-testid="sync-indicator" data-state={state} title={title} onClick={() => useNav.getState().go('sync')}>
      <span className={`sync-dot sync-dot-${state}`} aria-hidden="true" />
      {text}
    </button>
  );
}
