/**
 * Splits a whole amount of minor units over weights by the largest-remainder
 * method: every share is floor(total × weight / Σweights), and the units left
 * over go one each to the largest fractional remainders (ties: earlier first).
 * The shares always add up to exactly `total`, so no split ever pays out more
 * (or less) than the amount being split.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`allocate needs a whole non-negative total, got ${total}`);
  if (weights.length === 0) {
    if (total !== 0) throw new Error('cannot split a non-zero amount over nothing');
    return [];
  }
  for (const w of weights) if (!Number.isInteger(w) || w < 0) throw new Error(`weights must be whole and non-negative, got ${w}`);
  let sum = weights.reduce((s, w) => s + w, 0);
  // All weights zero: split evenly.
  const ws = sum === 0 ? weights.map(() => 1) : weights;
  if (sum === 0) sum = ws.length;
  // BigInt keeps total × weight exact for any realistic amount.
  const T = BigInt(total);
  const S = BigInt(sum);
  const shares: number[] = [];
  const remainders: { index: number; rem: bigint }[] = [];
  let given = 0;
  ws.forEach((w, index) => {
    const p = T * BigInt(w);
    const share = Number(p / S);
    shares.push(share);
    given += share;
    remainders.push({ index, rem: p % S });
  });
  remainders.sort((a, b) => (a.rem === b.rem ? a.index - b.index : a.rem > b.rem ? -1 : 1));
  for (let k = 0; given < total; k++) {
    const r = remainders[k % remainders.length] as { index: number };
    shares[r.index] = (shares[r.index] as number) + 1;
    given++;
  }
  return shares;
}

/** The share of `total` that belongs to units [from, from + count) when it is spread evenly over `units` units. */
export function unitsShare(total: number, units: number, from: number, count: number): number {
  if (units <= 0 || count <= 0) return 0;
  const shares = allocate(total, new Array<number>(units).fill(1));
  let s = 0;
  for (let k = from; k < Math.min(units, from + count); k++) s += shares[k] as number;
  return s;
}
