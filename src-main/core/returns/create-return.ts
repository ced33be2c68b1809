import type { ParsedInputOf } from '../../../src-shared/contract';
import { can } from '../../../src-shared/contract/roles';
import { OmsError } from '../../../src-shared/contract/errors';
import { formatMoney } from '../../../src-shared/money';
import { RESOLUTION_LABELS } from '../../../src-shared/returns/policy';
import type { Caller, CoreContext } from '../context';
import type { EvaluateReturn } from './evaluate';
import { rmaNumber } from './rma-store';
import type { StepRecorder } from './steps';

type Input = ParsedInputOf<'returns.create'>;

/**
 * Creates an RMA: re-evaluates the lines inside the transaction (so two
 * clerks cannot return the same unit twice), refuses not-eligible lines unless
 * a manager overrides them with a written reason, and stores the verdict.
 */
export function createCreateReturn(ctx: CoreContext, evaluate: EvaluateReturn, step: StepRecorder) {
  const { sqlite } = ctx;
  const insertReturn = sqlite.prepare(
    `INSERT INTO returns (number, order_id, customer_id, status, resolution, currency, policy_id, verdict, needs_approval, shipping_refund_minor, label_minor, total_minor, note, created_by, created_at, updated_at)
     VALUES (@number, @orderId, @customerId, 'requested', @resolution, @currency, @policyId, @verdict, @needsApproval, @shipping, @label, @total, @note, @userId, @at, @at)`,
  );
  const nextId = sqlite.prepare<[], { n: number }>("SELECT coalesce(max(id), 0) + 1 AS n FROM returns");
  const insertLine = sqlite.prepare(
    `INSERT INTO return_lines (return_id, order_line_id, quantity, reason, condition, verdict, override_reason, overridden_by, item_minor, tax_minor, fee_minor, shipping_minor, label_minor, refund_minor)
     VALUES (@returnId, @lineId, @quantity, @reason, @condition, @verdict, @overrideReason, @overriddenBy, @itemMinor, @taxMinor, @feeMinor, @shippingMinor, @labelMinor, @refundMinor)`,
  );

  return function createReturn(input: Input, caller: Caller): number {
    const overriding = input.lines.some((l) => l.override);
    if (overriding && !can(caller.role, 'returns.override')) {
      throw new OmsError('FORBIDDEN', 'Only a manager or owner can accept a line the policy does not allow (returns.override).');
    }
    const at = ctx.clock.now().toISOString();
    return sqlite
      .transaction(() => {
        const ev = evaluate({ orderId: input.orderId, lines: input.lines, at });
        ev.lines.forEach((l, i) => {
          if (l.verdict === 'not_eligible') {
            throw new OmsError('VALIDATION', `lines.${i}: "${l.title}" is not eligible — ${l.reasons.filter((r) => /not|Outside|Final/.test(r)).join(' ')} A manager can accept it as an exception with a written reason.`, { field: `lines.${i}` });
          }
        });
        if (!ev.allowedResolutions.includes(input.resolution)) {
          throw new OmsError('VALIDATION', `resolution: the policy allows ${ev.allowedResolutions.map((r) => RESOLUTION_LABELS[r].toLowerCase()).join(', ')}`, { field: 'resolution' });
        }
        if (input.resolution === 'store_credit' && ev.customerId === null) {
          throw new OmsError('VALIDATION', 'resolution: store credit needs a customer on the order; choose a refund instead', { field: 'resolution' });
        }
        const id = nextId.get()?.n ?? 1;
        const number = rmaNumber(id);
        const { customerId, ...evaluation } = ev;
        insertReturn.run({
          number,
          orderId: input.orderId,
          customerId,
          resolution: input.resolution,
          currency: ev.currency,
          policyId: ev.policyId,
          verdict: JSON.stringify(evaluation),
          needsApproval: ev.needsManagerApproval ? 1 : 0,
          shipping: ev.shippingRefundMinor,
          label: ev.returnLabelMinor,
          total: ev.totalMinor,
          note: input.note ?? null,
          userId: caller.userId,
          at,
        });
        for (const l of ev.lines) {
          insertLine.run({
            returnId: id,
            lineId: l.lineId,
            quantity: l.quantity,
            reason: l.reason,
            condition: l.condition,
            verdict: l.verdict,
            overrideReason: l.override?.reason ?? null,
            overriddenBy: l.override ? caller.userId : null,
            itemMinor: l.itemMinor,
            taxMinor: l.taxMinor,
            feeMinor: l.feeMinor,
            shippingMinor: l.shippingMinor,
            labelMinor: l.labelMinor,
            refundMinor: l.refundMinor,
          });
        }
        const units = ev.lines.reduce((s, l) => s + l.quantity, 0);
        step({
          returnId: id,
          number,
          orderId: input.orderId,
          userId: caller.userId,
          at,
          action: 'returns.created',
          summary: `Return requested: ${units} item${units === 1 ? '' : 's'}, ${RESOLUTION_LABELS[input.resolution].toLowerCase()} of ${formatMoney(ev.totalMinor, ev.currency, 'en-US')}${ev.needsManagerApproval ? ' (needs a manager’s approval)' : ''}.`,
          detail: { lines: ev.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity, reason: l.reason, condition: l.condition, verdict: l.verdict, refundMinor: l.refundMinor })) },
        });
        for (const l of ev.lines.filter((x) => x.override)) {
          step({
            returnId: id,
            number,
            orderId: input.orderId,
            userId: caller.userId,
            at,
            action: 'returns.override',
            summary: `Manager exception for "${l.title}": ${l.override?.reason}`,
            detail: { lineId: l.lineId, reasons: l.reasons },
          });
        }
        return id;
      })
      .immediate();
  };
}
