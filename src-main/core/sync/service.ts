import { OmsError, type OutboxEntry, type QuarantineEntry, type SyncResourceName, type SyncRunSummary, type SyncStatus } from '../../../src-shared/contract';
import type { CoreContext } from '../context';
import { SYNC_RESOURCES } from './connector';
import { loadConnection } from './connection';
import { createSyncEngine, type SyncEngine } from './engine';
import { createShopifyConnector } from './shopify/connector';
import { SHOPIFY_PLATFORM } from './shopify/version';

/**
 * Sync as the core offers it: the engine for the workspace's connection,
 * status, and the people-facing outbox and quarantine operations (audited).
 */
type OutboxRow = { id: number; kind: string; entity_type: string; entity_id: string; status: OutboxEntry['status']; attempts: number; next_attempt_at: string | null; last_error: string | null; created_at: string; updated_at: string };
type QuarantineRow = { id: number; resource: string; external_id: string | null; reason: string; status: QuarantineEntry['status']; created_at: string; payload: string };

const outboxEntry = (r: OutboxRow): OutboxEntry => ({ id: r.id, kind: r.kind, entityType: r.entity_type, entityId: r.entity_id, status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error, createdAt: r.created_at, updatedAt: r.updated_at });
const quarantineEntry = (r: QuarantineRow): QuarantineEntry => ({ id: r.id, resource: r.resource, externalId: r.external_id, reason: r.reason, status: r.status, createdAt: r.created_at, payload: r.payload });

export function createSyncService(ctx: CoreContext, opts: { connectorOptions?: { baseBackoffMs?: number; maxAttempts?: number } } = {}) {
  const { sqlite } = ctx;
  let engine: SyncEngine | null = null;
  let engineFor = '';

  function currentEngine(): SyncEngine | null {
    const conn = loadConnection(ctx.paths);
    if (!conn) return null;
    const key = `${conn.shopUrl}|${conn.token}`;
    if (!engine || engineFor !== key) {
      const connector = createShopifyConnector({ shopUrl: conn.shopUrl, token: conn.token, currency: conn.currency, ...opts.connectorOptions });
      engine = createSyncEngine({ sqlite, connector, now: () => ctx.clock.now(), emit: (e, p) => ctx.emit(e, p) });
      engineFor = key;
    }
    return engine;
  }

  const outboxById = sqlite.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
  const quarantineById = sqlite.prepare<[number], QuarantineRow>('SELECT * FROM quarantine WHERE id = ?');

  return {
    status(): SyncStatus {
      const conn = loadConnection(ctx.paths);
      const states = new Map((sqlite.prepare('SELECT resource, cursor, last_success_at FROM sync_state WHERE platform = ?').all(SHOPIFY_PLATFORM) as { resource: string; cursor: string | null; last_success_at: string | null }[]).map((r) => [r.resource, r]));
      const last = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(`sync.${SHOPIFY_PLATFORM}.lastRun`) as { value: string } | undefined;
      const n = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
      return {
        connected: conn !== null,
        platform: conn ? 'shopify' : null,
        shop: conn ? conn.shopName : null,
        running: engine?.isRunning ?? false,
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

    async run(resources?: readonly SyncResourceName[], signal?: AbortSignal): Promise<SyncRunSummary> {
      const e = currentEngine();
      if (!e) throw new OmsError('CONFLICT', 'No shop is connected to this workspace. Connect one first (oms connect shopify).');
      const r = await e.run({ resources: resources ?? SYNC_RESOURCES, signal });
      return { startedAt: r.startedAt, finishedAt: r.finishedAt, ok: r.ok, error: r.error, outbox: r.outbox, resources: r.resources };
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
        if (row.status === 'sending' && engine?.isRunning) throw new OmsError('CONFLICT', `Outbox item ${id} is being sent right now; wait for the run to finish.`, { field: 'id' });
        const at = ctx.clock.now().toISOString();
        sqlite.prepare("UPDATE outbox SET status = 'cancelled', next_attempt_at = NULL, updated_at = ? WHERE id = ?").run(at, id);
        ctx.audit.record({ at, userId, action: 'sync.outbox.cancel', entityType: 'outbox', entityId: id, detail: { kind: row.kind, reason, lastError: row.last_error } });
        return outboxEntry(outboxById.get(id) as OutboxRow);
      })();
    },

    quarantineList(status: QuarantineEntry['status'], limit: number): { items: QuarantineEntry[] } {
      return { items: (sqlite.prepare('SELECT * FROM quarantine WHERE status = ? ORDER BY id DESC LIMIT ?').all(status, limit) as QuarantineRow[]).map(quarantineEntry) };
    },

    quarantineRetry(id: number, userId: number): QuarantineEntry {
      const e = currentEngine();
      return sqlite.transaction(() => {
        const row = quarantineById.get(id);
        if (!row) throw new OmsError('NOT_FOUND', `Quarantined record ${id} does not exist.`, { field: 'id' });
        if (row.status !== 'open') throw new OmsError('CONFLICT', `Quarantined record ${id} is already ${row.status}.`, { field: 'id' });
        if (!e) throw new OmsError('CONFLICT', 'No shop is connected to this workspace; nothing to read the record again from.');
        const payload = JSON.parse(row.payload) as { record?: { updatedAt?: string } };
        const to = payload.record?.updatedAt ?? '1970-01-01T00:00:00.000Z';
        const cur = sqlite.prepare('SELECT cursor FROM sync_state WHERE platform = ? AND resource = ?').get(SHOPIFY_PLATFORM, row.resource) as { cursor: string | null } | undefined;
        const at = ctx.clock.now().toISOString();
        sqlite.prepare(`INSERT INTO sync_state (platform, resource, cursor, updated_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (platform, resource) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`).run(SHOPIFY_PLATFORM, row.resource, e.rewind(cur?.cursor ?? null, to), at);
        sqlite.prepare("UPDATE quarantine SET status = 'retried' WHERE id = ?").run(id);
        ctx.audit.record({ at, userId, action: 'sync.quarantine.retry', entityType: 'quarantine', entityId: id, detail: { resource: row.resource, externalId: row.external_id } });
        return quarantineEntry(quarantineById.get(id) as QuarantineRow);
      })();
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
}
export type SyncService = ReturnType<typeof createSyncService>;
