import { describe, expect, it } from 'vitest';
import { allocate, availableOf } from '../../src-shared/allocation';
import { reassessException } from '../../src-main/core/order-actions/order-writer';
import { validateShippingAddress } from '../../src-shared/address';

/** Variant 1 = shirt, 2 = mug. Orders are listed oldest first, as the store hands them over. */
const o = (id: number, ...needs: [variant: number, quantity: number][]) => ({ id, needs: needs.map(([variantId, quantity]) => ({ variantId, quantity })) });

describe('stock allocation: oldest order first, all or nothing', () => {
  it.each<[string, Record<number, number>, ReturnType<typeof o>[], number[], Record<number, number>]>([
    ['enough for everyone', { 1: 5 }, [o(1, [1, 2]), o(2, [1, 3])], [], { 1: 5 }],
    ['the newer order is short', { 1: 4 }, [o(1, [1, 3]), o(2, [1, 2])], [2], { 1: 3 }],
    ['a short order reserves nothing, so a smaller newer one still ships', { 1: 4 }, [o(1, [1, 3]), o(2, [1, 2]), o(3, [1, 1])], [2], { 1: 4 }],
    ['one short line makes the whole order short and frees its other lines', { 1: 10, 2: 0 }, [o(1, [1, 4], [2, 1]), o(2, [1, 10])], [1], { 1: 10 }],
    ['two lines of the same SKU are added up', { 1: 3 }, [o(1, [1, 2], [1, 2])], [1], {}],
    ['nothing on hand', {}, [o(1, [2, 1])], [1], {}],
    ['negative stock counts as none', { 1: -2 }, [o(1, [1, 1])], [1], {}],
    ['a line with nothing left to ship needs nothing', { 1: 0 }, [o(1, [1, 0])], [], {}],
    ['exactly enough', { 1: 2, 2: 1 }, [o(1, [1, 2], [2, 1])], [], { 1: 2, 2: 1 }],
  ])('%s', (_name, onHand, orders, short, reserved) => {
    const r = allocate(new Map(Object.entries(onHand).map(([k, v]) => [Number(k), v])), orders);
    expect([...r.short.keys()]).toEqual(short);
    expect(Object.fromEntries(r.reserved)).toEqual(reserved);
  });

  it('says what is missing', () => {
    const r = allocate(new Map([[1, 4]]), [o(1, [1, 3]), o(2, [1, 2])]);
    expect(r.short.get(2)).toEqual([{ variantId: 1, needed: 2, available: 1 }]);
  });

  it.each([
    [10, 4, 6],
    [3, 5, -2],
    [-1, 0, 0],
  ])('available = on hand %i − reserved %i = %i', (onHand, reserved, available) => {
    expect(availableOf(onHand, reserved)).toBe(available);
  });
});

describe('exception after an edit: derived ones first, owner-set ones kept', () => {
  const ship = { address1: '1 Main St', city: 'Springfield', postcode: '12345', country: 'US' };
  it.each<[string, Parameters<typeof reassessException>, string | null]>([
    ['a fixed address clears the address problem', ['paid', ship, true, 'address_problem'], null],
    ['not enough stock stays until allocation says otherwise', ['paid', ship, true, 'stock_short'], 'stock_short'],
    ['a sync error stays until the sync clears it', ['paid', ship, true, 'sync_error'], 'sync_error'],
    ['a payment problem outranks stock', ['pending', ship, true, 'stock_short'], 'payment_pending'],
    ['a missing city is an address problem again', ['paid', { ...ship, city: null }, true, null], 'address_problem'],
  ])('%s', (_name, args, expected) => {
    expect(reassessException(...args)).toBe(expected);
  });
});

describe('shipping address validation names the field', () => {
  const good = { name: 'Ada Lovelace', address1: '12 Elm St', city: 'Springfield', postcode: '62704', country: 'US' };
  it.each<[string, Partial<typeof good> & { phone?: string }, string[]]>([
    ['a complete US address', {}, []],
    ['US ZIP+4', { postcode: '62704-1234' }, []],
    ['a bad US ZIP', { postcode: '6270' }, ['postcode']],
    ['a UK postcode', { country: 'GB', postcode: 'SW1A 1AA' }, []],
    ['a Canadian postcode in lower case', { country: 'CA', postcode: 'k1a 0b1' }, []],
    ['a German postcode with letters', { country: 'DE', postcode: '1011A' }, ['postcode']],
    ['postcode required where the country uses them', { postcode: '' }, ['postcode']],
    ['an unknown country accepts any short postcode', { country: 'IE', postcode: 'D02 X285' }, []],
    ['country must be a two-letter code', { country: 'USA' }, ['country']],
    ['no street and no name', { address1: ' ', name: '' }, ['name', 'address1']],
    ['a phone with letters', { phone: 'call me' }, ['phone']],
  ])('%s', (_name, change, fields) => {
    expect(validateShippingAddress({ ...good, ...change }).map((p) => p.field)).toEqual(fields);
  });
});
