import { OmsError } from '../../../src-shared/contract';
import { scrubCardNumbers } from '../../../src-shared/security/pan';
import type { CoreContext } from '../context';
import type { SyncResource } from './connector';
import type { SyncEngine } from './engine';
import { scrubPayload } from './shopify/client';

/**
 * "Retry" on a quarantined record, as a person sees it: the record is read
 * again from the shop now. Valid now → imported, the row becomes `retried`.
 * Still invalid → the row stays open with the shop's current payload and the
 * new reason. Gone from the shop → stays open saying so (discard it). Where
 * the connector cannot fetch one record (not an order), the resource is read
 * again from before the record's updated_at at the next run, and the row
 * becomes `retried`. Every attempt is audited with its outcome.
 */
interface Row { id: number; platform: string; resource: string; external_id: string | null; status: string; payload: string }

export async function retryQuarantined(ctx: CoreContext, engine: SyncEngine | null, id: number, userId: number): Promise<void> {
  const { sqlite } = ctx;
  const byId = sqlite.prepare<[number], Row>('SELECT id, platform, resource, external_id, status, payload FROM quarantine WHERE id = ?');
  const row = byId.get(id);
  if (!row) throw new OmsError('NOT_FOUND', `Quarantined record ${id} does not exist.`, { field: 'id' });
  if (row.status !== 'open') throw new OmsError('CONFLICT', `Quarantined record ${id} is already ${row.status}.`, { field: 'id' });
  if (!engine) throw new OmsError('CONFLICT', 'No shop is connected to this workspace; nothing to read the record again from.');
  let updatedAt: string | null = null;
  try {
    const rec = (JSON.parse(row.payload) as { record?: { updatedAt?: unknown } }).record;
    updatedAt = typeof rec?.updatedAt === 'string' ? rec.updatedAt : null;
  } catch {
    updatedAt = null;
  }

  let result;
  try {
    result = await engine.retryRecord(row.resource as SyncResource, row.external_id, updatedAt);
  } catch (err) {
    throw new OmsError('UNAVAILABLE', `Could not read the record from the shop: ${scrubCardNumbers((err as Error).message)} Try again when the shop can be reached.`);
  }

  const at = ctx.clock.now().toISOString();
  sqlite.transaction(() => {
    // The row may have changed while the shop answered (a run quarantined it again, someone discarded it).
    const now = byId.get(id);
    if (!now || now.status !== 'open') return;
    if (result.outcome === 'imported' || result.outcome === 'queued') {
      sqlite.prepare("UPDATE quarantine SET status = 'retried' WHERE id = ?").run(id);
    } else if (result.outcome === 'invalid') {
      sqlite.prepare('UPDATE quarantine SET reason = ?, payload = ?, created_at = ? WHERE id = ?').run(scrubCardNumbers(result.reason), JSON.stringify({ record: scrubPayload(result.payload) }), at, id);
    } else {
      sqlite.prepare('UPDATE quarantine SET reason = ?, created_at = ? WHERE id = ?').run('The shop no longer has this record; discard it.', at, id);
    }
    ctx.audit.record({
      at, userId, action: 'sync.quarantine.retry', entityType: 'quarantine', entityId: id,
      detail: { resource: row.resource, externalId: row.external_id, outcome: result.outcome, ...(result.outcome === 'invalid' ? { reason: scrubCardNumbers(result.reason) } : {}) },
    });
  })();
}
