import { describe, expect, it } from 'vitest';
import { OmsError } from '../../src-shared/contract/errors';
import { allocate } from '../../src-shared/returns/allocate';
import { DEFAULT_RETURN_POLICY, ReturnPolicy, type ReturnPolicyInput } from '../../src-shared/returns/policy';
import { judgeReturn, restockingFee, type LineFacts, type OrderFacts, type RequestedLine } from '../../src-main/core/returns/judge';
import { returnWindow } from '../../src-main/core/returns/window';

/** A policy for the tests: the default with a few changes. */
function policy(changes: Partial<ReturnPolicyInput> = {}) {
  return ReturnPolicy.parse({ ...DEFAULT_RETURN_POLICY, managerApprovalAboveMinor: null, returnShipping: { paidBy: 'shop', labelCostMinor: 0 }, ...changes });
}

function line(over: Partial<LineFacts> = {}): LineFacts {
  return {
    id: 1,
    title: 'Linen shirt',
    sku: 'LS-1',
    productType: 'apparel',
    tags: [],
    quantity: 1,
    priceMinor: 5000,
    discountMinor: 0,
    taxMinor: 0,
    fulfilledQuantity: over.quantity ?? 1,
    returnedQuantity: 0,
    returnedMinor: 0,
    startedAt: '2026-10-01T10:00:00.000Z',
    startedKind: 'fulfilled',
    ...over,
  };
}

function order(lines: LineFacts[], over: Partial<OrderFacts> = {}): OrderFacts {
  const goods = lines.reduce((s, l) => s + l.priceMinor * l.quantity - l.discountMinor + l.taxMinor, 0);
  return { orderId: 7, orderName: '#1007', currency: 'USD', totalMinor: goods + (over.shippingMinor ?? 0) + (over.shippingTaxMinor ?? 0), returnedMinor: 0, shippingMinor: 0, shippingTaxMinor: 0, shippingReturnedMinor: 0, lines, ...over };
}

const ask = (over: Partial<RequestedLine> = {}): RequestedLine => ({ lineId: 1, quantity: 1, reason: 'changed_mind', condition: 'unopened', ...over });

function validationField(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof OmsError && err.code === 'VALIDATION') return err.field;
    throw err;
  }
  throw new Error('expected a VALIDATION error');
}

describe('return window: calendar days in the shop’s time zone, daylight saving included', () => {
  const cases: { name: string; tz: string; started: string; days: number; lastOk: string; firstLate: string }[] = [
    { name: 'UTC, 30 days', tz: 'UTC', started: '2026-10-01T10:00:00Z', days: 30, lastOk: '2026-10-31T23:59:59.999Z', firstLate: '2026-11-01T00:00:00.000Z' },
    // 22:30 on 7 March in New York (EST); clocks spring forward on 8 March; the window ends at local midnight in EDT.
    { name: 'New York, spring forward inside the window', tz: 'America/New_York', started: '2026-03-08T03:30:00Z', days: 14, lastOk: '2026-03-22T03:59:59.999Z', firstLate: '2026-03-22T04:00:00.000Z' },
    // 00:30 on 21 October in London (BST); clocks fall back on 25 October; the end is midnight GMT.
    { name: 'London, fall back inside the window', tz: 'Europe/London', started: '2026-10-20T23:30:00Z', days: 7, lastOk: '2026-10-28T23:59:59.999Z', firstLate: '2026-10-29T00:00:00.000Z' },
    // The same instant counted in UTC is a day earlier.
    { name: 'the same instant in UTC starts a day earlier', tz: 'UTC', started: '2026-10-20T23:30:00Z', days: 7, lastOk: '2026-10-27T23:59:59.999Z', firstLate: '2026-10-28T00:00:00.000Z' },
    // 01:00 on 1 October in Sydney (AEST, +10); DST starts 4 October (+11).
    { name: 'Sydney, southern-hemisphere DST start', tz: 'Australia/Sydney', started: '2026-09-30T15:00:00Z', days: 10, lastOk: '2026-10-11T12:59:59.999Z', firstLate: '2026-10-11T13:00:00.000Z' },
    // Delivered late evening Los Angeles time: still that local day.
    { name: 'Los Angeles, late evening delivery', tz: 'America/Los_Angeles', started: '2026-06-01T06:59:00Z', days: 0, lastOk: '2026-06-01T06:59:59.999Z', firstLate: '2026-06-01T07:00:00.000Z' },
    // Santiago skips midnight when DST starts (6 Sep 2026): the next day begins at 01:00 local, 04:00 UTC.
    { name: 'Santiago, a day that starts at 01:00 (DST at midnight)', tz: 'America/Santiago', started: '2026-09-05T15:00:00Z', days: 0, lastOk: '2026-09-06T03:59:59.999Z', firstLate: '2026-09-06T04:00:00.000Z' },
    { name: 'Kolkata, half-hour offset', tz: 'Asia/Kolkata', started: '2026-05-31T18:29:00Z', days: 1, lastOk: '2026-06-01T18:29:59.999Z', firstLate: '2026-06-01T18:30:00.000Z' },
  ];

  it.each(cases)('$name', ({ tz, started, days, lastOk, firstLate }) => {
    expect(returnWindow(started, days, tz).endsAt).toBe(firstLate);
    const p = policy({ timeZone: tz, windowDays: days, rules: [] });
    const facts = order([line({ startedAt: started })]);
    expect(judgeReturn(p, 1, facts, [ask()], lastOk).lines[0]?.verdict).toBe('eligible');
    const late = judgeReturn(p, 1, facts, [ask()], firstLate).lines[0];
    expect(late?.verdict).toBe('not_eligible');
    expect(late?.reasons.join(' ')).toMatch(/Outside the \d+-day return window/);
  });

  it('says in plain words when the window ends and how late the request is', () => {
    const v = judgeReturn(policy({ windowDays: 30, rules: [] }), 1, order([line()]), [ask()], '2026-11-03T09:00:00Z').lines[0];
    expect(v?.reasons).toContain('Outside the 30-day return window (shipped 1 Oct 2026, returnable until the end of 31 Oct 2026; 3 days late; counted from shipping, as the carrier has not confirmed delivery).');
  });

  it('counts from delivery when the store knows it', () => {
    const facts = order([line({ startedAt: '2026-10-20T12:00:00Z', startedKind: 'delivered' })]);
    const v = judgeReturn(policy({ windowDays: 30, rules: [] }), 1, facts, [ask()], '2026-11-15T12:00:00Z').lines[0];
    expect(v?.verdict).toBe('eligible');
    expect(v?.reasons.join(' ')).toContain('delivered 20 Oct 2026');
  });
});

describe('per product type and tag overrides', () => {
  const at = '2026-10-20T12:00:00Z'; // 19 days after shipping
  const cases: { name: string; productType: string; tags: string[]; verdict: string; windowDays: number }[] = [
    { name: 'apparel uses the 30-day default', productType: 'apparel', tags: [], verdict: 'eligible', windowDays: 30 },
    { name: 'electronics has 14 days', productType: 'electronics', tags: [], verdict: 'not_eligible', windowDays: 14 },
    { name: 'a gift idea has 60 days', productType: 'home', tags: ['gift-idea'], verdict: 'eligible', windowDays: 60 },
    { name: 'the first matching rule wins (electronics before gift idea)', productType: 'electronics', tags: ['gift-idea'], verdict: 'not_eligible', windowDays: 14 },
    { name: 'matching ignores case', productType: 'Electronics', tags: [], verdict: 'not_eligible', windowDays: 14 },
  ];
  it.each(cases)('$name', ({ productType, tags, verdict, windowDays }) => {
    const v = judgeReturn(policy(), 1, order([line({ productType, tags })]), [ask()], at).lines[0];
    expect(v?.verdict).toBe(verdict);
    expect(v?.windowDays).toBe(windowDays);
  });

  it('a rule can require a better condition (beauty: unopened only)', () => {
    const facts = order([line({ productType: 'beauty' })]);
    expect(judgeReturn(policy(), 1, facts, [ask({ condition: 'unopened' })], at).lines[0]?.verdict).toBe('eligible');
    const v = judgeReturn(policy(), 1, facts, [ask({ condition: 'like_new' })], at).lines[0];
    expect(v?.verdict).toBe('not_eligible');
    expect(v?.reasons).toContain('Condition "Opened, like new" does not meet the required "Unopened, in original packaging" or better.');
  });
});

describe('final sale and condition', () => {
  const at = '2026-10-05T12:00:00Z';
  const cases: { name: string; tags: string[]; reason: string; condition: string; verdict: string; says: RegExp }[] = [
    { name: 'final sale, changed mind', tags: ['final-sale'], reason: 'changed_mind', condition: 'unopened', verdict: 'not_eligible', says: /Final sale \(tagged "final-sale"\)/ },
    { name: 'final sale, defective', tags: ['final-sale'], reason: 'defective', condition: 'damaged', verdict: 'eligible', says: /accepted because the shop is at fault/ },
    { name: 'used, changed mind', tags: [], reason: 'changed_mind', condition: 'used', verdict: 'not_eligible', says: /does not meet the required "Opened, like new"/ },
    { name: 'used, wrong item sent', tags: [], reason: 'wrong_item', condition: 'used', verdict: 'eligible', says: /Any condition is accepted/ },
    { name: 'like new, wrong size', tags: [], reason: 'wrong_size', condition: 'like_new', verdict: 'eligible', says: /meets the required/ },
  ];
  it.each(cases)('$name → $verdict', ({ tags, reason, condition, verdict, says }) => {
    const v = judgeReturn(policy(), 1, order([line({ tags })]), [ask({ reason, condition })], at).lines[0];
    expect(v?.verdict).toBe(verdict);
    expect(v?.reasons.join(' ')).toMatch(says);
    if (verdict === 'not_eligible') expect(v?.refundMinor).toBe(0);
  });

  it('a rule can make a product type final sale', () => {
    const p = policy({ rules: [{ label: 'Underwear is final sale', productType: 'underwear', finalSale: true }] });
    expect(judgeReturn(p, 1, order([line({ productType: 'underwear' })]), [ask()], at).lines[0]?.verdict).toBe('not_eligible');
  });
});

describe('money: prorated discounts and tax, partial and repeat returns', () => {
  const at = '2026-10-05T12:00:00Z';
  // 3 units at 10.00 with 1.00 of the order discount and 1.90 tax on the line: 30.90 paid.
  const three = (returned = 0, returnedMinor = 0) => line({ quantity: 3, priceMinor: 1000, discountMinor: 100, taxMinor: 190, fulfilledQuantity: 3, returnedQuantity: returned, returnedMinor });

  const cases: { name: string; returned: number; returnedMinor: number; quantity: number; item: number; tax: number }[] = [
    { name: 'one of three: first unit carries the rounding cent', returned: 0, returnedMinor: 0, quantity: 1, item: 1000 - 34, tax: 64 },
    { name: 'two of three', returned: 0, returnedMinor: 0, quantity: 2, item: 2000 - 67, tax: 127 },
    { name: 'all three', returned: 0, returnedMinor: 0, quantity: 3, item: 3000 - 100, tax: 190 },
    { name: 'the other two after one was returned', returned: 1, returnedMinor: 1030, quantity: 2, item: 2000 - 66, tax: 126 },
    { name: 'the last one after two were returned', returned: 2, returnedMinor: 2060, quantity: 1, item: 1000 - 33, tax: 63 },
  ];
  it.each(cases)('$name', ({ returned, returnedMinor, quantity, item, tax }) => {
    const v = judgeReturn(policy(), 1, order([three(returned, returnedMinor)]), [ask({ quantity })], at).lines[0];
    expect({ item: v?.itemMinor, tax: v?.taxMinor, refund: v?.refundMinor }).toEqual({ item, tax, refund: item + tax });
  });

  it('returning the units one by one refunds exactly what was paid for the line, never more', () => {
    let returned = 0;
    let refunded = 0;
    for (let k = 0; k < 3; k++) {
      const v = judgeReturn(policy(), 1, order([three(returned, refunded)]), [ask()], at).lines[0];
      refunded += v?.refundMinor ?? 0;
      returned++;
    }
    expect(refunded).toBe(3000 - 100 + 190);
  });

  it('an order discount spread over two lines is refunded with each line’s own share', () => {
    // 20.00 + 40.00 with 6.00 off the order: 2.00 and 4.00 on the lines.
    const facts = order([line({ id: 1, priceMinor: 2000, discountMinor: 200 }), line({ id: 2, priceMinor: 4000, discountMinor: 400 })]);
    const ev = judgeReturn(policy(), 1, facts, [ask({ lineId: 2 })], at);
    expect(ev.lines[0]?.itemMinor).toBe(3600);
    expect(ev.totalMinor).toBe(3600);
  });

  it('repeat returns of the same line: more than fulfilled minus already returned is refused, naming the field', () => {
    expect(validationField(() => judgeReturn(policy(), 1, order([three(2, 2060)]), [ask({ quantity: 2 })], at))).toBe('lines.0.quantity');
    expect(validationField(() => judgeReturn(policy(), 1, order([line({ quantity: 2, fulfilledQuantity: 1 })]), [ask({ quantity: 2 })], at))).toBe('lines.0.quantity');
  });

  it('never refunds beyond what remains of the line, even when earlier refunds were rounded differently', () => {
    // The platform refunded 1 unit for 11.00 (more than its share): the last two bring the line to its paid 30.90 exactly.
    const v = judgeReturn(policy(), 1, order([three(1, 1100)]), [ask({ quantity: 2 })], at).lines[0];
    expect(v?.refundMinor).toBe(3090 - 1100);
    expect(v?.reasons.join(' ')).toMatch(/Limited to \$19\.90/);
  });

  it('never refunds beyond what remains unrefunded on the order', () => {
    const facts = order([line({ priceMinor: 5000 })], { returnedMinor: 4000 });
    const ev = judgeReturn(policy(), 1, facts, [ask()], at);
    expect(ev.totalMinor).toBe(1000);
  });
});

describe('restocking fee: by reason, percent rounded half up or fixed per unit', () => {
  const cases: { name: string; fee: Parameters<typeof restockingFee>[0]; item: number; quantity: number; expected: number }[] = [
    { name: '15 % of 9.99 = 1.4985 → 1.50', fee: { kind: 'percent', percent: 15 }, item: 999, quantity: 1, expected: 150 },
    { name: '12.5 % of 10.01 = 1.25125 → 1.25', fee: { kind: 'percent', percent: 12.5 }, item: 1001, quantity: 1, expected: 125 },
    { name: '12.5 % of 10.04 = 1.255 → 1.26 (half up)', fee: { kind: 'percent', percent: 12.5 }, item: 1004, quantity: 1, expected: 126 },
    { name: '0.01 % of 0.49 → 0.00', fee: { kind: 'percent', percent: 0.01 }, item: 49, quantity: 1, expected: 0 },
    { name: 'fixed 5.00 per unit × 2', fee: { kind: 'fixed', amountMinor: 500 }, item: 4000, quantity: 2, expected: 1000 },
    { name: 'fixed never above the item', fee: { kind: 'fixed', amountMinor: 500 }, item: 300, quantity: 1, expected: 300 },
    { name: 'no fee', fee: null, item: 999, quantity: 1, expected: 0 },
  ];
  it.each(cases)('$name', ({ fee, item, quantity, expected }) => expect(restockingFee(fee, item, quantity)).toBe(expected));

  it('a fee makes the line "eligible with a fee", says so, and comes off the refund', () => {
    const v = judgeReturn(policy(), 1, order([line({ priceMinor: 999, taxMinor: 80 })]), [ask({ reason: 'no_longer_needed', condition: 'like_new' })], '2026-10-05T12:00:00Z').lines[0];
    expect(v?.verdict).toBe('eligible_with_fee');
    expect(v?.feeMinor).toBe(150);
    expect(v?.refundMinor).toBe(999 + 80 - 150);
    expect(v?.reasons).toContain('Restocking fee of $1.50 for "No longer needed (opened)" (15 % of $9.99).');
  });

  it('no fee when the shop is at fault, whatever the reason list says', () => {
    const p = policy({ reasons: DEFAULT_RETURN_POLICY.reasons.map((r) => ({ ...r, restockingFee: { kind: 'percent' as const, percent: 20 } })) });
    expect(judgeReturn(p, 1, order([line()]), [ask({ reason: 'defective' })], '2026-10-05T12:00:00Z').lines[0]?.feeMinor).toBe(0);
  });
});

describe('shipping per policy and manager approval', () => {
  const at = '2026-10-05T12:00:00Z';
  const twoLines = () => order([line({ id: 1, priceMinor: 3000 }), line({ id: 2, priceMinor: 1000 })], { shippingMinor: 800, shippingTaxMinor: 80 });

  it('the customer pays the return label for their own choice: deducted once per return', () => {
    const p = policy({ returnShipping: { paidBy: 'customer', labelCostMinor: 595 } });
    const ev = judgeReturn(p, 1, twoLines(), [ask({ lineId: 1 }), ask({ lineId: 2 })], at);
    expect(ev.returnLabelMinor).toBe(595);
    expect(ev.lines.map((l) => l.labelMinor)).toEqual([446, 149]);
    expect(ev.totalMinor).toBe(4000 - 595);
  });

  it('the shop pays the label and refunds the original shipping pro rata when it is at fault', () => {
    const p = policy({ returnShipping: { paidBy: 'customer', labelCostMinor: 595 } });
    const ev = judgeReturn(p, 1, twoLines(), [ask({ lineId: 1, reason: 'damaged_in_transit', condition: 'damaged' })], at);
    expect(ev.returnLabelMinor).toBe(0);
    expect(ev.shippingRefundMinor).toBe(660); // 8.80 × 30/40
    expect(ev.totalMinor).toBe(3000 + 660);
    expect(ev.notes.join(' ')).toMatch(/shop pays for the return shipping/);
  });

  it('shipping already refunded is not refunded again', () => {
    const facts = { ...twoLines(), shippingReturnedMinor: 800 };
    const ev = judgeReturn(policy(), 1, facts, [ask({ lineId: 1, reason: 'defective' })], at);
    expect(ev.shippingRefundMinor).toBe(80);
  });

  it('returns above the approval amount need a manager', () => {
    const p = policy({ managerApprovalAboveMinor: 3500 });
    expect(judgeReturn(p, 1, twoLines(), [ask({ lineId: 1 })], at).needsManagerApproval).toBe(false);
    const big = judgeReturn(p, 1, twoLines(), [ask({ lineId: 1 }), ask({ lineId: 2 })], at);
    expect(big.needsManagerApproval).toBe(true);
    expect(big.notes).toContain('A manager must approve this return: $40.00 is above $35.00.');
  });
});

describe('manager overrides and bad requests', () => {
  const at = '2026-12-20T12:00:00Z'; // long after the window

  it('a manager’s exception makes a not-eligible line eligible, with the written reason among the reasons', () => {
    const v = judgeReturn(policy(), 1, order([line()]), [ask({ override: { reason: 'Loyal customer, was in hospital' } })], at).lines[0];
    expect(v?.verdict).toBe('eligible');
    expect(v?.override).toEqual({ reason: 'Loyal customer, was in hospital' });
    expect(v?.reasons.at(-1)).toBe('Accepted by a manager as an exception: Loyal customer, was in hospital');
    expect(v?.refundMinor).toBe(5000);
  });

  it('an override on an eligible line changes nothing', () => {
    const v = judgeReturn(policy(), 1, order([line()]), [ask({ override: { reason: 'just in case' } })], '2026-10-05T00:00:00Z').lines[0];
    expect(v?.override).toBeNull();
  });

  const bad: { name: string; req: Partial<RequestedLine>[]; field: string }[] = [
    { name: 'a line not on the order', req: [{ lineId: 99 }], field: 'lines.0.lineId' },
    { name: 'the same line twice', req: [{}, {}], field: 'lines.1.lineId' },
    { name: 'a reason the policy does not know', req: [{ reason: 'bored' }], field: 'lines.0.reason' },
    { name: 'a condition the policy does not know', req: [{ condition: 'pristine' }], field: 'lines.0.condition' },
    { name: 'more than fulfilled', req: [{ quantity: 2 }], field: 'lines.0.quantity' },
  ];
  it.each(bad)('$name → VALIDATION on $field', ({ req, field }) => {
    expect(validationField(() => judgeReturn(policy(), 1, order([line()]), req.map((r) => ask(r)), at))).toBe(field);
  });

  it('an unfulfilled line cannot be returned', () => {
    expect(validationField(() => judgeReturn(policy(), 1, order([line({ fulfilledQuantity: 0, startedAt: null })]), [ask()], at))).toBe('lines.0.quantity');
  });
});

describe('the policy format', () => {
  it('the default policy is valid', () => expect(ReturnPolicy.safeParse(DEFAULT_RETURN_POLICY).success).toBe(true));
  const bad: { name: string; change: Record<string, unknown>; path: string }[] = [
    { name: 'unknown time zone', change: { timeZone: 'Mars/Olympus' }, path: 'timeZone' },
    { name: 'required condition not listed', change: { requiredCondition: 'mint' }, path: 'requiredCondition' },
    { name: 'negative window', change: { windowDays: -1 }, path: 'windowDays' },
    { name: 'a rule matching nothing', change: { rules: [{ label: 'x', windowDays: 3 }] }, path: 'rules.0.productType' },
    { name: 'a fee with three decimals', change: { reasons: [{ code: 'x', label: 'X', fault: 'customer', restockingFee: { kind: 'percent', percent: 1.005 } }] }, path: 'reasons.0.restockingFee.percent' },
    { name: 'no resolutions', change: { resolutions: [] }, path: 'resolutions' },
  ];
  it.each(bad)('$name is refused at $path', ({ change, path }) => {
    const r = ReturnPolicy.safeParse({ ...DEFAULT_RETURN_POLICY, ...change });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('largest-remainder allocation', () => {
  const cases: { total: number; weights: number[]; expected: number[] }[] = [
    { total: 100, weights: [1, 1, 1], expected: [34, 33, 33] },
    { total: 10, weights: [3, 3, 4], expected: [3, 3, 4] },
    { total: 595, weights: [3000, 1000], expected: [446, 149] },
    { total: 1, weights: [0, 0], expected: [1, 0] },
    { total: 0, weights: [5, 7], expected: [0, 0] },
  ];
  it.each(cases)('$total over $weights → $expected', ({ total, weights, expected }) => {
    const shares = allocate(total, weights);
    expect(shares).toEqual(expected);
    expect(shares.reduce((s, x) => s + x, 0)).toBe(total);
  });
});
