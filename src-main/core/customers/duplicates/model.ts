import { FIELDS, FIELD_COUNT, MISSING } from './compare';

/**
 * Fellegi–Sunter model: for each field and agreement level, m = P(level | same
 * person) and u = P(level | different people), plus λ = the share of compared
 * pairs that are the same person. All three are estimated from the data by
 * the data, no labels: m (and the number of matches) by expectation–
 * maximisation over the candidate pairs' comparison vectors; u from random
 * pairs of customers (almost all of them different people — candidate pairs
 * would not do, blocking makes them agree on purpose).
 */
export interface MatchModel {
  lambda: number;
  m: number[][];
  u: number[][];
  /**
   * How strongly households make shared surname, address, phone (and birth
   * date) weaker evidence when given names differ (k in household.ts),
   * estimated from the data; absent in models learnt before it existed.
   */
  household?: number;
  /** EM iterations run and pairs it saw. */
  iterations: number;
  pairs: number;
}

const FLOOR = 1e-5;

function normalise(row: number[]): number[] {
  const s = row.reduce((x, y) => x + y, 0);
  return row.map((v) => Math.max(FLOOR, v / (s || 1)));
}

/** Starting point: same-person pairs mostly agree, different people mostly do not. */
export function initialModel(): MatchModel {
  const m = FIELDS.map((f) => normalise(f.levels.map((_, i) => (i === f.levels.length - 1 ? 0.05 : 0.95 * 0.5 ** i))));
  const u = FIELDS.map((f) => normalise(f.levels.map((_, i) => (i === f.levels.length - 1 ? 0.8 : 0.2 / f.levels.length))));
  return { lambda: 0.1, m, u, iterations: 0, pairs: 0 };
}

/**
 * EM on `vectors` (FIELD_COUNT levels per pair, MISSING allowed). Stops when λ
 * moves less than 1e-7 or after `maxIterations`.
 */
export function estimateModel(vectors: Int8Array, fixedU: number[][] | null, maxIterations = 60, start: MatchModel = initialModel()): MatchModel {
  const n = vectors.length / FIELD_COUNT;
  let { lambda, m, u } = start;
  if (fixedU) u = fixedU;
  let it = 0;
  if (n === 0) return { ...start, pairs: 0 };
  // Pairs with the same comparison vector behave the same in EM: run it over the
  // distinct vectors (a few thousand at most) weighted by how often each occurs.
  const patterns = new Map<number, number>();
  for (let p = 0, base = 0; p < n; p++, base += FIELD_COUNT) {
    let key = 0;
    for (let f = 0; f < FIELD_COUNT; f++) key = key * 8 + (vectors[base + f]! + 1);
    patterns.set(key, (patterns.get(key) ?? 0) + 1);
  }
  const distinct = patterns.size;
  const levels = new Int8Array(distinct * FIELD_COUNT);
  const weight = new Float64Array(distinct);
  let d = 0;
  for (const [key, count] of patterns) {
    let k = key;
    for (let f = FIELD_COUNT - 1; f >= 0; f--) {
      levels[d * FIELD_COUNT + f] = (k % 8) - 1;
      k = Math.floor(k / 8);
    }
    weight[d++] = count;
  }
  // Flat layout: slot = offset[f] + level, so the inner loop touches typed arrays only.
  const offset = new Int32Array(FIELD_COUNT);
  let slots = 0;
  FIELDS.forEach((f, i) => {
    offset[i] = slots;
    slots += f.levels.length;
  });
  const w = new Float64Array(slots);
  const mAcc = new Float64Array(slots);
  const uAcc = new Float64Array(slots);
  const unflatten = (acc: Float64Array) => FIELDS.map((f, i) => normalise(Array.from(acc.subarray(offset[i]!, offset[i]! + f.levels.length))));
  for (; it < maxIterations; it++) {
    FIELDS.forEach((f, i) => {
      for (let l = 0; l < f.levels.length; l++) w[offset[i]! + l] = Math.log(m[i]![l]!) - Math.log(u[i]![l]!);
    });
    mAcc.fill(0);
    uAcc.fill(0);
    let pSum = 0;
    const prior = Math.log(lambda) - Math.log(1 - lambda);
    for (let p = 0, base = 0; p < distinct; p++, base += FIELD_COUNT) {
      let x = prior;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const l = levels[base + f]!;
        if (l !== MISSING) x += w[offset[f]! + l]!;
      }
      const c = weight[p]!;
      const g = x > 30 ? 1 : x < -30 ? 0 : 1 / (1 + Math.exp(-x));
      pSum += g * c;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const l = levels[base + f]!;
        if (l === MISSING) continue;
        mAcc[offset[f]! + l]! += g * c;
        uAcc[offset[f]! + l]! += (1 - g) * c;
      }
    }
    const next = Math.min(0.999, Math.max(1e-6, pSum / n));
    m = unflatten(mAcc);
    if (!fixedU) u = unflatten(uAcc);
    const delta = Math.abs(next - lambda);
    lambda = next;
    if (delta < 1e-7) {
      it++;
      break;
    }
  }
  return { lambda, m, u, iterations: it, pairs: n };
}

/** log2(m/u) per field and level. */
export const weightsOf = (model: MatchModel): number[][] => model.m.map((row, f) => row.map((mv, l) => Math.log2(mv / model.u[f]![l]!)));

export const priorWeight = (model: MatchModel): number => Math.log2(model.lambda / (1 - model.lambda));

/**
 * u per field and level from random pairs (deterministic sample). Exact
 * agreement on high-cardinality values is too rare to sample well, so for
 * those levels `exact[f]` (Σ p(v)² over the values) is used instead.
 */
export function estimateU(sample: Int8Array, exact: (number | null)[]): number[][] {
  const n = sample.length / FIELD_COUNT;
  const counts = FIELDS.map((f) => new Array<number>(f.levels.length).fill(0.5));
  for (let p = 0; p < n; p++) {
    for (let f = 0; f < FIELD_COUNT; f++) {
      const l = sample[p * FIELD_COUNT + f]!;
      if (l !== MISSING) counts[f]![l]! += 1;
    }
  }
  return counts.map((row, f) => {
    const total = row.reduce((x, y) => x + y, 0);
    const probs = row.map((c) => c / total);
    const e = exact[f];
    if (e !== null && e !== undefined && e > 0) {
      const rest = probs.slice(1).reduce((x, y) => x + y, 0);
      return [Math.max(FLOOR / 10, e), ...probs.slice(1).map((v) => (v / rest) * (1 - e))];
    }
    return probs.map((v) => Math.max(FLOOR / 10, v));
  });
}
