import { describe, expect, it } from 'vitest';
import { containsCardNumber, luhnValid, mayContainCardNumber, scrubCardNumbers } from '../../src-shared/security/pan';
import { scrubPayload } from '../../src-main/core/sync/shopify/client';

describe('card numbers are masked wherever they appear', () => {
  it.each([
    ['plain Visa test number', 'card 4111111111111111 thanks', 'card [card •••• 1111] thanks'],
    ['with spaces', 'pan: 4111 1111 1111 1111', 'pan: [card •••• 1111]'],
    ['with dashes', '5555-5555-5555-4444 is mine', '[card •••• 4444] is mine'],
    ['Amex 15 digits', '378282246310005', '[card •••• 0005]'],
    ['Discover', '6011000990139424', '[card •••• 9424]'],
    ['inside JSON', '{"note":"4012888888881881"}', '{"note":"[card •••• 1881]"}'],
    ['behind a reference number in groups', 'ref 1234 4111 1111 1111 1111', 'ref 1234 [card •••• 1111]'],
    ['before a group of digits', '4111 1111 1111 1111 1234', '[card •••• 1111] 1234'],
    ['dashed, between reference groups', 'ref 12-35 5555-5555-5555-4444 99', 'ref 12-35 [card •••• 4444] 99'],
    ['two cards in one grouped run', '4111 1111 1111 1111 5555 5555 5555 4444', '[card •••• 1111] [card •••• 4444]'],
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

  it('digit runs inside platform ids do not send a line to the careful path; the same digits anywhere else do', () => {
    // 4111111111111111 passes Luhn: as an id it is left whole by the scrub, so the pre-check may say "clean".
    expect(mayContainCardNumber(JSON.stringify({ id: 'gid://shopify/LineItem/4111111111111111', __parentId: 'gid://shopify/Order/4242424242424242' }))).toBe(false);
    expect(mayContainCardNumber(JSON.stringify({ id: 'gid://shopify/Order/1', note: '4111111111111111' }))).toBe(true);
    // Not an id: a quoted gid inside a note (escaped quotes), or a legacy numeric id.
    expect(mayContainCardNumber(JSON.stringify({ note: 'see "gid://shopify/Order/4111111111111111"' }))).toBe(true);
    expect(mayContainCardNumber(JSON.stringify({ legacyResourceId: '4111111111111111' }))).toBe(true);
    expect(mayContainCardNumber(JSON.stringify({ tags: ['x', '4111 1111 1111 1111'], id: 'gid://shopify/Order/4111111111111111' }))).toBe(true);
    // Text that only starts like an id is text.
    expect(mayContainCardNumber(JSON.stringify({ note: 'gid://shopify/Order/1 paid with 4111111111111111' }))).toBe(true);
    expect(mayContainCardNumber(JSON.stringify({ note: 'gid://shopify/Order/4111 1111 1111 1111' }))).toBe(true);
  });

  it.each([
    ['a note that starts with "gid://" and holds a card', { note: 'gid://shopify/Order/1 card 4111111111111111' }, { note: 'gid://shopify/Order/1 card [card •••• 1111]' }],
    ['a grouped card after an id-like prefix', { value: 'gid://shopify/Order/4111 1111 1111 1111' }, { value: 'gid://shopify/Order/[card •••• 1111]' }],
    ['a whole platform id anywhere stays whole', { parent: 'gid://shopify/LineItem/4111111111111111' }, { parent: 'gid://shopify/LineItem/4111111111111111' }],
    ['an id field stays whole', { id: '4111111111111111' }, { id: '4111111111111111' }],
  ])('the payload scrub: %s', (_name, input, expected) => {
    expect(scrubPayload(input)).toEqual(expected);
  });

  it('whenever the pre-check says "clean", the field-by-field scrub changes nothing (random bulk-like lines)', () => {
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
    const pan = () => {
      // A Luhn-valid number of 13–19 digits, sometimes grouped by spaces or dashes.
      const body = digits(12 + Math.floor(rnd() * 7));
      const check = [...'0123456789'].find((d) => luhnValid(body + d)) as string;
      const n = body + check;
      const sep = pick(['', ' ', '-']);
      return sep ? (n.match(/.{1,4}/g) as string[]).join(sep) : n;
    };
    const text = () => pick([() => pan(), () => digits(13 + Math.floor(rnd() * 7)), () => `gid://shopify/Order/${pan().replace(/\D/g, '')}`, () => `note "gid://shopify/X/${pan()}"`, () => `#${digits(5)}`, () => `a\\"gid://x/${pan()}`, () => `gid://shopify/Order/1 ${pan()}`, () => `gid://shopify/Order/${pan()}`, () => 'plain'])();
    const gid = () => `gid://shopify/${pick(['Order', 'LineItem', 'Customer', 'ProductVariant'])}/${pick([digits(13), digits(14), pan().replace(/\D/g, '')])}`;
    let clean = 0;
    let careful = 0;
    for (let i = 0; i < 3000; i++) {
      const line: Record<string, unknown> = { id: gid(), __parentId: gid() };
      for (let k = 0; k < 3; k++) line[pick(['note', 'name', 'value', 'sku', 'legacyResourceId', 'cursor', 'id2'])] = rnd() < 0.3 ? [text(), text()] : text();
      if (rnd() < 0.5) line.customer = { id: gid(), note: text() };
      const raw = JSON.stringify(line);
      if (mayContainCardNumber(raw)) careful++;
      else {
        clean++;
        expect(JSON.stringify(scrubPayload(JSON.parse(raw))), raw).toBe(raw);
      }
    }
    // Both answers were exercised.
    expect(clean).toBeGreaterThan(100);
    expect(careful).toBeGreaterThan(100);
  });
});
