/** Removing more than this many units at once asks first: a typo (50 for 5) is the usual cause. */
export const CONFIRM_ABOVE = 10;

/**
 * Why an adjustment needs a second Enter, or [] when it can go straight
 * through: a large removal, or one that takes stock open orders count on
 * (available below zero sends them to Exceptions). Additions never ask.
 */
export function confirmReasons(delta: number, available: number): string[] {
  if (delta >= 0) return [];
  const why: string[] = [];
  if (-delta > CONFIRM_ABOVE) why.push(`this removes ${-delta} units`);
  const after = available + delta;
  if (after < 0) why.push(`available would be ${after}: orders already counting on this stock go to Exceptions`);
  return why;
}
