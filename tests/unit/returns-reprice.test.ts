import { describe, expect, it } from 'vitest';
import { repriceOnInspection, type JudgedLine } from '../../src-main/core/returns/reprice';
import { DEFAULT_RETURN_POLICY, withCurrentCatalogue, type ReturnPolicy } from '../../src-shared/returns/policy';

/** Default policy, but customers may return used items (at the default 20 % condition fee). */
const policy: ReturnPolicy = { ...DEFAULT_RETURN_POLICY, requiredCondition: 'used' };
/** 2 units, 72.00 after discounts + 7.20 tax, customer's fault, declared like new, no fee: refund 79.20. */
const line = (over: Partial<JudgedLine> = {}): JudgedLine => ({
  quantity: 2, reason: 'wrong_size', condition: 'like_new', verdict: 'eligible', overrideReason: null,
  itemMinor: 7200, taxMinor: 720, feeMinor: 0, shippingMinor: 0, labelMinor: 0, refundMinor: 7920, productType: 'apparel', tags: [], ...over,
});

describe('re-pricing on the condition found', () => {
  it.each([
    // [found, verdict, fee, refund]
    ['like_new', 'eligible', 0, 7920],
    ['unopened', 'eligible', 0, 7920],
    ['used', 'eligible_with_fee', 1440, 6480],
    ['damaged', 'not_eligible', 0, 0],
  ] as const)('declared like new, found %s → %s, fee %i, refund %i', (found, verdict, fee, refund) => {
    const r = repriceOnInspection(policy, line(), found, 'USD');
    expect([r.verdict, r.feeMinor, r.refundMinor]).toEqual([verdict, fee, refund]);
  });

  it('found better than declared: the fee charged on the declared condition comes off, but never more than the first verdict allowed before fees', () => {
    const r = repriceOnInspection(policy, line({ condition: 'used', feeMinor: 1440, refundMinor: 6480 }), 'like_new', 'USD');
    expect([r.verdict, r.feeMinor, r.refundMinor]).toEqual(['eligible', 0, 7920]);
    // The first verdict was limited (earlier refunds left 50.00 on the line): it stays limited.
    const limited = repriceOnInspection(policy, line({ condition: 'used', feeMinor: 1440, refundMinor: 3560 }), 'like_new', 'USD');
    expect(limited.refundMinor).toBe(3560 + 1440);
  });

  it('the shop at fault: any condition, no fee, no change; shipping and label shares stay with the line', () => {
    const r = repriceOnInspection(policy, line({ reason: 'defective', shippingMinor: 300, refundMinor: 8220 }), 'damaged', 'USD');
    expect([r.verdict, r.feeMinor, r.refundMinor]).toEqual(['eligible', 0, 8220]);
  });

  it('a manager’s exception stands when the item is worse than required; a line that was refused stays refused', () => {
    expect(repriceOnInspection(DEFAULT_RETURN_POLICY, line({ overrideReason: 'Loyal customer' }), 'damaged', 'USD')).toMatchObject({ verdict: 'eligible_with_fee', feeMinor: 3600, refundMinor: 4320 });
    expect(repriceOnInspection(DEFAULT_RETURN_POLICY, line({ verdict: 'not_eligible', refundMinor: 0 }), 'unopened', 'USD')).toMatchObject({ verdict: 'not_eligible', refundMinor: 0 });
  });
});

describe('today’s reasons and conditions over an older version’s terms', () => {
  it('adds new codes, marks codes retired since, takes today’s labels and keeps the old terms', () => {
    const old = { ...DEFAULT_RETURN_POLICY, reasons: DEFAULT_RETURN_POLICY.reasons.map((r) => (r.code === 'no_longer_needed' ? { ...r, restockingFee: { kind: 'percent' as const, percent: 10 } } : r)) };
    const now: ReturnPolicy = {
      ...DEFAULT_RETURN_POLICY,
      reasons: [...DEFAULT_RETURN_POLICY.reasons.map((r) => (r.code === 'changed_mind' ? { ...r, retired: true } : r.code === 'wrong_size' ? { ...r, label: 'Did not fit' } : r)), { code: 'late', label: 'Arrived late', fault: 'shop', restockingFee: null, retired: false }],
      conditions: [{ code: 'sealed', label: 'Sealed', resellable: true, fee: null, retired: false }, ...DEFAULT_RETURN_POLICY.conditions],
    };
    const merged = withCurrentCatalogue(old, now);
    const by = new Map(merged.reasons.map((r) => [r.code, r]));
    expect(by.get('changed_mind')?.retired).toBe(true);
    expect(by.get('wrong_size')?.label).toBe('Did not fit');
    expect(by.get('late')?.label).toBe('Arrived late');
    expect(by.get('no_longer_needed')?.restockingFee).toEqual({ kind: 'percent', percent: 10 });
    expect(merged.conditions.map((c) => c.code)).toEqual(['sealed', 'unopened', 'like_new', 'used', 'damaged']);
  });
});
