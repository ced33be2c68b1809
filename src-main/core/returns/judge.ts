import { OmsError } from '../../../src-shared/contract/errors';
import { formatMoney } from '../../../src-shared/money';
import { allocate, unitsShare } from '../../../src-shared/returns/allocate';
import type { PolicyRule, ReturnPolicy } from '../../../src-shared/returns/policy';
import type { LineVerdict, ReturnEvaluation } from '../../../src-shared/returns/types';
import { formatLocalDate, localDateOf, returnWindow } from './window';

/** What the rules need to know about one order line. */
export interface LineFacts {
  id: number;
  title: string;
  sku: string | null;
  productType: string | null;
  tags: string[];
  quantity: number;
  priceMinor: number;
  /** The line's share of the order's discounts, for all its units. */
  discountMinor: number;
  /** Tax charged on the line, for all its units. */
  taxMinor: number;
  fulfilledQuantity: number;
  /** Units already refunded or on an open return. */
  returnedQuantity: number;
  /** Money already refunded (or promised by an open return) for this line. */
  returnedMinor: number;
  /** When the window starts for this line: its delivery, or its (last) fulfilment. */
  startedAt: string | null;
  startedKind: 'delivered' | 'fulfilled';
}

export interface OrderFacts {
  orderId: number;
  orderName: string;
  currency: string;
  totalMinor: number;
  /** Everything refunded so far plus what open returns promise. */
  returnedMinor: number;
  shippingMinor: number;
  shippingTaxMinor: number;
  shippingReturnedMinor: number;
  lines: LineFacts[];
}

export interface RequestedLine {
  lineId: number;
  quantity: number;
  reason: string;
  condition: string;
  override?: { reason: string } | undefined;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The first rule that matches the product (type and/or tag, case-insensitive), if any. */
export function ruleFor(policy: ReturnPolicy, line: Pick<LineFacts, 'productType' | 'tags'>): PolicyRule | null {
  const type = line.productType?.toLowerCase() ?? null;
  const tags = new Set(line.tags.map((t) => t.toLowerCase()));
  for (const r of policy.rules) {
    if (r.productType !== undefined && r.productType.toLowerCase() !== type) continue;
    if (r.tag !== undefined && !tags.has(r.tag.toLowerCase())) continue;
    return r;
  }
  return null;
}

/** Restocking fee for `quantity` units whose price share is `itemMinor`: percent rounded half up, fixed per unit; never above the item. */
export function restockingFee(fee: ReturnPolicy['reasons'][number]['restockingFee'], itemMinor: number, quantity: number): number {
  if (!fee) return 0;
  if (fee.kind === 'fixed') return Math.min(itemMinor, fee.amountMinor * quantity);
  const basisPoints = Math.round(fee.percent * 100);
  return Math.min(itemMinor, Math.floor((itemMinor * basisPoints + 5000) / 10000));
}

/**
 * Fees for `quantity` units (customer's fault only): the reason's restocking
 * fee plus the condition's, together never more than the item. `parts` says
 * what each is, in plain words.
 */
export function lineFees(policy: ReturnPolicy, reasonCode: string, conditionCode: string, itemMinor: number, quantity: number, money: (m: number) => string): { feeMinor: number; parts: string[] } {
  const reason = policy.reasons.find((r) => r.code === reasonCode);
  const condition = policy.conditions.find((c) => c.code === conditionCode);
  if (!reason || reason.fault === 'shop') return { feeMinor: 0, parts: [] };
  const parts: string[] = [];
  const describe = (fee: NonNullable<ReturnPolicy['reasons'][number]['restockingFee']>) => (fee.kind === 'percent' ? `${fee.percent} % of ${money(itemMinor)}` : `${money(fee.amountMinor)} per unit`);
  const byReason = restockingFee(reason.restockingFee, itemMinor, quantity);
  if (byReason > 0 && reason.restockingFee) parts.push(`Restocking fee of ${money(byReason)} for "${reason.label}" (${describe(reason.restockingFee)}).`);
  const byCondition = Math.min(itemMinor - byReason, restockingFee(condition?.fee ?? null, itemMinor, quantity));
  if (byCondition > 0 && condition?.fee) parts.push(`Condition fee of ${money(byCondition)} for "${condition.label}" (${describe(condition.fee)}).`);
  return { feeMinor: byReason + byCondition, parts };
}

/**
 * Judges a requested return against a policy: per line eligible / eligible
 * with a fee / not eligible, with reasons in plain words, and the money. Pure:
 * the caller loads the facts and the policy in force.
 *
 * Money, per line, for units [r, r + q) where r units were returned before:
 * item = price × q − those units' share of the line discount; tax = their share
 * of the line tax (shares by largest remainder, so all units together are
 * exactly what was paid); fee on the item (customer's fault only); original
 * shipping pro rata when the shop is at fault and the policy refunds it; the
 * return label once per return when the customer pays for it. Nothing is ever
 * refunded beyond what remains of the line, the shipping or the order.
 */
export function judgeReturn(policy: ReturnPolicy, policyId: number, facts: OrderFacts, requested: RequestedLine[], at: string): ReturnEvaluation {
  if (requested.length === 0) throw new OmsError('VALIDATION', 'lines: pick at least one line to return', { field: 'lines' });
  const byId = new Map(facts.lines.map((l) => [l.id, l]));
  const reasons = new Map(policy.reasons.map((r) => [r.code, r]));
  const conditionRank = new Map(policy.conditions.map((c, i) => [c.code, i]));
  const conditionLabel = new Map(policy.conditions.map((c) => [c.code, c.label]));
  const seen = new Set<number>();
  const money = (m: number) => formatMoney(m, facts.currency, 'en-US');
  const atMs = Date.parse(at);

  const verdicts: LineVerdict[] = requested.map((req, i) => {
    const line = byId.get(req.lineId);
    if (!line) throw new OmsError('VALIDATION', `lines.${i}.lineId: line ${req.lineId} is not on order ${facts.orderName}`, { field: `lines.${i}.lineId` });
    if (seen.has(req.lineId)) throw new OmsError('VALIDATION', `lines.${i}.lineId: line ${req.lineId} is listed twice`, { field: `lines.${i}.lineId` });
    seen.add(req.lineId);
    const returnable = Math.max(0, line.fulfilledQuantity - line.returnedQuantity);
    if (req.quantity > returnable) {
      const why = `${plural(line.fulfilledQuantity, 'unit')} fulfilled, ${line.returnedQuantity} already returned or refunded`;
      throw new OmsError('VALIDATION', `lines.${i}.quantity: at most ${returnable} of "${line.title}" can be returned (${why})`, { field: `lines.${i}.quantity` });
    }
    const reason = reasons.get(req.reason);
    if (!reason) throw new OmsError('VALIDATION', `lines.${i}.reason: "${req.reason}" is not a return reason in the policy (${policy.reasons.filter((r) => !r.retired).map((r) => r.code).join(', ')})`, { field: `lines.${i}.reason` });
    if (reason.retired) throw new OmsError('VALIDATION', `lines.${i}.reason: "${reason.label}" is retired and no longer offered; pick another reason`, { field: `lines.${i}.reason` });
    const rank = conditionRank.get(req.condition);
    if (rank === undefined) {
      throw new OmsError('VALIDATION', `lines.${i}.condition: "${req.condition}" is not a condition in the policy (${[...conditionRank.keys()].join(', ')})`, { field: `lines.${i}.condition` });
    }
    if (policy.conditions[rank]?.retired) throw new OmsError('VALIDATION', `lines.${i}.condition: "${conditionLabel.get(req.condition)}" is retired and no longer offered; pick another condition`, { field: `lines.${i}.condition` });

    const rule = ruleFor(policy, line);
    const shopFault = reason.fault === 'shop';
    const why: string[] = [];
    let eligible = true;
    if (rule) why.push(`Rule "${rule.label}" applies to this product.`);

    // Final sale.
    const tags = new Set(line.tags.map((t) => t.toLowerCase()));
    const finalTag = policy.finalSaleTags.find((t) => tags.has(t.toLowerCase()));
    const finalSale = rule?.finalSale ?? finalTag !== undefined;
    if (finalSale && !shopFault) {
      eligible = false;
      why.push(`Final sale${finalTag ? ` (tagged "${finalTag}")` : ''}: it can only be returned when the shop is at fault, not for "${reason.label}".`);
    } else if (finalSale) {
      why.push(`Final sale, but accepted because the shop is at fault (${reason.label}).`);
    }

    // Window.
    const windowDays = rule?.windowDays ?? policy.windowDays;
    let windowEndsAt: string | null = null;
    if (line.startedAt) {
      const w = returnWindow(line.startedAt, windowDays, policy.timeZone);
      windowEndsAt = w.endsAt;
      const verb = line.startedKind === 'delivered' ? 'delivered' : 'shipped';
      const span = `${verb} ${formatLocalDate(w.startDate)}, returnable until the end of ${formatLocalDate(w.lastDate)}`;
      // Without a delivery date the window counts from shipping, which is the customer's loss: say so.
      const from = line.startedKind === 'fulfilled' ? '; counted from shipping, as the carrier has not confirmed delivery' : '';
      if (atMs < Date.parse(w.endsAt)) why.push(`Within the ${windowDays}-day return window (${span}${from}).`);
      else {
        eligible = false;
        const late = Math.max(1, Math.round((Date.UTC(...ymd(localDateOf(atMs, policy.timeZone))) - Date.UTC(...ymd(w.lastDate))) / 86_400_000));
        why.push(`Outside the ${windowDays}-day return window (${span}; ${plural(late, 'day')} late${from}).`);
      }
    }

    // Condition.
    const required = rule?.requiredCondition ?? policy.requiredCondition;
    const requiredRank = conditionRank.get(required) ?? 0;
    if (shopFault) why.push(`Any condition is accepted because the shop is at fault (${reason.label}).`);
    else if (rank > requiredRank) {
      eligible = false;
      why.push(`Condition "${conditionLabel.get(req.condition)}" does not meet the required "${conditionLabel.get(required)}" or better.`);
    } else why.push(`Condition "${conditionLabel.get(req.condition)}" meets the required "${conditionLabel.get(required)}" or better.`);

    // Money for units [returned, returned + quantity).
    const itemMinor = line.priceMinor * req.quantity - unitsShare(line.discountMinor, line.quantity, line.returnedQuantity, req.quantity);
    const taxMinor = unitsShare(line.taxMinor, line.quantity, line.returnedQuantity, req.quantity);
    const fees = lineFees(policy, reason.code, req.condition, itemMinor, req.quantity, money);
    const feeMinor = fees.feeMinor;
    why.push(...fees.parts);

    let override: LineVerdict['override'] = null;
    if (!eligible && req.override) {
      override = { reason: req.override.reason };
      eligible = true;
      why.push(`Accepted by a manager as an exception: ${req.override.reason}`);
    }
    const verdict = eligible ? (feeMinor > 0 ? 'eligible_with_fee' : 'eligible') : 'not_eligible';
    return {
      lineId: line.id,
      title: line.title,
      sku: line.sku,
      quantity: req.quantity,
      reason: reason.code,
      reasonLabel: reason.label,
      condition: req.condition,
      conditionLabel: conditionLabel.get(req.condition) ?? req.condition,
      verdict,
      reasons: why,
      override,
      windowDays,
      windowEndsAt,
      itemMinor,
      taxMinor,
      feeMinor,
      shippingMinor: 0,
      labelMinor: 0,
      refundMinor: 0,
    } satisfies LineVerdict;
  });

  const notes: string[] = [];
  const accepted = verdicts.filter((v) => v.verdict !== 'not_eligible');
  const fault = (v: LineVerdict) => reasons.get(v.reason)?.fault;
  const anyShopFault = accepted.some((v) => fault(v) === 'shop');

  // Original shipping, pro rata to the goods returned for the shop's fault.
  let shippingRefund = 0;
  const shopLines = accepted.filter((v) => fault(v) === 'shop');
  if (policy.refundOriginalShipping === 'shop_fault' && shopLines.length > 0) {
    const shippingPaid = facts.shippingMinor + facts.shippingTaxMinor;
    const goods = facts.lines.reduce((s, l) => s + l.priceMinor * l.quantity - l.discountMinor, 0);
    const returnedGoods = shopLines.reduce((s, v) => s + v.itemMinor, 0);
    const left = Math.max(0, shippingPaid - facts.shippingReturnedMinor);
    shippingRefund = goods > 0 ? Math.min(left, Number((BigInt(shippingPaid) * BigInt(returnedGoods)) / BigInt(goods))) : 0;
    if (shippingRefund > 0) {
      const shares = allocate(shippingRefund, shopLines.map((v) => v.itemMinor));
      shopLines.forEach((v, k) => (v.shippingMinor = shares[k] as number));
      notes.push(`The original shipping is refunded pro rata (${money(shippingRefund)}) because the shop is at fault.`);
    }
  }

  // Return label: paid by the customer only when every accepted line is the customer's own choice.
  let label = 0;
  if (accepted.length > 0) {
    if (anyShopFault) notes.push('The shop pays for the return shipping (the shop is at fault).');
    else if (policy.returnShipping.paidBy === 'shop') notes.push('The shop pays for the return shipping.');
    else if (policy.returnShipping.labelCostMinor > 0) {
      const goodsBack = accepted.reduce((s, v) => s + v.itemMinor + v.taxMinor - v.feeMinor, 0);
      label = Math.min(goodsBack, policy.returnShipping.labelCostMinor);
      const shares = allocate(label, accepted.map((v) => v.itemMinor + v.taxMinor - v.feeMinor));
      accepted.forEach((v, k) => (v.labelMinor = shares[k] as number));
      notes.push(`The customer pays for the return label: ${money(label)} is deducted.`);
    }
  }

  // Per line: never beyond what remains of that line.
  for (const v of accepted) {
    const line = byId.get(v.lineId) as LineFacts;
    const linePaid = line.priceMinor * line.quantity - line.discountMinor + line.taxMinor;
    const goodsPart = Math.min(v.itemMinor + v.taxMinor - v.feeMinor, Math.max(0, linePaid - line.returnedMinor));
    if (goodsPart < v.itemMinor + v.taxMinor - v.feeMinor) v.reasons.push(`Limited to ${money(goodsPart)}: the rest of this line was refunded before.`);
    v.refundMinor = Math.max(0, goodsPart + v.shippingMinor - v.labelMinor);
  }
  // And never beyond what remains of the order.
  let total = accepted.reduce((s, v) => s + v.refundMinor, 0);
  const orderLeft = Math.max(0, facts.totalMinor - facts.returnedMinor);
  if (total > orderLeft) {
    let excess = total - orderLeft;
    for (const v of [...accepted].reverse()) {
      const cut = Math.min(excess, v.refundMinor);
      v.refundMinor -= cut;
      excess -= cut;
    }
    notes.push(`Limited to ${money(orderLeft)}, what remains unrefunded on the order.`);
    total = orderLeft;
  }

  const needsManagerApproval = policy.managerApprovalAboveMinor !== null && total > policy.managerApprovalAboveMinor;
  if (needsManagerApproval) notes.push(`A manager must approve this return: ${money(total)} is above ${money(policy.managerApprovalAboveMinor ?? 0)}.`);
  if (verdicts.some((v) => v.override)) notes.push('Includes a manager’s exception.');
  const first = facts.lines.filter((l) => l.startedAt).sort((a, b) => (a.startedAt as string).localeCompare(b.startedAt as string))[0];

  return {
    orderId: facts.orderId,
    orderName: facts.orderName,
    currency: facts.currency,
    at,
    policyId,
    policyName: policy.name,
    judgedFrom: first?.startedAt ? { at: first.startedAt, kind: first.startedKind } : null,
    lines: verdicts,
    shippingRefundMinor: shippingRefund,
    returnLabelMinor: label,
    feeMinor: accepted.reduce((s, v) => s + v.feeMinor, 0),
    totalMinor: total,
    needsManagerApproval,
    notes,
    allowedResolutions: [...policy.resolutions],
  };
}

function ymd(d: { year: number; month: number; day: number }): [number, number, number] {
  return [d.year, d.month - 1, d.day];
}
