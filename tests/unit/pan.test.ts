import { describe, expect, it } from 'vitest';
import { containsCardNumber, luhnValid, mayContainCardNumber, scrubCardNumbers } from '../../src-shared/security/pan';

describe('card numbers are masked wherever they appear', () => {
  it.each([
    ['plain Visa test number', 'card 4111111111111111 thanks', 'card [card •••• 1111] thanks'],
    ['with spaces', 'pan: 4111 1111 1111 1111', 'pan: [card •••• 1111]'],
    ['with dashes', '5555-5555-5555-4444 is mine', '[card •••• 4444] is mine'],
    ['Amex 15 digits', '378282246310005', '[card •••• 0005]'],
    ['Discover', '6011000990139424', '[card •••• 9424]'],
    ['inside JSON', '{"note":"4012888888881881"}', '{"note":"[card •••• 1881]"}'],
  ])('%s', (_n, input, expected) => {
    expect(scrubCardNumbers(input)).toBe(expected);
  });

  it.each([
    ['an order number', 'order #100234'],
    ['a phone number', '+1 (555) 010-2030'],
    ['16 digits failing Luhn', '4111111111111112'],
    ['12 digits', '411111111111'],
    ['a date', '2026-11-22T10:00:00Z'],
  ])('leaves %s alone', (_n, input) => {
    expect(scrubCardNumbers(input)).toBe(input);
  });

  it('Luhn check', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111121')).toBe(false);
    expect(containsCardNumber('x 4242424242424242 y')).toBe(true);
  });

  it('the raw-text pre-check never says "clean" when a card number could be inside', () => {
    const clean = JSON.stringify({ id: 'gid://shopify/Order/1001', name: '#1001', phone: '+1 (555) 010-2030', note: 'order #100234 on 2026-11-22' });
    expect(mayContainCardNumber(clean)).toBe(false);
    expect(mayContainCardNumber(JSON.stringify({ note: 'card 4111 1111 1111 1111' }))).toBe(true);
    expect(mayContainCardNumber(JSON.stringify({ attr: '5500-0000-0000-0004' }))).toBe(true);
    // Digits spelled as \u escapes are invisible to the regex: the careful path decides.
    expect(mayContainCardNumber('{"note":"\\u0034111111111111111"}')).toBe(true);
    // Called twice on the same text (the regex is global): same answer.
    expect(mayContainCardNumber('x 4242424242424242')).toBe(true);
    expect(mayContainCardNumber('x 4242424242424242')).toBe(true);
  });
});
