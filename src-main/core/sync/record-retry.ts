import type { Sqlite } from '../../db/open';
import type { Connector, PulledRecords, SyncResource } from './connector';
import type { StoreWriter } from './store-writer';

/**
 * Reading a quarantined record again. Where the connector can fetch one record
 * by its id, that record is fetched now and applied through the same store
 * writer as a pull — so the person who pressed Retry learns at once whether it
 * is now valid. Otherwise the resource's cursor is moved back to before the
 * record's updated_at (less the overlap window) so the next run reads it again.
 *
 * A rewind is never written straight into the cursor: a run in progress would
 * overwrite it with its next page's cursor, and a rewind in the middle of a
 * pass would drop the pages of that pass not read yet. It is kept as a request
 * (settings `sync.<platform>.rewind.<resource>`, the earliest time wins) that
 * the engine applies at a pass boundary — before a resource's first page, and
 * again when a pass ends (then making one more pass).
 */
export type RetryOutcome =
  | { outcome: 'imported'; orderIds: number[] }
  | { outcome: 'invalid'; reason: string; payload: unknown }
  | { outcome: 'gone' }
  | { outcome: 'queued' };

/** Asks for `resource` to be read again from `to` (minus the overlap) at its next pass boundary; the earliest request wins. */
export function requestRewind(sqlite: Sqlite, platform: string, resource: SyncResource, to: string): void {
  const key = `sync.${platform}.rewind.${resource}`;
  const at = Number.isNaN(Date.parse(to)) ? '1970-01-01T00:00:00.000Z' : new Date(to).toISOString();
  const have = sqlite.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)?.value;
  if (!have || at < have) sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, at);
}

export function createRecordRetry(opts: { sqlite: Sqlite; connector: Connector; writer: StoreWriter; now: () => Date }) {
  const { sqlite, connector, writer } = opts;
  const platform = connector.platform;
  const key = (resource: SyncResource) => `sync.${platform}.rewind.${resource}`;
  const getSetting = sqlite.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const delSetting = sqlite.prepare('DELETE FROM settings WHERE key = ?');
  const getCursor = sqlite.prepare<[string, string], { cursor: string | null }>('SELECT cursor FROM sync_state WHERE platform = ? AND resource = ?');
  const setCursor = sqlite.prepare('UPDATE sync_state SET cursor = ?, updated_at = ? WHERE platform = ? AND resource = ?');

  return {
    /** Asks for the resource to be read again from `to` (minus the overlap) at the next pass boundary. */
    requestRewind(resource: SyncResource, to: string): void {
      requestRewind(sqlite, platform, resource, to);
    },

    /**
     * Applies a requested rewind if the resource's cursor sits between passes.
     * Returns true when the cursor moved (the caller then makes another pass).
     */
    applyRewind(resource: SyncResource): boolean {
      return sqlite.transaction(() => {
        const to = getSetting.get(key(resource))?.value;
        if (!to) return false;
        const cursor = getCursor.get(platform, resource)?.cursor ?? null;
        if (connector.continuesPass?.(cursor)) return false;
        delSetting.run(key(resource));
        const next = connector.rewind(cursor, to);
        if (next === cursor || cursor === null) return false;
        setCursor.run(next, opts.now().toISOString(), platform, resource);
        return true;
      }).immediate();
    },

    /** Reads one record again now, or asks for a rewind when the connector cannot fetch it by id. */
    async retry(resource: SyncResource, externalId: string | null, updatedAt: string | null, signal?: AbortSignal): Promise<RetryOutcome> {
      const item = externalId && connector.fetchOne ? await connector.fetchOne(resource, externalId, signal) : undefined;
      if (item === undefined) {
        this.requestRewind(resource, updatedAt ?? '1970-01-01T00:00:00.000Z');
        return { outcome: 'queued' };
      }
      if (item === null) return { outcome: 'gone' };
      if (!item.ok) return { outcome: 'invalid', reason: item.reason, payload: item.payload };
      const at = opts.now().toISOString();
      const res = writer.applyPage(resource, [item.record as PulledRecords[typeof resource]], at, (r) => r);
      const refused = res.deferred[0];
      if (refused) return { outcome: 'invalid', reason: refused.reason, payload: refused.payload };
      return { outcome: 'imported', orderIds: res.orderIds };
    },
  };
}
export type RecordRetry = ReturnType<typeof createRecordRetry>;
