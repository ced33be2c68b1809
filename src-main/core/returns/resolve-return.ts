import { OmsError } from '../../../src-shared/contract/errors';
import { formatMoney } from '../../../src-shared/money';
import { RESOLUTION_LABELS, type Resolution } from '../../../src-shared/returns/policy';
import type { ReturnStatus } from '../../../src-shared/returns/types';
import type { Caller, CoreContext } from '../context';
import { createOutbox } from '../outbox/outbox';
import { createReplacementOrders } from './create-replacement';
import type { ReturnPolicies } from './policy-store';
import { requireStatus, type StepRecorder } from './steps';

export interface ResolveFaults {
  /** Tests: runs inside the transaction right after the refund row is written, to simulate a crash there. */
  afterRefund?: () => void;
}

interface ReturnRow {
  id: number;
  number: string;
  order_id: number;
  customer_id: number | null;
  status: ReturnStatus;
  resolution: Resolution;
  currency: string;
  total_minor: number;
  shipping_refund_minor: number;
  policy_id: number;
}

/** The idempotency key of a return's refund: the same for every attempt, so the platform applies it once. */
export const refundKey = (returnId: number) => `refund:return:${returnId}`;
/** The key of the refund of an exchange's price difference (a cheaper item). */
export const exchangeRefundKey = (returnId: number) => `refund:exchange:${returnId}`;

/**
 * Resolves an inspected return, exactly once: a refund (refunds row and lines
 * with restock flags, the order's refunded amount, and a 'refund.create' outbox
 * item with a stable idempotency key, all in one transaction), store credit on
 * the customer's ledger, or an exchange: the replacement order (pushed to the
 * platform through the outbox), with the price difference of another item
 * left for the customer to pay on it, or refunded through the same refund path
 * (keyed refund:exchange:<id>) — never more than the return is worth or the
 * order has left. Calling it again on a resolved return changes nothing.
 */
export function createResolveReturn(ctx: CoreContext, policies: ReturnPolicies, step: StepRecorder, faults: ResolveFaults = {}) {
  const { sqlite } = ctx;
  const outbox = createOutbox(sqlite);
  const createReplacement = createReplacementOrders(ctx);
  const load = sqlite.prepare<[number], ReturnRow>('SELECT id, number, order_id, customer_id, status, resolution, currency, total_minor, shipping_refund_minor, policy_id FROM returns WHERE id = ?');
  const order = sqlite.prepare<[number], { platform: string | null; external_id: string | null; name: string; total_minor: number; refunded_minor: number }>(
    'SELECT platform, external_id, name, total_minor, refunded_minor FROM orders WHERE id = ?',
  );
  const lines = sqlite.prepare<[number], { id: number; order_line_id: number; quantity: number; refund_minor: number; outcome: string | null; location_id: number | null; line_external_id: string | null; location_external_id: string | null; title: string }>(
    `SELECT x.id, x.order_line_id, x.quantity, x.refund_minor, x.outcome, x.location_id, l.external_id AS line_external_id, loc.external_id AS location_external_id, l.title
       FROM return_lines x JOIN order_lines l ON l.id = x.order_line_id LEFT JOIN locations loc ON loc.id = x.location_id WHERE x.return_id = ? ORDER BY x.id`,
  );
  const insertRefund = sqlite.prepare('INSERT INTO refunds (order_id, platform, amount_minor, currency, reason, note, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertRefundLine = sqlite.prepare('INSERT INTO refund_lines (refund_id, order_line_id, quantity, amount_minor, restock) VALUES (?, ?, ?, ?, ?)');
  const bumpOrder = sqlite.prepare('UPDATE orders SET refunded_minor = refunded_minor + ?, updated_at = ? WHERE id = ?');
  const bumpLine = sqlite.prepare('UPDATE order_lines SET refunded_quantity = min(quantity, refunded_quantity + ?) WHERE id = ?');
  const insertCredit = sqlite.prepare('INSERT INTO store_credits (customer_id, delta_minor, currency, reason, return_id, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const finish = sqlite.prepare(
    "UPDATE returns SET status = 'resolved', resolution = ?, resolved_minor = ?, refund_id = ?, replacement_order_id = ?, exchange_difference_minor = ?, resolved_at = ?, updated_at = ? WHERE id = ? AND status = 'inspected'",
  );

  /** A refund made here goes to the shop platform through the outbox (the order came from one); keyed so a resend is applied once. */
  const queueRefund = (
    o: { platform: string | null; external_id: string | null },
    r: ReturnRow,
    refundId: number,
    idempotencyKey: string,
    at: string,
    refund: { amountMinor: number; shippingMinor: number; note: string; lines: { lineExternalId: string | null; quantity: number; amountMinor: number; restock: boolean; locationExternalId: string | null }[] },
  ): void => {
    if (!o.platform) return;
    outbox.enqueue({ platform: o.platform, kind: 'refund.create', entityType: 'refund', entityId: refundId, idempotencyKey, at, payload: { orderExternalId: o.external_id, returnNumber: r.number, currency: r.currency, ...refund } });
  };

  return function resolve(
    id: number,
    resolutionIn: Resolution | undefined,
    caller: Caller,
    exchange: { returnLineId: number; variantId: number }[] = [],
  ): { refundId: number | null; replacementOrderId: number | null } {
    const at = ctx.clock.now().toISOString();
    return sqlite
      .transaction(() => {
        const r = load.get(id);
        if (!r) throw new OmsError('NOT_FOUND', `Return ${id} does not exist.`, { field: 'id' });
        // Repeated after success (a retry, a double click, a crash before the answer): nothing more happens.
        if (r.status === 'resolved') return { refundId: null, replacementOrderId: null };
        requireStatus(r.number, r.status, ['inspected'], 'resolved');
        const resolution = resolutionIn ?? r.resolution;
        const allowed = policies.byId(r.policy_id).policy.resolutions;
        if (!allowed.includes(resolution)) throw new OmsError('VALIDATION', `resolution: the policy ${r.number} was judged by allows ${allowed.join(', ')}`, { field: 'resolution' });
        const o = order.get(r.order_id) as { platform: string | null; external_id: string | null; name: string; total_minor: number; refunded_minor: number };
        const ls = lines.all(id);
        const money = formatMoney(r.total_minor, r.currency, 'en-US');
        let refundId: number | null = null;
        let replacementOrderId: number | null = null;
        let difference: number | null = null;
        let resolvedMinor = resolution === 'exchange' ? 0 : r.total_minor;
        let summary: string;

        if (resolution === 'refund') {
          if (r.total_minor > 0) {
            refundId = Number(insertRefund.run(r.order_id, o.platform, r.total_minor, r.currency, `Return ${r.number}`, null, caller.userId, at).lastInsertRowid);
            faults.afterRefund?.();
            for (const l of ls) {
              insertRefundLine.run(refundId, l.order_line_id, l.quantity, l.refund_minor, l.outcome === 'restock' ? 1 : 0);
              bumpLine.run(l.quantity, l.order_line_id);
            }
            bumpOrder.run(r.total_minor, at, r.order_id);
            queueRefund(o, r, refundId, refundKey(r.id), at, {
              amountMinor: r.total_minor,
              shippingMinor: r.shipping_refund_minor,
              note: `Return ${r.number}`,
              // Restocking already happened locally through the ledger; the platform is told per line.
              lines: ls.map((l) => ({ lineExternalId: l.line_external_id, quantity: l.quantity, amountMinor: l.refund_minor, restock: l.outcome === 'restock', locationExternalId: l.outcome === 'restock' ? l.location_external_id : null })),
            });
            summary = `Refunded ${money} to the original payment${o.platform ? ' (queued for the shop platform)' : ''}.`;
          } else summary = 'Resolved with nothing to refund.';
        } else if (resolution === 'store_credit') {
          if (r.customer_id === null) throw new OmsError('VALIDATION', 'resolution: store credit needs a customer on the order; choose a refund instead', { field: 'resolution' });
          insertCredit.run(r.customer_id, r.total_minor, r.currency, `Return ${r.number}`, r.id, caller.userId, at);
          summary = `Store credit of ${money} added to the customer’s account.`;
        } else {
          const swaps = new Map(exchange.map((e) => [e.returnLineId, e.variantId]));
          exchange.forEach((e, i) => {
            if (!ls.some((l) => l.id === e.returnLineId)) throw new OmsError('VALIDATION', `exchange.${i}.returnLineId: line ${e.returnLineId} is not on ${r.number}`, { field: `exchange.${i}.returnLineId` });
          });
          const replacement = createReplacement(r.order_id, r.id, r.number, ls.map((l) => ({ orderLineId: l.order_line_id, quantity: l.quantity, variantId: swaps.get(l.id) })), caller.userId, at);
          replacementOrderId = replacement.id;
          difference = replacement.differenceMinor;
          const items = ls.map((l) => `${l.quantity} × "${l.title}"`).join(', ');
          const diff = (m: number) => formatMoney(m, r.currency, 'en-US');
          const pushed = o.platform ? ' (queued for the shop platform)' : '';
          if (difference > 0) summary = `Exchange: replacement order ${replacement.name}${pushed} for ${items}; the customer owes the price difference of ${diff(difference)}, and the order waits for that payment.`;
          else if (difference < 0) {
            // A cheaper item: the difference goes back, never more than the return is worth or the order has left.
            const back = Math.max(0, Math.min(-difference, r.total_minor, o.total_minor - o.refunded_minor));
            if (back > 0) {
              refundId = Number(insertRefund.run(r.order_id, o.platform, back, r.currency, `Exchange ${r.number}: price difference`, null, caller.userId, at).lastInsertRowid);
              bumpOrder.run(back, at, r.order_id);
              queueRefund(o, r, refundId, exchangeRefundKey(r.id), at, { amountMinor: back, shippingMinor: 0, note: `Exchange ${r.number}: price difference`, lines: [] });
            }
            resolvedMinor = back;
            summary = `Exchange: replacement order ${replacement.name}${pushed} for ${items}; the price difference of ${diff(back)} is refunded to the original payment${back < -difference ? ` (limited from ${diff(-difference)} to what the return is worth)` : ''}.`;
          } else summary = `Exchange: replacement order ${replacement.name}${pushed} for ${items} (an even exchange, no money changes hands).`;
        }

        const changed = finish.run(resolution, resolvedMinor, refundId, replacementOrderId, difference, at, at, id).changes;
        if (changed !== 1) throw new OmsError('CONFLICT', `${r.number} changed while it was being resolved; try again.`);
        step({ returnId: r.id, number: r.number, orderId: r.order_id, userId: caller.userId, at, action: 'returns.resolved', summary, detail: { resolution, refundId, replacementOrderId, amountMinor: r.total_minor, exchangeDifferenceMinor: difference, label: RESOLUTION_LABELS[resolution] } });
        return { refundId, replacementOrderId };
      })
      .immediate();
  };
}
