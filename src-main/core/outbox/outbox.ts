import type { Sqlite } from '../../db/open';

export type OutboxKind = 'fulfilment.create' | 'order.update' | 'order.address' | 'order.cancel' | 'inventory.adjust' | 'refund.create' | 'order.create';

export interface OutboxItem {
  /** Platform the change is for; local-only orders (no platform) are not queued. */
  platform: string;
  kind: OutboxKind;
  entityType: string;
  entityId: string | number;
  payload: unknown;
  /** Stable per logical change, so a re-send after a crash is recognised by the platform. */
  idempotencyKey: string;
  at: string;
}

/**
 * Local changes waiting to reach the shop platform. `enqueue` must be called
 * inside the transaction that makes the local change: both land or neither.
 * The sync engine drains it.
 */
export function createOutbox(sqlite: Sqlite) {
  const insert = sqlite.prepare(
    `INSERT INTO outbox (platform, kind, entity_type, entity_id, payload, idempotency_key, status, attempts, next_attempt_at, created_at, updated_at)
     VALUES (@platform, @kind, @entityType, @entityId, @payload, @idempotencyKey, 'pending', 0, @at, @at, @at)
     ON CONFLICT (idempotency_key) DO NOTHING`,
  );
  return {
    /** Returns false when an item with the same idempotency key is already queued (a retried call). */
    enqueue(item: OutboxItem): boolean {
      return insert.run({ ...item, entityId: String(item.entityId), payload: JSON.stringify(item.payload) }).changes === 1;
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
