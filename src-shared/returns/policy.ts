import { z } from 'zod';

/**
 * The retailer's return policy, as data. Owners and managers edit it; every
 * save is a new version with an effective-from time, and a return is judged by
 * the version in force when its order was delivered (or fulfilled, when the
 * delivery date is unknown). The format is documented in README.md.
 */

export const RESOLUTIONS = ['refund', 'store_credit', 'exchange'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const RESOLUTION_LABELS: Record<Resolution, string> = {
  refund: 'Refund to original payment',
  store_credit: 'Store credit',
  exchange: 'Exchange',
};

const code = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(40, 'must be at most 40 characters')
  .regex(/^[a-z0-9_-]+$/, 'may use lower-case letters, digits, dash and underscore only');
const label = z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters');
const days = z.number({ message: 'must be a number' }).int('must be a whole number of days').min(0, 'must be 0 or more').max(3650, 'must be at most 3650 days');
const minor = z.number({ message: 'must be a number' }).int('must be whole minor units (cents)').min(0, 'must be 0 or more').max(1e11, 'is too large');

export const RestockingFee = z.discriminatedUnion('kind', [
  /** A share of the item's price after discounts, rounded half up to the minor unit. At most two decimals. */
  z
    .object({ kind: z.literal('percent'), percent: z.number({ message: 'must be a number' }).min(0, 'must be 0 or more').max(100, 'must be at most 100') })
    .strict()
    .refine((f) => Number.isInteger(Math.round(f.percent * 100)) && Math.abs(f.percent * 100 - Math.round(f.percent * 100)) < 1e-9, {
      message: 'may have at most two decimals',
      path: ['percent'],
    }),
  /** A fixed amount per returned unit, never more than the unit's price share. */
  z.object({ kind: z.literal('fixed'), amountMinor: minor }).strict(),
]);
export type RestockingFee = z.infer<typeof RestockingFee>;

export const ReturnReason = z
  .object({
    code,
    label,
    /** 'shop': defective, wrong or damaged item — no fee, any condition accepted, shop pays shipping. */
    fault: z.enum(['customer', 'shop']),
    restockingFee: RestockingFee.nullable().default(null),
    /** No longer offered for new returns; kept so past returns keep their label. */
    retired: z.boolean().default(false),
  })
  .strict();
export type ReturnReason = z.infer<typeof ReturnReason>;

export const ItemCondition = z
  .object({
    code,
    label,
    /** Whether an item in this condition can normally go back on the shelf (the inspector decides). */
    resellable: z.boolean(),
    /**
     * Fee for a customer-fault return in this condition (on top of the reason's
     * restocking fee; together never more than the item). Charged on the declared
     * condition when the return is judged, and re-priced on the condition the
     * inspector finds.
     */
    fee: RestockingFee.nullable().default(null),
    /** No longer offered for new returns or inspections; kept so past returns keep their label. */
    retired: z.boolean().default(false),
  })
  .strict();
export type ItemCondition = z.infer<typeof ItemCondition>;

/** A rule for some products: matched by product type and/or tag (case-insensitive); the first matching rule wins. */
export const PolicyRule = z
  .object({
    label,
    productType: z.string().trim().min(1).max(80).optional(),
    tag: z.string().trim().min(1).max(80).optional(),
    windowDays: days.optional(),
    finalSale: z.boolean().optional(),
    requiredCondition: code.optional(),
  })
  .strict()
  .refine((r) => r.productType !== undefined || r.tag !== undefined, { message: 'needs a productType or a tag to match', path: ['productType'] });
export type PolicyRule = z.infer<typeof PolicyRule>;

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const ReturnPolicy = z
  .object({
    name: label,
    /** IANA zone the return window's calendar days are counted in (the shop's own). */
    timeZone: z.string().trim().min(1).max(64).refine(validTimeZone, { message: 'must be an IANA time zone such as Europe/London or America/New_York' }),
    /** Calendar days after delivery (or fulfilment) during which an item may be returned; the last day counts whole. */
    windowDays: days,
    rules: z.array(PolicyRule).max(100, 'at most 100 rules').default([]),
    /** Products carrying any of these tags are final sale: never returnable except for the shop's fault. */
    finalSaleTags: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
    /** Ordered best first; the required condition means "this or better". */
    conditions: z.array(ItemCondition).min(1, 'needs at least one condition').max(20),
    requiredCondition: code,
    reasons: z.array(ReturnReason).min(1, 'needs at least one reason').max(50),
    returnShipping: z
      .object({
        /** Who pays for the return label when the customer is at fault; the shop always pays when it is. */
        paidBy: z.enum(['customer', 'shop']),
        /** Deducted once per return when the customer pays. */
        labelCostMinor: minor,
      })
      .strict(),
    /** Whether the original shipping charge is refunded: never, or (pro rata) when the shop is at fault. */
    refundOriginalShipping: z.enum(['never', 'shop_fault']),
    resolutions: z.array(z.enum(RESOLUTIONS)).min(1, 'allow at least one resolution').max(3),
    /** Returns worth more than this need a manager's approval; null: never. */
    managerApprovalAboveMinor: minor.nullable(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const conditions = new Set(p.conditions.map((c) => c.code));
    const dup = (list: { code: string }[], path: string) => {
      const seen = new Set<string>();
      list.forEach((x, i) => {
        if (seen.has(x.code)) ctx.addIssue({ code: 'custom', message: `"${x.code}" is listed twice`, path: [path, i, 'code'] });
        seen.add(x.code);
      });
    };
    dup(p.conditions, 'conditions');
    dup(p.reasons, 'reasons');
    if (!p.reasons.some((r) => !r.retired)) ctx.addIssue({ code: 'custom', message: 'keep at least one reason in use', path: ['reasons'] });
    if (!p.conditions.some((c) => !c.retired)) ctx.addIssue({ code: 'custom', message: 'keep at least one condition in use', path: ['conditions'] });
    if (p.conditions.find((c) => c.code === p.requiredCondition)?.retired) ctx.addIssue({ code: 'custom', message: `"${p.requiredCondition}" is retired; require a condition in use`, path: ['requiredCondition'] });
    if (!conditions.has(p.requiredCondition)) ctx.addIssue({ code: 'custom', message: `"${p.requiredCondition}" is not one of the conditions`, path: ['requiredCondition'] });
    p.rules.forEach((r, i) => {
      if (r.requiredCondition !== undefined && !conditions.has(r.requiredCondition)) {
        ctx.addIssue({ code: 'custom', message: `"${r.requiredCondition}" is not one of the conditions`, path: ['rules', i, 'requiredCondition'] });
      }
    });
    if (new Set(p.resolutions).size !== p.resolutions.length) ctx.addIssue({ code: 'custom', message: 'lists a resolution twice', path: ['resolutions'] });
  });
export type ReturnPolicy = z.output<typeof ReturnPolicy>;
export type ReturnPolicyInput = z.input<typeof ReturnPolicy>;

/** Seeded in every new workspace (effective from the beginning of time); edit it in Settings → Returns. */
export const DEFAULT_RETURN_POLICY: ReturnPolicy = {
  name: 'Standard returns',
  timeZone: 'UTC',
  windowDays: 30,
  rules: [
    { label: 'Electronics: 14 days, unopened', productType: 'electronics', windowDays: 14, requiredCondition: 'unopened' },
    { label: 'Beauty: unopened only', productType: 'beauty', requiredCondition: 'unopened' },
    { label: 'Gift ideas: 60 days', tag: 'gift-idea', windowDays: 60 },
  ],
  finalSaleTags: ['final-sale'],
  conditions: [
    { code: 'unopened', label: 'Unopened, in original packaging', resellable: true, fee: null, retired: false },
    { code: 'like_new', label: 'Opened, like new', resellable: true, fee: null, retired: false },
    // Below the required condition: only accepted by a manager's exception, and then at a fee.
    { code: 'used', label: 'Used or worn', resellable: false, fee: { kind: 'percent', percent: 20 }, retired: false },
    { code: 'damaged', label: 'Damaged or faulty', resellable: false, fee: { kind: 'percent', percent: 50 }, retired: false },
  ],
  requiredCondition: 'like_new',
  reasons: [
    { code: 'changed_mind', label: 'Changed mind', fault: 'customer', restockingFee: null, retired: false },
    { code: 'wrong_size', label: 'Wrong size or fit', fault: 'customer', restockingFee: null, retired: false },
    { code: 'not_as_described', label: 'Not as described', fault: 'shop', restockingFee: null, retired: false },
    { code: 'defective', label: 'Defective or faulty', fault: 'shop', restockingFee: null, retired: false },
    { code: 'damaged_in_transit', label: 'Damaged in transit', fault: 'shop', restockingFee: null, retired: false },
    { code: 'wrong_item', label: 'Wrong item sent', fault: 'shop', restockingFee: null, retired: false },
    { code: 'no_longer_needed', label: 'No longer needed (opened)', fault: 'customer', restockingFee: { kind: 'percent', percent: 15 }, retired: false },
  ],
  returnShipping: { paidBy: 'customer', labelCostMinor: 595 },
  refundOriginalShipping: 'shop_fault',
  resolutions: ['refund', 'store_credit', 'exchange'],
  managerApprovalAboveMinor: 50000,
};

/** One stored version of the policy. */
export interface StoredReturnPolicy {
  id: number;
  effectiveFrom: string;
  createdAt: string;
  createdBy: string | null;
  note: string | null;
  policy: ReturnPolicy;
}

/**
 * The terms of `judging` (the version in force at delivery) with the reason and
 * condition lists as they are in `current`: codes added since are usable (on
 * their current terms), codes retired since are marked retired, and codes the
 * old version already had keep its terms. The lists are a catalogue staff pick
 * from today; the money and windows stay those the order was sold under.
 */
export function withCurrentCatalogue(judging: ReturnPolicy, current: ReturnPolicy): ReturnPolicy {
  const merge = <T extends { code: string; retired: boolean; label: string }>(old: T[], now: T[]): T[] => {
    const nowBy = new Map(now.map((x) => [x.code, x]));
    const kept = old.map((x) => ({ ...x, label: nowBy.get(x.code)?.label ?? x.label, retired: x.retired || (nowBy.get(x.code)?.retired ?? false) }));
    const have = new Set(old.map((x) => x.code));
    return [...kept, ...now.filter((x) => !have.has(x.code))];
  };
  // Conditions are ranked by position: new ones take their place from the current order.
  const conditions = merge(judging.conditions, current.conditions);
  const rank = new Map(current.conditions.map((c, i) => [c.code, i]));
  conditions.sort((a, b) => (rank.get(a.code) ?? judging.conditions.findIndex((c) => c.code === a.code)) - (rank.get(b.code) ?? judging.conditions.findIndex((c) => c.code === b.code)));
  return { ...judging, reasons: merge(judging.reasons, current.reasons), conditions };
}

/** Codes of `previous` that `next` dropped: they must be retired instead, so past returns keep their meaning. */
export function droppedCodes(previous: ReturnPolicy, next: ReturnPolicy): { reasons: string[]; conditions: string[] } {
  const gone = (a: { code: string }[], b: { code: string }[]) => a.map((x) => x.code).filter((c) => !b.some((y) => y.code === c));
  return { reasons: gone(previous.reasons, next.reasons), conditions: gone(previous.conditions, next.conditions) };
}
