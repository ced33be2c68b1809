import type { BulkResult, CallReply, FulfilResult } from '../../src-shared/contract';
import type { Core } from '../core/core';
import { emit, percentile, progress } from './report';

/**
 * Order-action measures (issue 4): a bulk tag + untag of 10,000 orders and
 * orders.fulfil latency. They write: the bulk run is undone by the untag,
 * the fulfils stay (a kept fixture loses a few hundred open orders per run).
 */
export async function measureOrderActions(core: Core, token: string, orders: number): Promise<void> {
  const call = async <T>(method: string, input: unknown): Promise<{ ms: number; result: T }> => {
    const t0 = performance.now();
    const reply = (await core.call({ method, input, token, client: 'bench' })) as CallReply<T>;
    const ms = performance.now() - t0;
    if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
    return { ms, result: reply.result };
  };
  const sqlite = core.store.sqlite;

  // ── bulk: tag then untag the 10,000 newest orders (every order changes: column, tag index, timeline, audit) ──
  const ids = (sqlite.prepare('SELECT id FROM orders ORDER BY id DESC LIMIT 10000').all() as { id: number }[]).map((r) => r.id);
  progress(`bulk tag/untag of ${ids.length} orders`);
  const tag = await call<BulkResult>('orders.bulk', { action: 'tag', orderIds: ids, tags: ['bench-wave'] });
  const untag = await call<BulkResult>('orders.bulk', { action: 'untag', orderIds: ids, tags: ['bench-wave'] });
  emit('bulk_10k_ms', Math.max(tag.ms, untag.ms), 'ms', orders, {
    stat: 'slower of tag and untag',
    tagMs: Math.round(tag.ms),
    untagMs: Math.round(untag.ms),
    orderIds: ids.length,
    changed: tag.result.changed,
    failed: tag.result.failed,
  });

  // ── bulk hold + release of the open orders (these change the queue, so the queue indexes move) ──
  const open = (sqlite.prepare("SELECT id FROM orders WHERE queue IN ('new','ready_to_pack','partially_fulfilled','exceptions') ORDER BY id DESC LIMIT 10000").all() as { id: number }[]).map((r) => r.id);
  if (open.length) {
    const held = await call<BulkResult>('orders.bulk', { action: 'hold', orderIds: open, reason: 'bench' });
    const released = await call<BulkResult>('orders.bulk', { action: 'release', orderIds: open, reason: 'bench' });
    emit('bulk_hold_open_ms', Math.max(held.ms, released.ms), 'ms', orders, {
      stat: 'slower of hold and release of every open order (up to 10,000)',
      orderIds: open.length,
      holdMs: Math.round(held.ms),
      releaseMs: Math.round(released.ms),
      per10kMs: Math.round((Math.max(held.ms, released.ms) * 10_000) / open.length),
      changed: held.result.changed,
    });
  }

  // ── fulfil: one line of an open order per call, as a packer would ──
  const candidates = sqlite
    .prepare(
      `SELECT o.id AS orderId, l.id AS lineId, (l.quantity - l.fulfilled_quantity - l.refunded_quantity) AS qty
         FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.queue IN ('new','ready_to_pack','partially_fulfilled') AND l.quantity - l.fulfilled_quantity - l.refunded_quantity > 0
        ORDER BY o.id DESC LIMIT 300`,
    )
    .all() as { orderId: number; lineId: number; qty: number }[];
  const seen = new Set<number>();
  const fulfilMs: number[] = [];
  for (const c of candidates) {
    if (seen.has(c.orderId) || fulfilMs.length >= 200) continue;
    seen.add(c.orderId);
    const { ms } = await call<FulfilResult>('orders.fulfil', { orderId: c.orderId, lines: [{ lineId: c.lineId, quantity: c.qty }], tracking: { company: 'UPS', number: `1ZBENCH${c.orderId}` } });
    fulfilMs.push(ms);
  }
  if (fulfilMs.length) emit('fulfil_p95_ms', percentile(fulfilMs, 95), 'ms', orders, { samples: fulfilMs.length, p50: Math.round(percentile(fulfilMs, 50) * 100) / 100 });
}
