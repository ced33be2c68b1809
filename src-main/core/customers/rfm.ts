import type { RfmSegment } from '../../../src-shared/contract';

/**
 * RFM: recency (days since the last order), frequency (orders) and monetary
 * value (lifetime spend) scored 1–5 on fixed bands that suit a small shop,
 * and the segment those scores describe.
 */
const band = (value: number, cuts: number[]) => 1 + cuts.filter((c) => value >= c).length;

export function rfmScores(daysSinceLast: number | null, orders: number, spendMajor: number): { recency: number; frequency: number; monetary: number; segment: RfmSegment } {
  if (daysSinceLast === null || orders === 0) return { recency: 0, frequency: 0, monetary: 0, segment: 'no orders' };
  const recency = 6 - band(daysSinceLast, [30, 90, 180, 365]); // 5 = within a month
  const frequency = band(orders, [2, 3, 5, 10]);
  const monetary = band(spendMajor, [50, 150, 400, 1000]);
  let segment: RfmSegment;
  if (recency >= 4 && frequency >= 4) segment = 'champion';
  else if (recency >= 3 && frequency >= 3) segment = 'loyal';
  else if (recency >= 4 && orders === 1) segment = 'new';
  else if (recency >= 4) segment = 'promising';
  else if (recency === 1) segment = 'hibernating';
  else if (frequency >= 3) segment = 'at risk';
  else segment = 'needs attention';
  return { recency, frequency, monetary, segment };
}
