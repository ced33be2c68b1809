import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone } from '../../src-main/core/customers/mask';
import { rfmScores } from '../../src-main/core/customers/rfm';

describe('RFM segments', () => {
  it.each([
    [null, 0, 0, 'no orders'],
    [10, 12, 2500, 'champion'],
    [100, 4, 300, 'loyal'],
    [20, 1, 60, 'new'],
    [45, 2, 120, 'promising'],
    [250, 6, 700, 'at risk'],
    [400, 8, 900, 'hibernating'],
    [200, 1, 40, 'needs attention'],
  ] as const)('last order %s days ago, %i orders, %i spent → %s', (days, orders, spend, segment) => {
    expect(rfmScores(days, orders, spend).segment).toBe(segment);
  });

  it('scores run 1–5 with 5 best', () => {
    expect(rfmScores(3, 20, 5000)).toMatchObject({ recency: 5, frequency: 5, monetary: 5 });
    expect(rfmScores(900, 1, 10)).toMatchObject({ recency: 1, frequency: 1, monetary: 1 });
  });
});

describe('masked contact data', () => {
  it.each([
    ['jane.doe@gmail.com', 'j•••@gmail.com'],
    ['x@y.de', 'x•••@y.de'],
    [null, null],
  ])('email %s → %s', (raw, out) => expect(maskEmail(raw)).toBe(out));

  it.each([
    ['+1 (415) 555-0123', '•••• 0123'],
    ['123', '••••'],
    [null, null],
  ])('phone %s → %s', (raw, out) => expect(maskPhone(raw)).toBe(out));
});
