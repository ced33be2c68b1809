import { minorDigits } from '../../../src-shared/money';
import { scrubCardNumbers } from '../../../src-shared/security/pan';
import type { Sqlite } from '../../db/open';
import { ConnectorError, type Connector, type PushItem } from './connector';
import { settled } from './pending-stock';
import { createAdoptExternalId } from './adopt-external-id';

/**
 * Sends pending outbox items to the platform, oldest first, each with its
 * idempotency key. An item is marked `sending` before the call, so a process
 * killed mid-call leaves it `sending` and the next drain sends it again with
 * the same key; the platform recognises the key and nothing happens twice.
 * Retryable failures wait with exponential backoff and jitter; an item that
 * runs out of attempts, or that the platform refuses, becomes `failed` with
 * its error and stays visible until someone retries or cancels it.
 */
export const OUTBOX_MAX_ATTEMPTS = 8;

interface OutboxRow { id: number; platform: string; kind: string; entity_type: string; entity_id: string; payload: string; idempotency_key: string; attempts: number; last_error: string | null; created_at: string }
type Obj = Record<string, unknown>;

export function formatDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const abs = Math.abs(minor);
  return `${minor < 0 ? '-' : ''}${Math.floor(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`;
}

export function createOutboxDrain(opts: { sqlite: Sqlite; connector: Connector; now: () => Date; random?: () => number }) {
  const { sqlite, connector } = opts;
  const random = opts.random ?? Math.random;
  const due = sqlite.prepare(`SELECT id, platform, kind, entity_type, entity_id, payload, idempotency_key, attempts, last_error, created_at FROM outbox
    WHERE platform = ? AND status IN ('pending', 'sending') AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT 200`);
  const markSending = sqlite.prepare("UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?");
  const markDone = sqlite.prepare("UPDATE outbox SET status = 'done', last_error = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ?");
  const markRetry = sqlite.prepare("UPDATE outbox SET status = 'pending', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?");
  const markFailed = sqlite.prepare("UPDATE outbox SET status = 'failed', last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?");
  const orderExt = sqlite.prepare<[number], { external_id: string | null; currency: string; gateway: string | null }>('SELECT external_id, currency, gateway FROM orders WHERE id = ?');
  const lineExt = sqlite.prepare<[number], { external_id: string | null }>('SELECT external_id FROM order_lines WHERE id = ?');
  const variantExt = sqlite.prepare<[number], { inventory_item_id: string | null }>('SELECT inventory_item_id FROM variants WHERE id = ?');
  const locationExt = sqlite.prepare<[number], { external_id: string | null }>('SELECT external_id FROM locations WHERE id = ?');
  // A fulfilment or refund takes the platform's id (and replaces a copy a pull stored meanwhile): adopt-external-id.ts.
  const adopt = createAdoptExternalId(sqlite);
  // order.create (an exchange's replacement): the order and its lines take the platform's ids, so the next pull updates them instead of adding a copy.
  const setOrderExt = sqlite.prepare('UPDATE OR IGNORE orders SET external_id = ? WHERE id = ? AND external_id IS NULL');
  const linesOfOrder = sqlite.prepare<[number], { id: number }>('SELECT id FROM order_lines WHERE order_id = ? ORDER BY id');
  const setLineExt = sqlite.prepare('UPDATE order_lines SET external_id = ? WHERE id = ? AND external_id IS NULL');
  const variantPlatformId = sqlite.prepare<[number], { external_id: string | null }>('SELECT external_id FROM variants WHERE id = ?');

  class Unresolvable extends Error {}
  const need = <T>(v: T | null | undefined, what: string): T => {
    if (v == null || v === '') throw new Unresolvable(`${what} is not on the platform (no platform id); it cannot be sent.`);
    return v;
  };

  /** Local ids in the payload → the platform's ids, looked up now (they may have arrived since the item was queued). */
  function resolve(row: OutboxRow): PushItem {
    const p = JSON.parse(row.payload) as Obj;
    const out: Obj = { ...p };
    const orderId = typeof p.orderId === 'number' ? p.orderId : row.entity_type === 'order' ? Number(row.entity_id) : null;
    const order = orderId != null ? orderExt.get(orderId) : undefined;
    if (['fulfilment.create', 'order.update', 'order.address', 'order.cancel', 'refund.create'].includes(row.kind)) {
      out.orderExternalId = need((p.orderExternalId as string | undefined) ?? order?.external_id, `Order ${orderId ?? '?'}`);
    }
    if (Array.isArray(p.lines)) {
      out.lines = (p.lines as Obj[]).map((l) => {
        const local = (l.lineId ?? l.orderLineId) as number | undefined;
        return { ...l, lineExternalId: need((l.lineExternalId as string | undefined) ?? (local != null ? lineExt.get(local)?.external_id : null), `Order line ${local ?? '?'}`) };
      });
    }
    if (row.kind === 'inventory.adjust') {
      out.inventoryItemExternalId = need((p.inventoryItemExternalId as string | undefined) ?? variantExt.get(Number(p.variantId))?.inventory_item_id, `Variant ${String(p.variantId)}`);
      out.locationExternalId = need((p.locationExternalId as string | undefined) ?? locationExt.get(Number(p.locationId))?.external_id, `Location ${String(p.locationId)}`);
    }
    if (row.kind === 'order.create') {
      out.items = (p.items as Obj[]).map((i) => ({ ...i, variantExternalId: need(variantPlatformId.get(Number(i.variantId))?.external_id, `Variant ${String(i.variantId)}`) }));
    }
    if (row.kind === 'refund.create') {
      const currency = String(p.currency ?? order?.currency ?? 'USD');
      out.amount = formatDecimal(Number(p.amountMinor ?? 0), currency);
      out.gateway = p.gateway ?? order?.gateway ?? 'manual';
    }
    // A retry by hand resets attempts but keeps the last error: either means an earlier send may have landed.
    const mayHaveBeenSent = row.attempts > 0 || row.last_error !== null;
    return { id: row.id, kind: row.kind, idempotencyKey: row.idempotency_key, payload: out, mayHaveBeenSent, queuedAt: row.created_at };
  }

  const backoffMs = (attempts: number) => Math.min(3_600_000, 15_000 * 2 ** Math.max(0, attempts - 1)) * (0.5 + random() / 2);

  return {
    /** Sends what is due. Returns counts; never throws for a single item's failure. */
    async drain(signal?: AbortSignal, onItem?: (r: { id: number; kind: string; outcome: 'done' | 'retry' | 'failed'; error?: string }) => void) {
      const result = { sent: 0, retrying: 0, failed: 0 };
      const rows = due.all(connector.platform, opts.now().toISOString()) as OutboxRow[];
      for (const row of rows) {
        if (signal?.aborted) break;
        const at = () => opts.now().toISOString();
        let item: PushItem;
        try {
          item = resolve(row);
        } catch (err) {
          const msg = err instanceof Unresolvable ? err.message : `The queued change cannot be read: ${(err as Error).message}`;
          markFailed.run(scrubCardNumbers(msg), at(), row.id);
          result.failed++;
          onItem?.({ id: row.id, kind: row.kind, outcome: 'failed', error: msg });
          continue;
        }
        markSending.run(at(), row.id);
        try {
          const res = await connector.push(item, signal);
          sqlite.transaction(() => {
            markDone.run(at(), row.id);
            settled(sqlite, row.platform, item);
            if (res.externalId && row.kind === 'fulfilment.create') adopt('fulfilments', row.platform, res.externalId, Number((item.payload.fulfilmentId as number | undefined) ?? row.entity_id));
            if (res.externalId && row.kind === 'refund.create') adopt('refunds', row.platform, res.externalId, Number((item.payload.refundId as number | undefined) ?? row.entity_id));
            if (res.externalId && row.kind === 'order.create') {
              const orderId = Number(row.entity_id);
              setOrderExt.run(res.externalId, orderId);
              linesOfOrder.all(orderId).forEach((l, k) => {
                const ext = res.lineExternalIds?.[k];
                if (ext) setLineExt.run(ext, l.id);
              });
            }
          })();
          result.sent++;
          onItem?.({ id: row.id, kind: row.kind, outcome: 'done' });
        } catch (err) {
          if (signal?.aborted) throw err;
          const msg = scrubCardNumbers(err instanceof Error ? err.message : String(err));
          const retryable = !(err instanceof ConnectorError) || err.retryable;
          if (retryable && row.attempts + 1 < OUTBOX_MAX_ATTEMPTS) {
            markRetry.run(msg, new Date(opts.now().getTime() + backoffMs(row.attempts + 1)).toISOString(), at(), row.id);
            result.retrying++;
            onItem?.({ id: row.id, kind: row.kind, outcome: 'retry', error: msg });
          } else {
            markFailed.run(msg, at(), row.id);
            result.failed++;
            onItem?.({ id: row.id, kind: row.kind, outcome: 'failed', error: msg });
          }
        }
      }
      return result;
    },
  };
}
