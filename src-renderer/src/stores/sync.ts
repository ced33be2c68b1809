import { create } from 'zustand';
import type { EventMap, OmsErrorShape, OutboxEntry, QuarantineEntry, SyncRunEntry, SyncScheduleSetting, SyncStatus } from '../../../src-shared/contract';
import { call } from '../lib/api';

/** The Sync screen's state: status, live progress per resource during a run, outbox and quarantine. */
export interface LiveProgress { records: number; total: number | null; pages: number; quarantined: number; phase: string; message?: string }

interface SyncState {
  status: SyncStatus | null;
  outbox: OutboxEntry[];
  quarantine: QuarantineEntry[];
  live: Record<string, LiveProgress>;
  runs: SyncRunEntry[];
  loading: boolean;
  running: boolean;
  error: OmsErrorShape | null;
  load(): Promise<void>;
  setSchedule(s: SyncScheduleSetting): Promise<OmsErrorShape | null>;
  connect(shop: string, token: string): Promise<OmsErrorShape | null>;
  disconnect(): Promise<OmsErrorShape | null>;
  runNow(): Promise<void>;
  onProgress(p: EventMap['sync.progress']): void;
  retryOutbox(id: number): Promise<OmsErrorShape | null>;
  cancelOutbox(id: number, reason: string): Promise<OmsErrorShape | null>;
  retryQuarantine(id: number): Promise<OmsErrorShape | null>;
  discardQuarantine(id: number, reason: string): Promise<OmsErrorShape | null>;
}

export const useSync = create<SyncState>((set, get) => ({
  status: null,
  outbox: [],
  quarantine: [],
  live: {},
  runs: [],
  loading: false,
  running: false,
  error: null,
  async load() {
    set({ loading: true });
    const [status, outbox, quarantine, runs] = await Promise.all([call('sync.status'), call('sync.outbox.list', { status: 'open', limit: 200 }), call('sync.quarantine.list', { status: 'open', limit: 200 }), call('sync.runs', { limit: 20 })]);
    if (!status.ok) return set({ loading: false, error: status.error });
    // A run already going when the screen opens: its progress so far comes with the status.
    const live = { ...get().live };
    for (const [k, v] of Object.entries(status.result.live)) if (v && (!live[k] || live[k].records < v.records)) live[k] = { ...v, phase: 'pull' };
    set({
      loading: false,
      error: null,
      status: status.result,
      live: status.result.running ? live : get().live,
      runs: runs.ok ? runs.result.items : get().runs,
      running: status.result.running,
      outbox: outbox.ok ? outbox.result.items : [],
      quarantine: quarantine.ok ? quarantine.result.items : [],
    });
  },
  async runNow() {
    set({ running: true, live: {}, error: null });
    const r = await call('sync.run', {});
    set({ running: false });
    if (!r.ok) set({ error: r.error });
    await get().load();
  },
  onProgress(p) {
    if (p.phase === 'start') {
      set({ running: true, live: {} });
      void get().load();
    }
    if (p.phase === 'pull') set((s) => ({ running: true, live: { ...s.live, [p.resource]: { records: p.records, total: p.total ?? null, pages: p.pages, quarantined: p.quarantined, phase: p.phase, message: p.message } } }));
    if (p.phase === 'done' || p.phase === 'failed') {
      set({ running: false });
      void get().load();
    }
  },
  async setSchedule(schedule) {
    const r = await call('sync.schedule.set', schedule);
    await get().load();
    return r.ok ? null : r.error;
  },
  async connect(shop, token) {
    const r = await call('sync.connect', { shop, token });
    await get().load();
    return r.ok ? null : r.error;
  },
  async disconnect() {
    const r = await call('sync.disconnect', { confirm: true });
    await get().load();
    return r.ok ? null : r.error;
  },
  async retryOutbox(id) {
    const r = await call('sync.outbox.retry', { id });
    await get().load();
    return r.ok ? null : r.error;
  },
  async cancelOutbox(id, reason) {
    const r = await call('sync.outbox.cancel', { id, reason });
    await get().load();
    return r.ok ? null : r.error;
  },
  async retryQuarantine(id) {
    const r = await call('sync.quarantine.retry', { id });
    await get().load();
    return r.ok ? null : r.error;
  },
  async discardQuarantine(id, reason) {
    const r = await call('sync.quarantine.discard', { id, reason });
    await get().load();
    return r.ok ? null : r.error;
  },
}));
