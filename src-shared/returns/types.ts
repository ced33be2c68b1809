import type { Resolution } from './policy';

export type LineVerdictKind = 'eligible' | 'eligible_with_fee' | 'not_eligible';

export const VERDICT_LABELS: Record<LineVerdictKind, string> = {
  eligible: 'Eligible',
  eligible_with_fee: 'Eligible with a fee',
  not_eligible: 'Not eligible',
};

/** One requested line, judged. Amounts are minor units of the order's currency. */
export interface LineVerdict {
  lineId: number;
  title: string;
  sku: string | null;
  quantity: number;
  reason: string;
  reasonLabel: string;
  condition: string;
  conditionLabel: string;
  verdict: LineVerdictKind;
  /** Why, in plain words, one sentence each. */
  reasons: string[];
  /** A manager accepted a not-eligible line; `verdict` is then 'eligible' or 'eligible_with_fee'. */
  override: { reason: string } | null;
  windowDays: number | null;
  /** First instant after the return window (ISO UTC). */
  windowEndsAt: string | null;
  /** Price share after the order's discounts. */
  itemMinor: number;
  taxMinor: number;
  feeMinor: number;
  /** Share of the original shipping refunded (with its tax), when the policy refunds it. */
  shippingMinor: number;
  /** Share of the return label the customer pays, deducted. */
  labelMinor: number;
  /** What this line refunds: item + tax − fee + shipping − label; 0 when not eligible. */
  refundMinor: number;
}

export interface ReturnEvaluation {
  orderId: number;
  orderName: string;
  currency: string;
  at: string;
  policyId: number;
  policyName: string;
  /** When the window started counting for the order: delivery or fulfilment. */
  judgedFrom: { at: string; kind: 'delivered' | 'fulfilled' } | null;
  lines: LineVerdict[];
  shippingRefundMinor: number;
  returnLabelMinor: number;
  feeMinor: number;
  totalMinor: number;
  needsManagerApproval: boolean;
  notes: string[];
  allowedResolutions: Resolution[];
}
