import { describe, expect, it } from 'vitest';
import { F_ADDRESS, F_BIRTH, F_EMAIL, F_FIRST, F_LAST, F_PHONE, FIELD_COUNT, MISSING } from '../../src-main/core/customers/duplicates/compare';
import { capHousehold, countHousehold, emptyHouseholdCounts, givenNamesDiffer, householdK, strongShared } from '../../src-main/core/customers/duplicates/household';

/** Levels and bits of a pair with different given names that shares surname and address (no email, phone or unit). */
function sharedHome(): { levels: number[]; parts: number[] } {
  const levels = new Array<number>(FIELD_COUNT).fill(MISSING);
  const parts = new Array<number>(FIELD_COUNT).fill(0);
  levels[F_FIRST] = 4;
  parts[F_FIRST] = -3.4;
  levels[F_LAST] = 0;
  parts[F_LAST] = 10;
  levels[F_ADDRESS] = 0;
  parts[F_ADDRESS] = 10;
  return { levels, parts };
}

describe('household dependence', () => {
  it.each([
    ['diane', 'daniel', 3, true],
    ['jose', 'joseph', 2, true],
    ['juan', 'jyan', 2, false],
    ['j', 'john', 3, false],
    ['amelia', 'mitchell', 4, true],
  ])('given names %s / %s (level %i) differ: %s', (a, b, level, differ) => {
    const levels = new Array<number>(FIELD_COUNT).fill(MISSING);
    levels[F_FIRST] = level;
    expect(givenNamesDiffer(levels, a, b)).toBe(differ);
  });

  it('with no households in the data (k = 0) shared surname and address count in full', () => {
    const { levels, parts } = sharedHome();
    expect(capHousehold(levels, parts, 0)).toBe(false);
    expect(parts[F_LAST]! + parts[F_ADDRESS]!).toBe(20);
  });

  it('with many households the shared fields together are worth about log2(1 / k) less the given name, never less than nothing', () => {
    const { levels, parts } = sharedHome();
    expect(capHousehold(levels, parts, 2 ** -8)).toBe(true);
    const total = parts[F_FIRST]! + parts[F_LAST]! + parts[F_ADDRESS]!;
    expect(total).toBeCloseTo(-Math.log2(2 ** -(20 - 3.4) + 2 ** -8), 6);
    expect(parts[F_LAST]! + parts[F_ADDRESS]!).toBeGreaterThanOrEqual(0);
    const heavy = sharedHome();
    capHousehold(heavy.levels, heavy.parts, 1);
    // k = 1: as many households as same-person pairs at one home with another given name — the pattern itself says nothing.
    expect(heavy.parts[F_FIRST]! + heavy.parts[F_LAST]! + heavy.parts[F_ADDRESS]!).toBeCloseTo(0, 3);
    const worse = sharedHome();
    capHousehold(worse.levels, worse.parts, 2 ** 10);
    expect(worse.parts[F_LAST]! + worse.parts[F_ADDRESS]!).toBe(0);
  });

  it('a model without k (learnt before it existed) keeps only the strongest shared field', () => {
    const { levels, parts } = sharedHome();
    parts[F_ADDRESS] = 12;
    expect(capHousehold(levels, parts, undefined)).toBe(true);
    expect([parts[F_LAST], parts[F_ADDRESS]]).toEqual([0, 12]);
  });

  it('one shared field is not a household pattern; a shared birth date joins only when the mailboxes differ', () => {
    const one = sharedHome();
    one.parts[F_LAST] = -2;
    expect(capHousehold(one.levels, one.parts, 1)).toBe(false);
    const twins = sharedHome();
    twins.parts[F_LAST] = -2;
    twins.levels[F_BIRTH] = 0;
    twins.parts[F_BIRTH] = 10;
    expect(capHousehold(twins.levels, twins.parts, 1)).toBe(false);
    twins.levels[F_EMAIL] = 2;
    twins.parts[F_EMAIL] = -3;
    expect(capHousehold(twins.levels, twins.parts, 1)).toBe(true);
  });

  it('k is zero when different given names at one home are as common as same-person name changes explain, and grows with the excess', () => {
    // m: 80 % of the same person's records share the given name, 10 % have another one.
    const m = [0.8, 0.05, 0.03, 0.02, 0.1];
    const build = (same: number, differ: number) => {
      const c = emptyHouseholdCounts(5);
      const add = (first: number, n: number) => {
        for (let i = 0; i < n; i++) {
          const { levels } = sharedHome();
          levels[F_FIRST] = first;
          countHousehold(c, levels, first === 4);
        }
      };
      add(0, same);
      add(4, differ);
      return c;
    };
    // 400 same-name pairs at one home → 50 expected with another given name: 45, or 60 (within chance), is no evidence of households.
    expect(householdK(build(400, 45), m, 1e-4)).toBe(0);
    expect(householdK(build(400, 60), m, 1e-4)).toBe(0);
    const few = householdK(build(400, 100), m, 1e-4);
    const many = householdK(build(400, 1000), m, 1e-4);
    expect(few).toBeGreaterThan(0);
    expect(many).toBeGreaterThan(few * 10);
    // (1000 − 50.5 − 2√50.5) households against 50.5 expected same-person pairs, times λ.
    expect(many).toBeCloseTo(((1000 - 50.5 - 2 * Math.sqrt(50.5)) / 50.5) * 1e-4, 8);
  });

  it('a home is shared when two household fields agree at their best level (same surname, same address, same phone), not a town', () => {
    const { levels } = sharedHome();
    expect(strongShared(levels)).toBe(2);
    levels[F_ADDRESS] = 3; // same town only: strangers share that
    expect(strongShared(levels)).toBe(1);
    levels[F_PHONE] = 0;
    expect(strongShared(levels)).toBe(2);
  });
});
