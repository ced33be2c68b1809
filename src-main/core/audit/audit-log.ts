import { createHash } from 'node:crypto';
import type { Sqlite } from '../../db/open';

/**
 * Tamper-evident audit log: every row's hash covers its content and the
 * previous row's hash, so editing or removing a row breaks the chain from there
 * on. Rows are written inside the transaction of the action they record.
 */
export interface AuditEntry {
  at: string;
  userId: number | null;
  action: string;
  entityType?: string | null;
  entityId?: string | number | null;
  detail?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

function rowHash(prevHash: string, e: { at: string; userId: number | null; action: string; entityType: string | null; entityId: string | null; detail: string }): string {
  return createHash('sha256')
    .update([prevHash, e.at, e.userId ?? '', e.action, e.entityType ?? '', e.entityId ?? '', e.detail].join('\u001f'))
    .digest('hex');
}

export function createAuditLog(sqlite: Sqlite) {
  const last = sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const insert = sqlite.prepare(
    'INSERT INTO audit_log(at, user_id, action, entity_type, entity_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const all = sqlite.prepare('SELECT id, at, user_id, action, entity_type, entity_id, detail, prev_hash, hash FROM audit_log ORDER BY id');

  return {
    record(e: AuditEntry): void {
      const prev = (last.get() as { hash: string } | undefined)?.hash ?? GENESIS;
      const row = {
        at: e.at,
        userId: e.userId,
        action: e.action,
        entityType: e.entityType ?? null,
        entityId: e.entityId == null ? null : String(e.entityId),
        detail: JSON.stringify(e.detail ?? {}),
      };
      insert.run(row.at, row.userId, row.action, row.entityType, row.entityId, row.detail, prev, rowHash(prev, row));
    },

    /** Walks the chain; returns the id of the first row that does not verify, or null if all do. */
    verify(): { ok: true; rows: number } | { ok: false; brokenAt: number } {
      let prev = GENESIS;
      let rows = 0;
      for (const r of all.iterate() as Iterable<{ id: number; at: string; user_id: number | null; action: string; entity_type: string | null; entity_id: string | null; detail: string; prev_hash: string; hash: string }>) {
        const expected = rowHash(prev, { at: r.at, userId: r.user_id, action: r.action, entityType: r.entity_type, entityId: r.entity_id, detail: r.detail });
        if (r.prev_hash !== prev || r.hash !== expected) return { ok: false, brokenAt: r.id };
        prev = r.hash;
        rows++;
      }
      return { ok: true, rows };
    },
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
