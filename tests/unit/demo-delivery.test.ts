import { describe, expect, it } from 'vitest';
import { deliveredAt } from '../../src-main/core/demo/carriers';

const DAY = 86_400_000;
const shipped = Date.parse('2026-10-20T09:00:00.000Z');
const later = shipped + 60 * DAY;

describe('demo delivery times', () => {
  it.each([
    ['Royal Mail', 1, 3],
    ['USPS', 2, 5],
    ['Australia Post', 2, 8],
  ])('%s delivers %i–%i days after shipping, during the day, never before it shipped', (company, lo, hi) => {
    const days: number[] = [];
    for (let k = 1; k <= 2000; k++) {
      const at = deliveredAt(company, shipped, later, k);
      if (at === null) continue;
      const d = Math.floor(at / DAY) - Math.floor(shipped / DAY);
      days.push(d);
      const hour = new Date(at).getUTCHours();
      expect(hour).toBeGreaterThanOrEqual(8);
      expect(hour).toBeLessThan(20);
    }
    expect(Math.min(...days)).toBe(lo);
    expect(Math.max(...days)).toBe(hi);
    // About 3 % never confirmed: their window counts from shipping.
    expect(2000 - days.length).toBeGreaterThan(20);
    expect(2000 - days.length).toBeLessThan(110);
  });

  it('a parcel not yet delivered by now has no delivery time, and the same key always gives the same answer', () => {
    expect(deliveredAt('UPS', shipped, shipped + 3600_000, 7)).toBeNull();
    expect(deliveredAt('UPS', shipped, later, 7)).toBe(deliveredAt('UPS', shipped, later, 7));
  });
});
