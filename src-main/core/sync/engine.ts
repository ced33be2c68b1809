import type { EventMap } from '../../../src-shared/contract';
import type { Sqlite } from '../../db/open';
import { createOrderQueries } from '../orders/list-orders';
import { eventOrderIds, takeAllocationMoves } from '../orders/changed-ids';
import { scrubPayload } from './shopify/client';
import { ConnectorError, SYNC_RESOURCES, type Connector, type PulledRecords, type SyncResource } from './connector';
import { createOutboxDrain } from './outbox-drain';
import { createRecordRetry } from './record-retry';
import { createStoreWriter } from './store-writer';
import type { SettleStep } from './bulk-load';

/**
 * The sync engine: drains the outbox first (so a push half-done before a crash
 * is settled before the platform's copy comes back), then pulls each resource
 * page by page. Every page lands in one transaction with the resource's new
 * cursor: a crash at any point resumes from the last committed page, and
 * re-reading a page is harmless (upserts by platform id). Records that do not
 * parse go to the quarantine, scrubbed, with the reason; the run carries on.
 */
/**
 * What the Sync screen shows while a first import puts back its indexes,
 * counts, search and rollups (bulk-load.ts): where it has got to, after each
 * piece; before the first, the bare `FINISHING_IMPORT`.
 */
export const FINISHING_IMPORT = 'Finishing the import…';
export function finishingMessage(step: SettleStep): string {
  const percent = step.total ? Math.floor((step.done / step.total) * 100) : 100;
  const what = {
    indexes: `${step.done} of ${step.total} indexes rebuilt`,
    counts: 'queue counts rebuilt',
    search: `search ${percent}% built`,
    rollups: `return figures ${percent}% built`,
  }[step.stage];
  return `Finishing the import: ${what}…`;
}

export interface ResourceResult { pages: number; inserted: number; updated: number; unchanged: number; quarantined: number }
export interface SyncRunResult {
  platform: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  error: string | null;
  outbox: { sent: number; retrying: number; failed: number };
  resources: Partial<Record<SyncResource, ResourceResult>>;
}

export interface SyncEngineOptions {
  sqlite: Sqlite;
  connector: Connector;
  now: () => Date;
  emit?: <E extends 'sync.progress' | 'orders.changed'>(event: E, payload: EventMap[E]) => void;
  random?: () => number;
  /** Work a run must wait for before it reads or writes (a first import's closing work going on since the workspace opened: core.ts). */
  before?: () => Promise<unknown> | null | undefined;
}

export function createSyncEngine(opts: SyncEngineOptions) {
  const { sqlite, connector } = opts;
  const platform = connector.platform;
  const writer = createStoreWriter(sqlite, platform);
  const retries = createRecordRetry({ sqlite, connector, writer, now: opts.now });
  const drain = createOutboxDrain({ sqlite, connector, now: opts.now, random: opts.random });
  const orders = createOrderQueries(sqlite);
  const emit = opts.emit ?? (() => {});
  const getCursor = sqlite.prepare<[string, string], { cursor: string | null }>('SELECT cursor FROM sync_state WHERE platform = ? AND resource = ?');
  const setCursor = sqlite.prepare(`INSERT INTO sync_state (platform, resource, cursor, last_success_at, updated_at) VALUES (@platform, @resource, @cursor, @success, @at)
    ON CONFLICT (platform, resource) DO UPDATE SET cursor = excluded.cursor, last_success_at = coalesce(excluded.last_success_at, last_success_at), updated_at = excluded.updated_at`);
  const openQuarantine = sqlite.prepare<[string, string, string], { id: number }>("SELECT id FROM quarantine WHERE platform = ? AND resource = ? AND external_id = ? AND status = 'open'");
  const insQuarantine = sqlite.prepare('INSERT INTO quarantine (platform, resource, external_id, payload, reason, status, created_at) VALUES (?, ?, ?, ?, ?, \'open\', ?)');
  const updQuarantine = sqlite.prepare('UPDATE quarantine SET payload = ?, reason = ?, created_at = ? WHERE id = ?');
  const setSetting = sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  let running: Promise<SyncRunResult> | null = null;

  /** Card data is masked field by field (platform ids are left whole) before anything reaches the quarantine. */
  function quarantine(resource: SyncResource, externalId: string | null, reason: string, payload: unknown, at: string) {
    const text = JSON.stringify(scrubPayload(payload));
    const reasonText = scrubPayload(reason);
    const existing = externalId ? openQuarantine.get(platform, resource, externalId) : undefined;
    if (existing) updQuarantine.run(text, reasonText, at, existing.id);
    else insQuarantine.run(platform, resource, externalId, text, reasonText, at);
  }

  async function pullResource(resource: SyncResource, signal?: AbortSignal): Promise<ResourceResult> {
    const r: ResourceResult = { pages: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0 };
    // A run that starts by finishing a pass an earlier (killed) run began must
    // also make a pass of its own: changes made since that pass started may sit
    // on pages it had already read.
    // A quarantine retry asked to read this resource again from an earlier time: do it before the first page.
    retries.applyRewind(resource);
    let resumedPass = connector.continuesPass?.(getCursor.get(platform, resource)?.cursor ?? null) ?? false;
    for (;;) {
      if (signal?.aborted) throw signal.reason as Error;
      const cursor = getCursor.get(platform, resource)?.cursor ?? null;
      const page = await connector.pull(resource, cursor, signal);
      const at = opts.now().toISOString();
      const good = page.items.filter((i) => i.ok).map((i) => (i as { record: PulledRecords[typeof resource] }).record);
      const applied = writer.applyPage(resource, good, at, (res) => {
        for (const bad of page.items) if (!bad.ok) quarantine(resource, bad.externalId, bad.reason, { record: bad.payload }, at);
        for (const d of res.deferred) quarantine(resource, d.externalId, d.reason, { record: d.payload }, at);
        setCursor.run({ platform, resource, cursor: page.nextCursor, success: page.done ? at : null, at });
        return res;
      }, { bulk: page.bulk });
      r.pages++;
      r.inserted += applied.inserted;
      r.updated += applied.updated;
      r.unchanged += applied.unchanged;
      r.quarantined += page.items.filter((i) => !i.ok).length + applied.deferred.length;
      // The page's orders, and those its stock or demand moved into or out of Exceptions (an inventory page names no order of its own).
      const moved = takeAllocationMoves(sqlite);
      if (applied.orderIds.length || moved.length) emit('orders.changed', { counts: orders.counts(), orderIds: eventOrderIds(applied.orderIds, moved) });
      // A bulk first import knows its size: the bar shows done of total (done counts records read before a restart too).
      const pulled = { platform, resource, phase: 'pull' as const, records: page.progress?.done ?? r.inserted + r.updated + r.unchanged, total: page.progress?.total ?? null, pages: r.pages, quarantined: r.quarantined };
      emit('sync.progress', pulled);
      if (resource === 'orders' && page.bulk && page.done) {
        // What the bulk load took off goes back a piece per transaction: seconds at 100k orders, more at 1M.
        // Each piece is named as it ends; calls are answered between pieces.
        emit('sync.progress', { ...pulled, message: FINISHING_IMPORT });
        await writer.finishBulkLoad((step) => emit('sync.progress', { ...pulled, message: finishingMessage(step) }), { signal });
        emit('sync.progress', pulled);
        emit('orders.changed', { counts: orders.counts() });
      }
      // A retry asked for during this pass: one more pass from the earlier time.
      if (page.done && retries.applyRewind(resource)) continue;
      if (page.done && !resumedPass) return r;
      if (page.done) resumedPass = false;
    }
  }

  async function runOnce(resources: readonly SyncResource[], signal?: AbortSignal): Promise<SyncRunResult> {
    const result: SyncRunResult = { platform, startedAt: opts.now().toISOString(), finishedAt: '', ok: true, error: null, outbox: { sent: 0, retrying: 0, failed: 0 }, resources: {} };
    emit('sync.progress', { platform, resource: 'run', phase: 'start', records: 0, pages: 0, quarantined: 0 });
    try {
      await opts.before?.();
      result.outbox = await drain.drain(signal);
      emit('sync.progress', { platform, resource: 'outbox', phase: 'push', records: result.outbox.sent, pages: 0, quarantined: 0, message: result.outbox.failed ? `${result.outbox.failed} change(s) could not be sent` : undefined });
      for (const resource of resources) result.resources[resource] = await pullResource(resource, signal);
    } catch (err) {
      result.ok = false;
      result.error = err instanceof ConnectorError ? err.message : `Sync stopped: ${(err as Error).message}`;
      emit('sync.progress', { platform, resource: 'run', phase: 'failed', records: 0, pages: 0, quarantined: 0, message: scrubPayload(result.error) });
    }
    result.finishedAt = opts.now().toISOString();
    setSetting.run(`sync.${platform}.lastRun`, JSON.stringify(result));
    if (result.ok) emit('sync.progress', { platform, resource: 'run', phase: 'done', records: Object.values(result.resources).reduce((s, x) => s + x.inserted + x.updated, 0), pages: 0, quarantined: Object.values(result.resources).reduce((s, x) => s + x.quarantined, 0) });
    return result;
  }

  return {
    platform,
    /** One run; a second call while one is running joins it instead of starting another. */
    run(opts2: { resources?: readonly SyncResource[]; signal?: AbortSignal } = {}): Promise<SyncRunResult> {
      if (running) return running;
      running = runOnce(opts2.resources ?? SYNC_RESOURCES, opts2.signal).finally(() => {
        running = null;
      });
      return running;
    },
    get isRunning() {
      return running !== null;
    },
    drainOutbox: (signal?: AbortSignal) => drain.drain(signal),
    /** Reads a quarantined record again now (or asks for a rewind): record-retry.ts. */
    async retryRecord(resource: SyncResource, externalId: string | null, updatedAt: string | null, signal?: AbortSignal) {
      const res = await retries.retry(resource, externalId, updatedAt, signal);
      // Lists and counts on screen follow an order imported by a retry, as they follow a run.
      const moved = takeAllocationMoves(sqlite);
      if ((res.outcome === 'imported' && res.orderIds.length) || moved.length) emit('orders.changed', { counts: orders.counts(), orderIds: eventOrderIds(res.outcome === 'imported' ? res.orderIds : [], moved) });
      return res;
    },
  };
}
export type SyncEngine = ReturnType<typeof createSyncEngine>;
