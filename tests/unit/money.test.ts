import { describe, expect, it } from 'vitest';
import { formatMoney, parseDecimalToMinor } from '../../src-shared/money';

describe('money is integer minor units', () => {
  it.each<[string, string, number]>([
    ['12.34', 'USD', 1234],
    ['0.1', 'USD', 10],
    ['19.99', 'EUR', 1999],
    ['100', 'JPY', 100],
    ['1.234', 'KWD', 1234],
    ['-5.00', 'USD', -500],
    ['12.340', 'USD', 1234],
  ])('%s %s → %d', (text, currency, minor) => {
    expect(parseDecimalToMinor(text, currency)).toBe(minor);
  });

  it.each([['12.345', 'USD'], ['abc', 'USD'], ['1e3', 'USD'], ['', 'USD']])('refuses %j %s', (text, currency) => {
    expect(() => parseDecimalToMinor(text, currency)).toThrow();
  });

  it('formats for display only', () => {
    expect(formatMoney(123456, 'USD', 'en-US')).toBe('$1,234.56');
    expect(formatMoney(500, 'JPY', 'en-US')).toBe('¥500');
  });
});
