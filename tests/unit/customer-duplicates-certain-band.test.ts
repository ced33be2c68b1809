import { describe, expect, it } from 'vitest';
import { bandOf, certainAllowed, DEFAULT_THRESHOLDS } from '../../src-main/core/customers/duplicates/certain-band';
import { FIELD_COUNT, F_BIRTH, F_EMAIL, F_FIRST, F_LAST, MISSING } from '../../src-main/core/customers/duplicates/compare';

/**
 * "Certain" pairs may be merged in bulk after one confirmation, so besides the
 * probability they need names a household does not share (certain-band.ts).
 * Levels, best first — first: same, nickname, similar spelling, alike,
 * different; last: same, similar spelling, shares a part, different; email:
 * same mailbox, same user name, different; birth: same, one slip, same year,
 * different.
 */
function levels(set: { first?: number; last?: number; email?: number; birth?: number }): number[] {
  const l = new Array<number>(FIELD_COUNT).fill(0);
  l[F_FIRST] = set.first ?? 0;
  l[F_LAST] = set.last ?? 0;
  l[F_EMAIL] = set.email ?? 0;
  l[F_BIRTH] = set.birth ?? 0;
  return l;
}

describe('the certain band', () => {
  it.each([
    ['the same given name', levels({ first: 0, email: 2, birth: MISSING }), false, false, true],
    ['no given name on one side', levels({ first: MISSING, email: 2 }), false, false, true],
    ['a nickname with the same mailbox', levels({ first: 1, email: 0, birth: MISSING }), false, false, true],
    ['a nickname with the same birth date', levels({ first: 1, email: 2, birth: 0 }), false, false, true],
    ['a nickname with a birth date one slip off', levels({ first: 1, email: 2, birth: 1 }), false, false, true],
    ['a nickname with nothing personal shared', levels({ first: 1, email: 2, birth: MISSING }), false, false, false],
    ['a spelling one slip apart (Catherine / Katherine)', levels({ first: 2, email: 2, birth: MISSING }), true, false, true],
    ['a spelling two edits apart (Patrick / Patricia)', levels({ first: 2, email: 2, birth: MISSING }), false, false, false],
    ['a spelling two edits apart with the same mailbox', levels({ first: 2, email: 0, birth: MISSING }), false, false, true],
    ['given names merely alike, even with the same mailbox', levels({ first: 3, email: 0 }), false, false, false],
    ['different given names (a household)', levels({ first: 4, email: 0 }), false, false, false],
    ['birth dates in the same year only', levels({ first: 0, birth: 2 }), false, false, false],
    ['birth dates that differ', levels({ first: 0, birth: 3 }), false, false, false],
    ['names crossed over with the same surname', levels({ first: 0, last: 0 }), false, true, true],
    ['names crossed over with a surname spelt alike', levels({ first: 0, last: 1 }), false, true, true],
    ['names crossed over with a surname that only shares a part', levels({ first: 0, last: 2 }), false, true, false],
  ])('%s', (_what, l, oneSlip, swapped, allowed) => {
    expect(certainAllowed(l, oneSlip, swapped)).toBe(allowed);
  });

  it('needs the certain probability; below it the likely threshold decides', () => {
    const same = levels({});
    expect(bandOf(0.9995, DEFAULT_THRESHOLDS, same, false, false)).toBe('certain');
    expect(bandOf(0.995, DEFAULT_THRESHOLDS, same, false, false)).toBe('likely');
    expect(bandOf(0.9, DEFAULT_THRESHOLDS, same, false, false)).toBe('likely');
    expect(bandOf(0.89, DEFAULT_THRESHOLDS, same, false, false)).toBe('below');
    // However probable, a household's different given names stay for a person to look at.
    expect(bandOf(0.999999, DEFAULT_THRESHOLDS, levels({ first: 4 }), false, false)).toBe('likely');
  });
});
