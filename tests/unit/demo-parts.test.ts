import { describe, expect, it } from 'vitest';
import { buildCatalog, ean13CheckDigit, isValidEan13 } from '../../src-main/core/demo/catalog';
import { emailVariant, typo } from '../../src-main/core/demo/duplicates';
import { asciiFold, mailboxKey } from '../../src-main/core/demo/people';
import { formatPhone, makePhone } from '../../src-main/core/demo/places';
import { lineRefund, priceOrder, taxOn, type PricedLine } from '../../src-main/core/demo/pricing';
import { AliasTable, Rng } from '../../src-main/core/demo/random';
import { dayWeight, planDays, promotionOn } from '../../src-main/core/demo/seasonality';
import { isoTime } from '../../src-main/core/demo/time';
import { containsCardNumber } from '../../src-shared/security/pan';

const line = (priceMinor: number, quantity: number): PricedLine => ({ priceMinor, quantity, discountMinor: 0, taxMinor: 0 });

describe('demo pricing: totals add up exactly in minor units', () => {
  it.each([
    { name: 'one line, no discount, untaxed shipping', lines: [line(4999, 1)], discount: 0, shipping: 695, tax: 8875, taxed: false },
    { name: 'three lines, 15 % off spread unevenly', lines: [line(1999, 1), line(3499, 2), line(999, 3)], discount: 2049, shipping: 0, tax: 20000, taxed: true },
    { name: 'discount larger than the order is capped', lines: [line(500, 1)], discount: 9999, shipping: 495, tax: 19000, taxed: true },
    { name: 'zero tax (Portland)', lines: [line(12900, 1), line(1400, 2)], discount: 1000, shipping: 1695, tax: 0, taxed: false },
    { name: 'Québec 14.975 %', lines: [line(7999, 3)], discount: 3600, shipping: 1295, tax: 14975, taxed: true },
  ])('$name', ({ lines, discount, shipping, tax, taxed }) => {
    const t = priceOrder(lines, discount, shipping, tax, taxed);
    const sum = (f: (l: PricedLine) => number) => lines.reduce((a, l) => a + f(l), 0);
    expect(t.subtotalMinor).toBe(sum((l) => l.priceMinor * l.quantity));
    expect(t.discountMinor).toBe(sum((l) => l.discountMinor));
    expect(t.taxMinor).toBe(sum((l) => l.taxMinor) + t.shippingTaxMinor);
    expect(t.totalMinor).toBe(t.subtotalMinor - t.discountMinor + t.shippingMinor + t.taxMinor);
    expect(t.shippingTaxMinor).toBe(taxed ? taxOn(shipping, tax) : 0);
    for (const l of lines) {
      expect(l.discountMinor).toBeGreaterThanOrEqual(0);
      expect(l.discountMinor).toBeLessThanOrEqual(l.priceMinor * l.quantity);
      expect(Number.isInteger(l.taxMinor)).toBe(true);
    }
  });

  it('refunding every unit of a line returns exactly what was paid for it', () => {
    const lines = [line(3499, 3), line(999, 1)];
    priceOrder(lines, 1500, 0, 20000, true);
    const l = lines[0] as PricedLine;
    expect(lineRefund(l, 3)).toBe(l.priceMinor * 3 - l.discountMinor + l.taxMinor);
    expect(lineRefund(l, 1)).toBeLessThan(lineRefund(l, 3));
    expect(lineRefund(l, 1)).toBeGreaterThan(0);
  });
});

describe('demo randomness', () => {
  it('is a pure function of the seed and label', () => {
    const a = Rng.derive(42, 'orders');
    const b = Rng.derive(42, 'orders');
    const c = Rng.derive(42, 'customers');
    const xs = Array.from({ length: 5 }, () => a.u32());
    expect(Array.from({ length: 5 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.u32())).not.toEqual(xs);
  });

  it('alias sampling follows the weights', () => {
    const rng = new Rng(7);
    const table = new AliasTable([1, 2, 7, 0]);
    const hits = [0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) {
      const k = table.sample(rng);
      hits[k] = (hits[k] ?? 0) + 1;
    }
    expect(hits[3]).toBe(0);
    expect((hits[2] as number) / 100_000).toBeCloseTo(0.7, 1);
    expect((hits[0] as number) / 100_000).toBeCloseTo(0.1, 1);
  });
});

describe('demo catalogue', () => {
  it('computes EAN-13 check digits the GS1 way', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1); // 4006381333931, a textbook example
    expect(isValidEan13('4006381333931')).toBe(true);
    expect(isValidEan13('4006381333932')).toBe(false);
  });

  it('gives every variant a unique SKU and a unique, valid, non-Luhn barcode; cost below price', () => {
    const { variants, products } = buildCatalog(3000, new Rng(1), 2, 42);
    expect(variants).toHaveLength(3000);
    expect(new Set(variants.map((v) => v.sku)).size).toBe(3000);
    expect(new Set(variants.map((v) => v.barcode)).size).toBe(3000);
    for (const v of variants) {
      expect(isValidEan13(v.barcode)).toBe(true);
      expect(containsCardNumber(v.barcode)).toBe(false);
      expect(v.unitCostMinor).toBeLessThan(v.priceMinor);
      expect(v.unitCostMinor).toBeGreaterThan(0);
    }
    expect(products.some((p) => p.tags.split(',').includes('final-sale'))).toBe(true);
    expect(new Set(products.map((p) => p.productType)).size).toBeGreaterThanOrEqual(6);
  });
});

describe('demo people', () => {
  it.each([
    ['Müller', 'mueller'],
    ['Lucía', 'lucia'],
    ["O'Brien", 'obrien'],
    ['Weiß', 'weiss'],
  ])('folds %s to %s for email addresses', (name, folded) => expect(asciiFold(name)).toBe(folded));

  it('email variants reach the same mailbox', () => {
    const rng = new Rng(3);
    for (const email of ['jane.doe@gmail.com', 'janedoe@gmail.com', 'jdoe@outlook.com', 'jane_doe12@yahoo.com', 'doe.jane@web.de']) {
      for (let i = 0; i < 20; i++) {
        const v = emailVariant(email, rng);
        expect(v.toLowerCase() === email || v !== email).toBe(true);
        expect(mailboxKey(v)).toBe(mailboxKey(email));
      }
    }
  });

  it('typos change a name but keep its first letter', () => {
    const rng = new Rng(5);
    for (const name of ['Katherine', 'Smith', 'Lee', 'Nguyen', 'Schröder']) {
      for (let i = 0; i < 20; i++) {
        const t = typo(name, rng);
        expect(t).not.toBe(name);
        expect(t[0]).toBe(name[0]);
      }
    }
  });

  it('phone numbers format per country and never look like a card number', () => {
    const rng = new Rng(9);
    for (let country = 0; country < 5; country++) {
      for (let i = 0; i < 2000; i++) {
        const p = makePhone(country, 0, rng);
        for (const style of ['e164', 'local', 'international'] as const) {
          const text = formatPhone(p, style);
          expect(containsCardNumber(text)).toBe(false);
          expect(text.replace(/\D/g, '').endsWith(p.national)).toBe(true);
        }
        expect(formatPhone(p, 'e164')).toBe(`+${p.dial}${p.national}`);
      }
    }
  });
});

describe('demo seasonality', () => {
  it('spreads exactly the requested number of orders over 730 days, none after now', () => {
    const now = Date.parse('2026-11-01T13:30:00Z');
    const plan = planDays(now, 123_457, new Rng(1));
    expect(plan.counts.length).toBe(730);
    expect(plan.counts.reduce((a, b) => a + b, 0)).toBe(123_457);
    expect(plan.dayStart[729]).toBeLessThanOrEqual(now);
    expect(Math.min(...plan.counts)).toBeGreaterThanOrEqual(0);
  });

  it('knows the promotions', () => {
    expect(promotionOn(new Date('2025-11-28T00:00:00Z'))).toBe('black-friday');
    expect(promotionOn(new Date('2025-12-01T00:00:00Z'))).toBe('cyber-monday');
    expect(promotionOn(new Date('2026-11-27T00:00:00Z'))).toBe('black-friday');
    expect(promotionOn(new Date('2026-07-11T00:00:00Z'))).toBe('summer-sale');
    expect(promotionOn(new Date('2026-06-11T00:00:00Z'))).toBeNull();
  });

  it('weights December above July and Monday above Saturday', () => {
    expect(dayWeight(new Date('2025-12-10T00:00:00Z'))).toBeGreaterThan(dayWeight(new Date('2025-07-16T00:00:00Z')));
    expect(dayWeight(new Date('2026-03-02T00:00:00Z'))).toBeGreaterThan(dayWeight(new Date('2026-03-07T00:00:00Z')));
  });
});

describe('demo timestamps', () => {
  it('formats exactly like Date#toISOString', () => {
    const rng = new Rng(11);
    for (let i = 0; i < 20_000; i++) {
      const ms = Date.parse('2020-01-01T00:00:00Z') + Math.floor(rng.next() * 10 * 365 * 86_400_000);
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
    expect(isoTime(Date.parse('2026-11-01T00:00:00.000Z'))).toBe('2026-11-01T00:00:00.000Z');
    expect(isoTime(Date.parse('2026-10-31T23:59:59.999Z'))).toBe('2026-10-31T23:59:59.999Z');
  });
});
