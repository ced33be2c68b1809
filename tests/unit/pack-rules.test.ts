import { describe, expect, it } from 'vitest';
import type { PackLine } from '../../src-shared/contract';
import { carrierFor, confirmByHand, fulfilLines, handConfirmable, isComplete, ordersPerHour, scanItem } from '../../src-renderer/src/screens/pack/pack-rules';

const line = (lineId: number, sku: string, barcode: string | null, remaining: number): PackLine => ({ lineId, sku, barcode, title: sku, variantTitle: null, bin: null, quantity: remaining, remaining });
// Shirt ×2, mug ×1, and the same shirt again on a second line ×1; a cap that already shipped.
const lines = [line(1, 'LS-M', '111', 2), line(2, 'MUG-1', '222', 1), line(3, 'LS-M', '111', 1), line(4, 'CAP-1', '444', 0)];

describe('what a scan means at the pack station', () => {
  it.each<[string, Record<number, number>, string, ReturnType<typeof scanItem>]>([
    ['a barcode on the order counts one unit', {}, '111', { kind: 'ok', lineId: 1, count: 1, complete: false }],
    ['the SKU typed in any case works too', {}, ' mug-1 ', { kind: 'ok', lineId: 2, count: 1, complete: false }],
    ['a code not on the order is the wrong item', {}, '999', { kind: 'wrong', code: '999' }],
    ['the same SKU on two lines fills the second when the first is full', { 1: 2 }, '111', { kind: 'ok', lineId: 3, count: 1, complete: false }],
    ['one more than ordered is an extra unit', { 1: 2, 3: 1 }, '111', { kind: 'extra', lineId: 1, expected: 2 }],
    ['an item that already shipped is an extra unit', {}, '444', { kind: 'extra', lineId: 4, expected: 0 }],
    ['the last unit completes the order', { 1: 2, 3: 1 }, '222', { kind: 'ok', lineId: 2, count: 1, complete: true }],
  ])('%s', (_name, counts, code, expected) => {
    expect(scanItem(lines, counts, code)).toEqual(expected);
  });

  it('complete only when every open line is fully scanned; shipped lines need nothing', () => {
    expect(isComplete(lines, { 1: 2, 2: 1, 3: 1 })).toBe(true);
    expect(isComplete(lines, { 1: 2, 2: 1 })).toBe(false);
  });

  it('a partial fulfilment sends only what was scanned', () => {
    expect(fulfilLines({ 1: 1, 2: 0 })).toEqual([{ lineId: 1, quantity: 1 }]);
  });
});

describe('carrier from the tracking number', () => {
  it.each([
    ['1Z999AA10123456784', 'UPS'],
    ['9400111899223817263544', 'USPS'],
    ['123456789012', 'FedEx'],
    ['AB123456789GB', 'Royal Mail'],
    ['hello', null],
  ])('%s → %s', (tracking, carrier) => {
    expect(carrierFor(tracking)).toBe(carrier);
  });
});

describe('orders per hour for the session', () => {
  const start = Date.parse('2026-11-24T08:00:00Z');
  it.each([
    [0, start + 3_600_000, null],
    [10, start + 3_600_000, 10],
    [15, start + 1_800_000, 30],
    [1, start + 5_000, 60], // the first order within a minute reads as 60/h, not 720/h
  ])('%i packed → %s/h', (packed, now, rate) => {
    expect(ordersPerHour(packed, start, now)).toBe(rate);
  });
});

describe('a line without a barcode is verified by SKU or by a typed count, never passed silently', () => {
  // A gift card sleeve without a barcode ×3, a tote with no barcode and no SKU ×1, the shirt with one ×1.
  const noCode = [line(1, 'SLEEVE', null, 3), { ...line(2, '', '  ', 1), sku: null, title: 'Tote bag' }, line(3, 'LS-M', '111', 1)];

  it.each<[string, Record<number, number>, string, ReturnType<typeof scanItem>]>([
    ['its SKU typed counts one unit', {}, 'sleeve', { kind: 'ok', lineId: 1, count: 1, complete: false }],
    ['a blank barcode never matches an empty scan of spaces', {}, '  ', { kind: 'wrong', code: '' }],
  ])('scan: %s', (_name, counts, code, expected) => {
    expect(scanItem(noCode, counts, code)).toEqual(expected);
  });

  it.each<[string, Record<number, number>, number, string, ReturnType<typeof confirmByHand>]>([
    ['a typed count is added to the line', {}, 1, '2', { kind: 'ok', lineId: 1, count: 2, added: 2, complete: false }],
    ['the count adds to what was scanned by SKU', { 1: 1 }, 1, '2', { kind: 'ok', lineId: 1, count: 3, added: 2, complete: false }],
    ['a line with neither barcode nor SKU can be confirmed', { 1: 3, 3: 1 }, 2, '1', { kind: 'ok', lineId: 2, count: 1, added: 1, complete: true }],
    ['no count typed is refused (no silent pass)', {}, 1, '', { kind: 'refused', reason: 'Type how many × SLEEVE you are putting in the box, as a number (1–3).' }],
    ['words are refused', {}, 1, 'yes', { kind: 'refused', reason: 'Type how many × SLEEVE you are putting in the box, as a number (1–3).' }],
    ['zero is refused', {}, 1, '0', { kind: 'refused', reason: 'Type at least 1, or press Esc if SLEEVE is missing.' }],
    ['more than is left is refused', { 1: 2 }, 1, '2', { kind: 'refused', reason: 'Only 1 × SLEEVE left to pack; you typed 2. Count again.' }],
    ['a fully counted line is refused', { 1: 3 }, 1, '1', { kind: 'refused', reason: 'All 3 × SLEEVE are already counted.' }],
    ['a line with a barcode must be scanned, not confirmed', {}, 3, '1', { kind: 'refused', reason: 'LS-M has a barcode: scan the item itself.' }],
    ['a line not on the order is refused', {}, 99, '1', { kind: 'refused', reason: 'That line is not on this order.' }],
  ])('by hand: %s', (_name, counts, lineId, typed, expected) => {
    expect(confirmByHand(noCode, counts, lineId, typed)).toEqual(expected);
  });

  it('only lines without a barcode and with units left can be confirmed by hand', () => {
    expect(handConfirmable(noCode, {}).map((l) => l.lineId)).toEqual([1, 2]);
    expect(handConfirmable(noCode, { 1: 3 }).map((l) => l.lineId)).toEqual([2]);
    expect(handConfirmable(lines, {})).toEqual([]);
  });
});
