import { describe, expect, it } from 'vitest';
import { confirmReasons } from '../../src-renderer/src/screens/inventory/adjust-rules';

describe('when an adjustment asks for confirmation', () => {
  it.each([
    ['adding any amount', 500, -3, 0],
    ['removing 10 with plenty available', -10, 40, 0],
    ['removing 11', -11, 40, 1],
    ['removing 2 of 1 available', -2, 1, 1],
    ['removing exactly what is available', -5, 5, 0],
    ['removing 12 of 4 available', -12, 4, 2],
  ])('%s (delta %i, available %i) → %i reason(s)', (_what, delta, available, reasons) => {
    expect(confirmReasons(delta, available)).toHaveLength(reasons);
  });

  it('says what would happen', () => {
    expect(confirmReasons(-12, 4)).toEqual(['this removes 12 units', 'available would be -8: orders already counting on this stock go to Exceptions']);
  });
});
