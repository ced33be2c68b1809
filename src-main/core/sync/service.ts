import { OmsError, type EventMap, type OutboxEntry, type QuarantineEntry, type SyncResourceName, type SyncRunEntry, type SyncRunSummary, type SyncRunTrigger, type SyncScheduleSetting, type SyncStatus } from '../../../src-shared/contract';
import type { CoreContext } from '../context';
import { SYNC_RESOURCES } from './connector';
import { connectionInfo } from './connection';
import { createEngineSource, type EngineSourceOptions } from './engine-source';
import { retryQuarantined } from './quarantine-retry';
import { createRunHistory } from './runs';
import { createSyncScheduler } from './scheduler';
import { SHOPIFY_PLATFORM } from './shopify/version';

/**
 * Sync as the core offers it: the engine for the workspace's connection,
 * status, and the people-facing outbox and quarantine operations (audited).
 */
type OutboxRow = { id: number; kind: string; entity_type: string; entity_id: string; status: OutboxEntry['status']; attempts: number; next_attempt_at: string | null; last_error: string | null; created_at: string; updated_at: string };
type QuarantineRow = { id: number; resource: string; external_id: string | null; reason: string; status: QuarantineEntry['status']; created_at: string; payload: string };

const outboxEntry = (r: OutboxRow): OutboxEntry => ({ id: r.id, kind: r.kind, entityType: r.entity_type, entityId: r.entity_id, status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error, createdAt: r.created_at, updatedAt: r.updated_at });
const quarantineEntry = (r: QuarantineRow): QuarantineEntry => ({ id: r.id, resource: r.resource, externalId: r.external_id, reason: r.reason, status: r.status, createdAt: r.created_at, payload: r.payload });

const SCHEDULE_KEY = 'sync.schedule';

export interface SyncServiceOptions extends EngineSourceOptions {
  /** Scheduler's first run after start (default 1 s). */
  startDelayMs?: number;
}

/** Timing of the background work; tests shorten it. */
export interface BackgroundOptions {
  startDelayMs?: number;
  /** Length of one schedule "minute" (default 60 s). */
  minuteMs?: number;
  /** Spacing of the demo store's arrivals (default 20–60 s). */
  arrivalMs?: { min: number; max: number };
}

export function createSyncService(ctx: CoreContext, opts: SyncServiceOptions = {}) {
  const { sqlite } = ctx;
  const live: SyncStatus['live'] = {};
  const source = createEngineSource(ctx, { ...opts, observe: (p) => track(p) });
  const history = createRunHistory(sqlite);
  const getSetting = sqlite.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const setSetting = sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  let running: Promise<SyncRunSummary> | null = null;
  let minuteMs = 60_000;
  /** Aborted when the core closes, so a run in flight stops at its next await instead of writing to a closed database. */
  const closing = new AbortController();
  const outboxById = sqlite.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
  const quarantineById = sqlite.prepare<[number], QuarantineRow>('SELECT * FROM quarantine WHERE id = ?');

  function track(p: EventMap['sync.progress']) {
    if (p.phase === 'start') for (const k of Object.keys(live)) delete live[k as SyncResourceName];
    if (p.phase === 'pull' && (SYNC_RESOURCES as readonly string[]).includes(p.resource)) live[p.resource as SyncResourceName] = { records: p.records, total: p.total ?? null, pages: p.pages, quarantined: p.quarantined };
  }

  function schedule(): SyncScheduleSetting {
    const raw = getSetting.get(SCHEDULE_KEY);
    // The demo store changes every minute or so; a real shop is read every 5 minutes unless the owner says otherwise.
    const fallback = { enabled: true, minutes: connectionInfo(ctx.paths)?.demo ? 1 : 5 };
    if (!raw) return fallback;
    try {
      const v = JSON.parse(raw.value) as Partial<SyncScheduleSetting>;
      return { enabled: v.enabled !== false, minutes: typeof v.minutes === 'number' && v.minutes >= 1 ? v.minutes : fallback.minutes };
    } catch {
      return fallback;
    }
  }

  const scheduler = createSyncScheduler({
    schedule,
    isRunning: () => running !== null,
    startDelayMs: opts.startDelayMs,
    minuteMs: () => minuteMs,
    run: async (trigger) => {
      if (!connectionInfo(ctx.paths)) return null;
      return service.run(undefined, undefined, trigger);
    },
  });

  const service = {
    status(): SyncStatus {
      const info = connectionInfo(ctx.paths);
      const states = new Map((sqlite.prepare('SELECT resource, cursor, last_success_at FROM sync_state WHERE platform = ?').all(SHOPIFY_PLATFORM) as { resource: string; cursor: string | null; last_success_at: string | null }[]).map((r) => [r.resource, r]));
      const last = getSetting.get(`sync.${SHOPIFY_PLATFORM}.lastRun`);
      const lastOk = sqlite.prepare('SELECT finished_at FROM sync_runs WHERE ok = 1 ORDER BY id DESC LIMIT 1').get() as { finished_at: string } | undefined;
      const n = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
      const isRunning = running !== null;
      return {
        connected: info !== null,
        platform: info ? 'shopify' : null,
        shop: info ? info.shopName : null,
        demo: info?.demo ?? false,
        shopUrl: info && !info.demo ? info.shopUrl : null,
        tokenIn: info?.tokenIn ?? null,
        running: isRunning,
        live: isRunning ? { ...live } : {},
        schedule: schedule(),
        nextRunAt: scheduler.running && scheduler.nextRunAt !== null && info ? new Date(scheduler.nextRunAt).toISOString() : null,
        lastSuccessAt: lastOk?.finished_at ?? null,
        // The connector's network failure ("Cannot reach the shop …"): shown as offline, not as a broken sync.
        offline: Boolean(info && !info.demo && !isRunning && last && /^Cannot reach the shop\b/.test((JSON.parse(last.value) as SyncRunSummary).error ?? '')),
        resources: SYNC_RESOURCES.map((resource) => {
          const s = states.get(resource);
          let inProgress = false;
          try {
            inProgress = Boolean(s?.cursor && ((JSON.parse(s.cursor) as { after?: string | null; bulk?: unknown }).after || (JSON.parse(s.cursor) as { bulk?: unknown }).bulk));
          } catch {
            inProgress = false;
          }
          return { resource, lastSuccessAt: s?.last_success_at ?? null, inProgress };
        }),
        lastRun: last ? (JSON.parse(last.value) as SyncRunSummary) : null,
        outbox: { pending: n("SELECT count(*) n FROM outbox WHERE status IN ('pending', 'sending')"), failed: n("SELECT count(*) n FROM outbox WHERE status = 'failed'") },
        quarantine: { open: n("SELECT count(*) n FROM quarantine WHERE status = 'open'") },
      };
    },

    /** One run (a call while one is going joins it), recorded in the run history. */
    run(resources?: readonly SyncResourceName[], signal?: AbortSignal, trigger: SyncRunTrigger = 'manual'): Promise<SyncRunSummary> {
      if (running) return running;
      running = (async () => {
        let e;
        try {
          e = await source.engine();
        } catch (err) {
          throw new OmsError('CONFLICT', `The shop connection cannot be used: ${(err as Error).message}`);
        }
        if (!e) throw new OmsError('CONFLICT', 'No shop is connected to this workspace. Connect one on the Sync screen (owner) or with oms connect shopify.');
        const id = history.start(e.platform, trigger, ctx.clock.now().toISOString());
        const r = await e.run({ resources: resources ?? SYNC_RESOURCES, signal: signal ? AbortSignal.any([signal, closing.signal]) : closing.signal });
        history.finish(id, r);
        return { startedAt: r.startedAt, finishedAt: r.finishedAt, ok: r.ok, error: r.error, outbox: r.outbox, resources: r.resources };
      })().finally(() => {
        running = null;
      });
      return running;
    },

    /** Starts a run without waiting for it (first import, after connecting); its end is pushed as events. */
    runInBackground(trigger: SyncRunTrigger): void {
      service.run(undefined, undefined, trigger).catch((err: unknown) => {
        ctx.emit('sync.progress', { platform: SHOPIFY_PLATFORM, resource: 'run', phase: 'failed', records: 0, pages: 0, quarantined: 0, message: (err as Error).message });
      });
    },

    get isRunning() {
      return running !== null;
    },

    runs(limit: number): { items: SyncRunEntry[] } {
      return { items: history.list(limit) };
    },

    schedule,

    setSchedule(s: SyncScheduleSetting, userId: number): SyncScheduleSetting {
      const before = schedule();
      const at = ctx.clock.now().toISOString();
      sqlite.transaction(() => {
        setSetting.run(SCHEDULE_KEY, JSON.stringify({ enabled: s.enabled, minutes: s.minutes }));
        ctx.audit.record({ at, userId, action: 'sync.schedule.set', entityType: 'settings', entityId: SCHEDULE_KEY, detail: { before, after: s } });
      })();
      scheduler.reschedule();
      return schedule();
    },

    /** Long-running hosts only (browser mode, the Electron core): the schedule and the demo store's arrivals. */
    startBackground(b: BackgroundOptions = {}): void {
      if (b.minuteMs) minuteMs = b.minuteMs;
      source.enableArrivals(b.arrivalMs);
      scheduler.start(b.startDelayMs);
    },

    /** The connection changed: the next run builds a new engine; the schedule restarts from now. */
    connectionChanged(): void {
      source.forget();
      scheduler.reschedule();
    },

    source,

    async close(): Promise<void> {
      closing.abort(new Error('Orderhouse is closing'));
      scheduler.stop();
      await source.close();
    },

    outboxList(status: OutboxEntry['status'] | 'open', limit: number): { items: OutboxEntry[] } {
      const rows = (status === 'open'
        ? sqlite.prepare("SELECT * FROM outbox WHERE status IN ('pending', 'sending', 'failed') ORDER BY id DESC LIMIT ?").all(limit)
        : sqlite.prepare('SELECT * FROM outbox WHERE status = ? ORDER BY id DESC LIMIT ?').all(status, limit)) as OutboxRow[];
      return { items: rows.map(outboxEntry) };
    },

    outboxRetry(id: number, userId: number): OutboxEntry {
      return sqlite.transaction(() => {
        const row = outboxById.get(id);
        if (!row) throw new OmsError('NOT_FOUND', `Outbox item ${id} does not exist.`, { field: 'id' });
        if (row.status !== 'failed' && row.status !== 'pending') throw new OmsError('CONFLICT', `Outbox item ${id} is ${row.status}; only failed or waiting items can be retried.`, { field: 'id' });
        const at = ctx.clock.now().toISOString();
        sqlite.prepare("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ?").run(at, at, id);
        ctx.audit.record({ at, userId, action: 'sync.outbox.retry', entityType: 'outbox', entityId: id, detail: { kind: row.kind, lastError: row.last_error } });
        return outboxEntry(outboxById.get(id) as OutboxRow);
      })();
    },

    outboxCancel(id: number, reason: string, userId: number): OutboxEntry {
      return sqlite.transaction(() => {
        const row = outboxById.get(id);
        if (!row) throw new OmsError('NOT_FOUND', `Outbox item ${id} does not exist.`, { field: 'id' });
        if (row.status === 'done' || row.status === 'cancelled') throw new OmsError('CONFLICT', `Outbox item ${id} is already ${row.status}.`, { field: 'id' });
        if (row.status === 'sending' && running) throw new OmsError('CONFLICT', `Outbox item ${id} is being sent right now; wait for the run to finish.`, { field: 'id' });
        const at = ctx.clock.now().toISOString();
        sqlite.prepare("UPDATE outbox SET status = 'cancelled', next_attempt_at = NULL, updated_at = ? WHERE id = ?").run(at, id);
        ctx.audit.record({ at, userId, action: 'sync.outbox.cancel', entityType: 'outbox', entityId: id, detail: { kind: row.kind, reason, lastError: row.last_error } });
        return outboxEntry(outboxById.get(id) as OutboxRow);
      })();
    },

    quarantineList(status: QuarantineEntry['status'], limit: number): { items: QuarantineEntry[] } {
      return { items: (sqlite.prepare('SELECT * FROM quarantine WHERE status = ? ORDER BY id DESC LIMIT ?').all(status, limit) as QuarantineRow[]).map(quarantineEntry) };
    },

    /** Reads the record again from the shop now (quarantine-retry.ts); audited with the outcome. */
    async quarantineRetry(id: number, userId: number): Promise<QuarantineEntry> {
      await retryQuarantined(ctx, await source.engine(), id, userId);
      return quarantineEntry(quarantineById.get(id) as QuarantineRow);
    },

    quarantineDiscard(id: number, reason: string, userId: number): QuarantineEntry {
      return sqlite.transaction(() => {
        const row = quarantineById.get(id);
        if (!row) throw new OmsError('NOT_FOUND', `Quarantined record ${id} does not exist.`, { field: 'id' });
        if (row.status !== 'open') throw new OmsError('CONFLICT', `Quarantined record ${id} is already ${row.status}.`, { field: 'id' });
        const at = ctx.clock.now().toISOString();
        sqlite.prepare("UPDATE quarantine SET status = 'discarded' WHERE id = ?").run(id);
        ctx.audit.record({ at, userId, action: 'sync.quarantine.discard', entityType: 'quarantine', entityId: id, detail: { resource: row.resource, externalId: row.external_id, reason } });
        return quarantineEntry(quarantineById.get(id) as QuarantineRow);
      })();
    },
  };
  return service;
}
export type SyncService = ReturnType<typeof createSyncService>;
