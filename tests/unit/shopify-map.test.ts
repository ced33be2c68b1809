import { describe, expect, it } from 'vitest';
import { mapOrder, plainUtcTime, RecordError } from '../../src-main/core/sync/shopify/map';
import { parseDecimalToMinor } from '../../src-shared/money';

let seed = 5;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const int = (n: number) => Math.floor(rnd() * n);
const pad = (v: number, n = 2) => String(v).padStart(n, '0');

/** What time() did before its quick path, and still does for anything the quick path does not take. */
const viaDate = (v: string): string | null => {
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

describe('timestamps from the wire', () => {
  it.each([
    ['2024-11-02T06:41:16.466Z', '2024-11-02T06:41:16.466Z'],
    ['2024-11-02T06:41:16Z', '2024-11-02T06:41:16.000Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ['2000-02-29T00:00:00.000Z', '2000-02-29T00:00:00.000Z'],
  ])('%s is stored as %s without a Date round trip', (wire, stored) => {
    expect(plainUtcTime(wire)).toBe(stored);
    expect(viaDate(wire)).toBe(stored);
  });

  it.each([
    // Date.parse rolls these over to another day: the quick path leaves them to it.
    '2024-02-30T00:00:00.000Z', '2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2024-04-31T10:00:00Z', '2024-01-01T24:00:00Z',
    // Other forms: offsets, fewer fraction digits, not ISO at all.
    '2024-11-02T06:41:16+02:00', '2024-11-02T06:41:16.4Z', '2024-11-02 06:41:16Z', 'Sat, 02 Nov 2024 06:41:16 GMT', '2024-13-02T06:41:16Z', '2024-11-02T06:60:16Z',
  ])('%s takes the slow path', (wire) => {
    expect(plainUtcTime(wire)).toBeNull();
  });

  it('whatever the quick path answers, the Date round trip answers too (5,000 random stamps, valid and not)', () => {
    let quick = 0;
    for (let i = 0; i < 5000; i++) {
      const ms = rnd() < 0.5 ? `.${pad(int(1000), 3)}` : '';
      const v = `${pad(int(3000), 4)}-${pad(int(14))}-${pad(int(33))}T${pad(int(26))}:${pad(int(62))}:${pad(int(62))}${ms}Z`;
      const q = plainUtcTime(v);
      if (q !== null) {
        quick++;
        expect(q, v).toBe(viaDate(v));
      }
    }
    expect(quick).toBeGreaterThan(1000);
  });
});

/** parseDecimalToMinor as it was before its digit-by-digit path: the regex, for every text. */
function viaRegex(text: string, digits: number): number {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new Error('not a decimal amount');
  const [, sign, whole, fraction = ''] = m;
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits))) throw new Error('too precise');
  const minor = Number(whole) * 10 ** digits + Number((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
  return sign ? -minor : minor;
}

describe('amounts from the wire', () => {
  it('give what the regex gave, -0 included, and refuse what it refused (20,000 random texts, 0/2/3-digit currencies)', () => {
    const chars = '0123456789.- ';
    for (let i = 0; i < 20_000; i++) {
      const text = rnd() < 0.7 ? `${rnd() < 0.2 ? '-' : ''}${String(int(10 ** (1 + int(15))))}${rnd() < 0.8 ? `.${String(int(10 ** (1 + int(5)))).padStart(1 + int(4), '0')}` : ''}` : Array.from({ length: int(8) }, () => chars[int(chars.length)]).join('');
      for (const [currency, digits] of [['USD', 2], ['JPY', 0], ['KWD', 3], ['usd', 2]] as const) {
        let expected: number | 'throws';
        try {
          expected = viaRegex(text, digits);
        } catch {
          expected = 'throws';
        }
        if (expected === 'throws') expect(() => parseDecimalToMinor(text, currency), `${text} ${currency}`).toThrow();
        else expect(Object.is(parseDecimalToMinor(text, currency), expected), `${text} ${currency}`).toBe(true);
      }
    }
  });
});

const money = (amount: string) => ({ shopMoney: { amount, currencyCode: 'USD' } });
const order = () => ({
  id: 'gid://shopify/Order/1', name: '#1001', currencyCode: 'USD', createdAt: '2024-11-02T06:41:16Z', updatedAt: '2024-11-03T06:41:16.466Z', cancelledAt: null,
  displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'FULFILLED', subtotalPriceSet: money('10.00'), totalPriceSet: money('10.80'), totalTaxSet: money('0.80'),
  lineItems: { nodes: [{ id: 'gid://shopify/LineItem/1', title: 'Mug', quantity: 2, originalUnitPriceSet: money('5.00'), totalDiscountSet: money('0.00'), taxLines: [{ priceSet: money('0.50') }, { priceSet: money('0.30') }] }], pageInfo: { hasNextPage: false } },
  fulfillments: [{ id: 'gid://shopify/Fulfillment/1', status: 'SUCCESS', createdAt: '2024-11-02T08:00:00Z', displayStatus: 'DELIVERED', updatedAt: '2024-11-04T09:00:00Z', trackingInfo: [], fulfillmentLineItems: { nodes: [{ quantity: 2, lineItem: { id: 'gid://shopify/LineItem/1' } }] } }],
  refunds: [{ id: 'gid://shopify/Refund/1', createdAt: '2024-11-05T08:00:00Z', totalRefundedSet: money('5.40'), refundLineItems: { nodes: [{ quantity: 1, restockType: 'RETURN', subtotalSet: money('5.00'), lineItem: { id: 'gid://shopify/LineItem/1' } }] } }],
});
type O = ReturnType<typeof order> & Record<string, unknown>;

describe('mapOrder', () => {
  it('maps an order: amounts in minor units, times as stored, tax summed over tax lines', () => {
    const r = mapOrder(order());
    expect(r).toMatchObject({ number: 1001, totalMinor: 1080, createdAt: '2024-11-02T06:41:16.000Z', updatedAt: '2024-11-03T06:41:16.466Z', status: 'open' });
    expect(r.lines[0]).toMatchObject({ quantity: 2, priceMinor: 500, taxMinor: 80 });
    expect(r.fulfilments[0]).toMatchObject({ deliveredAt: '2024-11-04T09:00:00.000Z', lines: [{ lineExternalId: 'gid://shopify/LineItem/1', quantity: 2 }] });
    expect(r.refunds[0]).toMatchObject({ amountMinor: 540, lines: [{ amountMinor: 500, restock: true }] });
  });

  // The quarantine shows these words: each names the full path of the field, built only once a field failed.
  it.each<[string, (o: O) => void, string]>([
    ['a line without an id', (o) => delete (o.lineItems.nodes[0] as Record<string, unknown>).id, 'lineItems[0].id is missing'],
    ['a line with quantity 0 and no id (quantity is named first)', (o) => Object.assign(o.lineItems.nodes[0]!, { quantity: 0, id: '' }), 'lineItems[0].quantity must be a whole number of at least 1, got 0'],
    ['a tax line in another currency', (o) => Object.assign(o.lineItems.nodes[0]!.taxLines[1]!.priceSet.shopMoney, { currencyCode: 'EUR' }), 'lineItems[0].taxLines[1].priceSet.shopMoney is in EUR, the order is in USD'],
    ['a tax line without shopMoney', (o) => Object.assign(o.lineItems.nodes[0]!.taxLines[0]!, { priceSet: {} }), 'lineItems[0].taxLines[0].priceSet.shopMoney is missing'],
    ['a price too precise', (o) => Object.assign(o.lineItems.nodes[0]!.originalUnitPriceSet.shopMoney, { amount: '5.001' }), 'lineItems[0].originalUnitPriceSet.shopMoney.amount "5.001" is not a decimal amount'],
    ['an order time that is no date', (o) => Object.assign(o, { updatedAt: 'yesterday' }), 'updatedAt "yesterday" is not a date'],
    ['a delivery time that is no date', (o) => Object.assign(o.fulfillments[0]!, { updatedAt: 'soon' }), 'fulfillments[0].updatedAt "soon" is not a date'],
    ['a fulfilment of a line the order lacks', (o) => Object.assign(o.fulfillments[0]!.fulfillmentLineItems.nodes[0]!.lineItem, { id: 'gid://shopify/LineItem/9' }), 'fulfillments[0].fulfillmentLineItems[0].lineItem refers to gid://shopify/LineItem/9, which is not a line of this order'],
    ['a fulfilment line without its line', (o) => delete (o.fulfillments[0]!.fulfillmentLineItems.nodes[0] as Record<string, unknown>).lineItem, 'fulfillments[0].fulfillmentLineItems[0].lineItem is missing'],
    ['fulfilment lines that are no list', (o) => Object.assign(o.fulfillments[0]!.fulfillmentLineItems, { nodes: 'x' }), 'fulfillments[0].fulfillmentLineItems.nodes is not a list'],
    ['a refund line with quantity 1.5', (o) => Object.assign(o.refunds[0]!.refundLineItems.nodes[0]!, { quantity: 1.5 }), 'refunds[0].refundLineItems[0].quantity must be a whole number of at least 1, got 1.5'],
    ['a refund line amount that is no number', (o) => Object.assign(o.refunds[0]!.refundLineItems.nodes[0]!.subtotalSet.shopMoney, { amount: '1e3' }), 'refunds[0].refundLineItems[0].subtotalSet.shopMoney.amount "1e3" is not a decimal amount'],
    ['a refund without a time', (o) => delete (o.refunds[0] as Record<string, unknown>).createdAt, 'refunds[0].createdAt is missing'],
  ])('names the field: %s', (_name, spoil, message) => {
    const o = order() as O;
    spoil(o);
    let err: unknown;
    try {
      mapOrder(o);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RecordError);
    expect((err as Error).message).toBe(message);
  });
});
