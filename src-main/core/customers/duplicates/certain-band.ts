import { F_BIRTH, F_EMAIL, F_FIRST, F_LAST, MISSING } from './compare';

/**
 * Which band a scored pair falls in. The probability alone decides "likely"
 * (the review queue); "certain" (bulk merging after one confirmation) also
 * needs names that a household does not share.
 */

export interface Thresholds {
  /** Probability at or above which a pair goes to the review queue. */
  likely: number;
  /** Probability at or above which a pair may be merged in bulk after a person confirms. */
  certain: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { likely: 0.9, certain: 0.999 };

export type Band = 'certain' | 'likely' | 'below';

/**
 * "Certain" is for bulk merging, so besides the probability it needs names a
 * household does not share: the same given name; a nickname or a near
 * spelling only together with the same mailbox (or, for a nickname, birth
 * date; for a spelling, one slip of the fingers — Catherine / Katherine is
 * one slip, Patrick / Patricia two); crossed-over names only when the surname
 * agrees too; and never birth dates that disagree. Everything else goes past a
 * person, however much else agrees (twins, partners, parent and child).
 */
export function certainAllowed(levels: readonly number[], oneSlip: boolean, swapped: boolean): boolean {
  const first = levels[F_FIRST]!;
  const birth = levels[F_BIRTH]!;
  const mailbox = levels[F_EMAIL] === 0;
  if (birth === 2 || birth === 3) return false;
  if (swapped && levels[F_LAST]! > 1) return false;
  if (first === MISSING || first === 0) return true;
  if (first === 1) return mailbox || birth === 0 || birth === 1;
  if (first === 2) return oneSlip || mailbox;
  return false;
}

/** The band of a pair with this probability and these comparison levels (oneSlip: given names one edit apart). */
export function bandOf(probability: number, thresholds: Thresholds, levels: readonly number[], oneSlip: boolean, swapped: boolean): Band {
  return probability >= thresholds.certain && certainAllowed(levels, oneSlip, swapped) ? 'certain' : probability >= thresholds.likely ? 'likely' : 'below';
}
