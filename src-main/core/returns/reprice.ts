import { formatMoney } from '../../../src-shared/money';
import type { ReturnPolicy } from '../../../src-shared/returns/policy';
import type { LineVerdictKind, ReturnLineDetail } from '../../../src-shared/returns/types';
import { lineFees, ruleFor } from './judge';

/** A return line as judged at creation (declared condition), with what the rules need about its product. */
export type JudgedLine = Pick<
  ReturnLineDetail,
  'quantity' | 'reason' | 'condition' | 'verdict' | 'overrideReason' | 'itemMinor' | 'taxMinor' | 'feeMinor' | 'shippingMinor' | 'labelMinor' | 'refundMinor'
> & { productType: string | null; tags: string[] };

export interface Repriced {
  verdict: LineVerdictKind;
  feeMinor: number;
  refundMinor: number;
  /** Plain words for the audit log and the timeline. */
  why: string[];
}

/**
 * The line judged again on the condition the inspector found. Only the
 * condition changes: the window, the reason, a manager's exception and the
 * money limits of the first verdict stand. Customer's fault: a condition below
 * the required one makes the line not eligible (nothing refunded for it, unless
 * a manager had made an exception), and the fees follow the condition found.
 * The shop's fault: any condition, no fee. The refund never exceeds what the
 * first verdict allowed before fees, so re-pricing can never pay back more than
 * was paid.
 */
export function repriceOnInspection(policy: ReturnPolicy, line: JudgedLine, found: string, currency: string): Repriced {
  const money = (m: number) => formatMoney(m, currency, 'en-US');
  const label = (code: string) => policy.conditions.find((c) => c.code === code)?.label ?? code;
  const reason = policy.reasons.find((r) => r.code === line.reason);
  const shopFault = reason?.fault === 'shop';
  const why = [`Found "${label(found)}" (declared "${label(line.condition)}").`];
  if (line.verdict === 'not_eligible') return { verdict: 'not_eligible', feeMinor: line.feeMinor, refundMinor: line.refundMinor, why: [...why, 'The line was not accepted; nothing changes.'] };

  const rank = new Map(policy.conditions.map((c, i) => [c.code, i]));
  const required = ruleFor(policy, line)?.requiredCondition ?? policy.requiredCondition;
  let eligible = true;
  if (shopFault) why.push(`Any condition is accepted because the shop is at fault (${reason?.label ?? line.reason}).`);
  else if ((rank.get(found) ?? 0) > (rank.get(required) ?? 0)) {
    if (line.overrideReason) why.push(`Below the required "${label(required)}", but a manager accepted this line: ${line.overrideReason}`);
    else {
      eligible = false;
      why.push(`Below the required "${label(required)}" or better: not eligible, nothing is refunded for it.`);
    }
  }
  if (!eligible) return { verdict: 'not_eligible', feeMinor: 0, refundMinor: 0, why };

  const fees = shopFault ? { feeMinor: 0, parts: [] } : lineFees(policy, line.reason, found, line.itemMinor, line.quantity, money);
  why.push(...fees.parts);
  // The goods money the first verdict allowed before fees (it may have been limited by earlier refunds).
  const goods = Math.min(line.itemMinor + line.taxMinor, line.refundMinor + line.feeMinor - line.shippingMinor + line.labelMinor);
  const refundMinor = Math.max(0, Math.min(line.refundMinor + line.feeMinor, goods - fees.feeMinor + line.shippingMinor - line.labelMinor));
  if (refundMinor !== line.refundMinor) why.push(`Refund ${money(line.refundMinor)} → ${money(refundMinor)}.`);
  return { verdict: fees.feeMinor > 0 ? 'eligible_with_fee' : 'eligible', feeMinor: fees.feeMinor, refundMinor, why };
}
