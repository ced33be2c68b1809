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

export const RETURN_STATUSES = ['requested', 'approved', 'in_transit', 'received', 'inspected', 'resolved', 'rejected'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];
export const OPEN_RETURN_STATUSES: readonly ReturnStatus[] = ['requested', 'approved', 'in_transit', 'received', 'inspected'];

export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  requested: 'Requested',
  approved: 'Approved',
  in_transit: 'In transit',
  received: 'Received',
  inspected: 'Inspected',
  resolved: 'Resolved',
  rejected: 'Rejected',
};

export interface ReturnSummary {
  id: number;
  number: string;
  orderId: number;
  orderName: string;
  customerId: number | null;
  customerName: string;
  status: ReturnStatus;
  resolution: Resolution;
  currency: string;
  totalMinor: number;
  units: number;
  needsApproval: boolean;
  createdAt: string;
  updatedAt: string;
  /** Whole days since the return was requested (open returns) or until it closed. */
  ageDays: number;
  /** Whole days since the last step. */
  daysInStatus: number;
}

export interface ReturnLineDetail {
  id: number;
  orderLineId: number;
  title: string;
  sku: string | null;
  variantId: number | null;
  quantity: number;
  reason: string;
  condition: string;
  verdict: LineVerdictKind;
  overrideReason: string | null;
  itemMinor: number;
  taxMinor: number;
  feeMinor: number;
  shippingMinor: number;
  labelMinor: number;
  refundMinor: number;
  outcome: 'restock' | 'write_off' | null;
  inspectedCondition: string | null;
  /** The verdict on the condition found; null until inspected. */
  inspectedVerdict: LineVerdictKind | null;
  inspectionNotes: string | null;
  /** The refund judged on the declared condition, when inspection re-priced the line. */
  declaredRefundMinor: number | null;
  locationId: number | null;
  locationName: string | null;
  writeOffReason: string | null;
  inspectedAt: string | null;
}

export interface ReturnStep {
  at: string;
  action: string;
  user: string | null;
  detail: string;
}

export interface ReturnDetail extends ReturnSummary {
  policyId: number;
  evaluation: ReturnEvaluation;
  lines: ReturnLineDetail[];
  shippingRefundMinor: number;
  labelMinor: number;
  resolvedMinor: number | null;
  refundId: number | null;
  storeCreditMinor: number | null;
  replacementOrderId: number | null;
  replacementOrderName: string | null;
  /** Exchange at another price: + the customer owes it (on the replacement order), − it was refunded; null: not an exchange. */
  exchangeDifferenceMinor: number | null;
  /** When the customer owes a difference: whether the replacement order has been paid (charged); else null. */
  exchangeDifferencePaid: boolean | null;
  note: string | null;
  trackingNumber: string | null;
  rejectReason: string | null;
  email: string | null;
  steps: ReturnStep[];
  /** Active locations inspected items can be restocked to. */
  restockLocations: { id: number; name: string; code: string }[];
  /** The judging policy's conditions, best first (for inspection). */
  conditions: { code: string; label: string }[];
}

export interface ReturnListResult {
  items: ReturnSummary[];
  counts: Record<ReturnStatus | 'open' | 'all', number>;
}

export interface ReturnRateRow {
  key: string;
  label: string;
  sub: string | null;
  sold: number;
  returned: number;
  /** returned ÷ sold, 0…1; null when nothing was sold. */
  rate: number | null;
}

export interface ReturnsReport {
  from: string;
  to: string;
  unitsSold: number;
  unitsReturned: number;
  rate: number | null;
  byProduct: ReturnRateRow[];
  byReason: { reason: string; label: string; units: number; share: number }[];
  byCustomer: ReturnRateRow[];
  /**
   * Set while the figures are still being counted (a first import's closing
   * work rebuilds them a range of orders at a time): orders counted so far of
   * all orders. Null when every order is counted.
   */
  incomplete: { counted: number; of: number } | null;
}

export interface ExchangeOptions {
  currency: string;
  lines: {
    returnLineId: number;
    title: string;
    quantity: number;
    currentVariantId: number | null;
    /** differenceMinor: what the customer would pay (+) or get back (−) for this choice, list prices before tax. */
    options: { variantId: number; sku: string | null; title: string | null; onHand: number; differenceMinor: number }[];
  }[];
}
