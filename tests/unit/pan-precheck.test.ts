import { describe, expect, it } from 'vitest';
import { hasLongDigitRun, isPlatformId, luhnValid, mayContainCardNumber, scrubCardNumbers } from '../../src-shared/security/pan';
import { scrubPayload } from '../../src-main/core/sync/shopify/client';

/**
 * The pre-check samples every 13th character instead of running a regex over the
 * whole line (pan.ts). These tests hold it to the plain version it replaced: the
 * scrub's own regex over the whole text, Luhn on each run, runs that are the
 * number of a whole platform id skipped. Same answer on every text, so it never
 * says "clean" where the plain version saw a card.
 */
const CANDIDATE = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;
const PLATFORM_ID_VALUE = /gid:\/\/[a-z][\w-]*\/[A-Za-z]+\/\d+"/y;
function plainPrecheck(text: string): boolean {
  if (text.includes('\\u')) return true;
  for (const m of text.matchAll(CANDIDATE)) {
    const q = text.lastIndexOf('"', m.index);
    let inId = false;
    if (q > 0 && text.charCodeAt(q - 1) !== 92 && text.startsWith('gid://', q + 1)) {
      PLATFORM_ID_VALUE.lastIndex = q + 1;
      inId = PLATFORM_ID_VALUE.test(text);
    }
    if (!inId && luhnValid(m[0].replace(/[ -]/g, ''))) return true;
  }
  // A card behind other digit groups: the scrub's second look (whole-group windows of grouped runs).
  for (const m of text.matchAll(/(?<![\d])\d+(?:[ -]\d+)+(?![\d])/g)) if (scrubCardNumbers(m[0]) !== m[0]) return true;
  return false;
}

let seed = 11;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
/** A Luhn-valid number of 13–19 digits. */
const card = () => {
  const body = digits(12 + Math.floor(rnd() * 7));
  return body + ([...'0123456789'].find((d) => luhnValid(body + d)) as string);
};
/** Split by spaces or dashes in groups of 4, or at random places (single or doubled separators). */
const grouped = (n: string) =>
  pick([
    () => n,
    () => (n.match(/.{1,4}/g) as string[]).join(pick([' ', '-'])),
    () => [...n].map((d) => d + (rnd() < 0.3 ? pick([' ', '-', '  ', '--', ' -']) : '')).join(''),
  ])();
/** Pieces a bulk line is made of, and the ones that trip a careless scan: ids, long runs, glued runs, escapes. */
const piece = () =>
  pick([
    () => grouped(card()),
    () => `gid://shopify/${pick(['Order', 'LineItem', 'X'])}/${card()}`,
    () => `gid://${pick(['shopify', 'a-b_c', 'Shop', '9x', ''])}/${pick(['Order', 'Line9', ''])}/${grouped(card())}`,
    () => digits(1 + Math.floor(rnd() * 25)),
    () => `${digits(Math.floor(rnd() * 8))}${pick([' ', '-', ''])}${card()}${pick([' ', '-', '', 'x'])}${digits(Math.floor(rnd() * 8))}`,
    () => `${card()}${card()}`,
    () => '2024-11-02T06:41:16.466Z',
    () => pick(['+1 720-422-9322', '94.60', '•••• •••• •••• 9582', 'Müller', '\\"', '\\\\', '\\n', '/', '"', ' ', '-']),
    () => 'x'.repeat(Math.floor(rnd() * 14)),
  ])();

describe('the bulk-line card pre-check', () => {
  it('answers as the regex over the whole line did, on 20,000 random texts', () => {
    let yes = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: 1 + Math.floor(rnd() * 6) }, piece).join(pick(['', ' ', '"', '","', '/', '-']));
      const expected = plainPrecheck(text);
      expect(mayContainCardNumber(text), text).toBe(expected);
      if (expected) yes++;
    }
    // Both answers were exercised, many times.
    expect(yes).toBeGreaterThan(2000);
    expect(yes).toBeLessThan(18_000);
  });

  it('answers as the regex did on JSON lines whose values hold cards at every offset', () => {
    for (let shift = 0; shift < 30; shift++) {
      for (const value of ['4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', '378282246310005', '6011000990139424']) {
        const text = JSON.stringify({ id: 'gid://shopify/Order/5000000000001', pad: 'p'.repeat(shift), note: value });
        expect(mayContainCardNumber(text), text).toBe(true);
        // The same digits as the number of an id: left whole by the scrub, so "clean".
        const asId = JSON.stringify({ id: `gid://shopify/Order/${value.replace(/\D/g, '')}`, pad: 'p'.repeat(shift) });
        expect(mayContainCardNumber(asId), asId).toBe(false);
      }
    }
  });

  it('finds a card at the very start, the very end, and as the whole text', () => {
    expect(mayContainCardNumber('4111111111111111')).toBe(true);
    expect(mayContainCardNumber('4111111111111111 and more text after it')).toBe(true);
    expect(mayContainCardNumber('some text before it 4111-1111-1111-1111')).toBe(true);
    expect(mayContainCardNumber('4111111111111112')).toBe(false);
    expect(mayContainCardNumber('')).toBe(false);
  });

  it('digits glued to a card by a separator are read as the scrub reads them', () => {
    // A 20-digit run is no card to the scrub; a card behind or before one more group of digits is.
    // The pre-check must say what the scrub would do.
    for (const [text, card] of [['14111111111111111111', false], ['1234 4111 1111 1111 1111', true], ['4111 1111 1111 1111 1234', true], ['12 4111111111111111', true], ['12-34 4111-1111-1111-1111 99', true], ['2024-11-02 10 55 12 31', false]] as const) {
      expect(mayContainCardNumber(text), text).toBe(card);
      expect(scrubCardNumbers(text) !== text, text).toBe(card);
      expect(mayContainCardNumber(text), text).toBe(plainPrecheck(text));
    }
  });
});

/** scrubPayload as it was before its digit-run filter: the regex on every string but ids. */
const ID_KEYS = new Set(['id', 'endCursor', 'startCursor', 'cursor', 'legacyResourceId']);
function plainScrub(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return ID_KEYS.has(key) || isPlatformId(value) ? value : scrubCardNumbers(value);
  if (Array.isArray(value)) return value.map((v) => plainScrub(v, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainScrub(v, k)]));
  return value;
}

describe('the payload scrub skips strings without a long digit run', () => {
  it('a string said to have no run of 13+ digits is one the scrub leaves as it is; one with such a run is said to have it', () => {
    let runs = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({ length: 1 + Math.floor(rnd() * 5) }, piece).join(pick(['', ' ', '-', 'x']));
      const long = /\d(?:[ -]?\d){12}/.test(text);
      expect(hasLongDigitRun(text), text).toBe(long);
      if (long) runs++;
      else expect(scrubCardNumbers(text)).toBe(text);
    }
    expect(runs).toBeGreaterThan(2000);
  });

  it('masks exactly what the scrub without the filter masked (5,000 random nested payloads)', () => {
    const value = (depth: number): unknown =>
      depth > 2 || rnd() < 0.5
        ? pick([() => piece(), () => Array.from({ length: 3 }, piece).join(' '), () => Math.floor(rnd() * 1e16), () => null, () => rnd() < 0.5])()
        : rnd() < 0.3
          ? Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1))
          : Object.fromEntries(Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => [pick(['id', 'note', 'cursor', 'value', 'legacyResourceId', 'name', 'tags']), value(depth + 1)]));
    let masked = 0;
    for (let i = 0; i < 5000; i++) {
      const payload = value(0);
      const got = scrubPayload(payload);
      expect(got).toEqual(plainScrub(payload));
      if (JSON.stringify(got) !== JSON.stringify(payload)) masked++;
    }
    expect(masked).toBeGreaterThan(500);
  });
});
