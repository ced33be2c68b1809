import { type Band, bandOf, type Thresholds } from './certain-band';
import { comparePair, FIELD_COUNT, F_FIRST, F_LAST, MISSING } from './compare';
import type { ComparedPairs } from './compare-candidates';
import { capHousehold, givenNamesDiffer } from './household';
import { priorWeight, weightsOf, type MatchModel } from './model';
import type { NormalCustomer } from './normalise';
import { editDistance } from './similarity';
import type { TermFrequencies } from './term-frequency';

export interface ScoredPair {
  a: number;
  b: number;
  /** Match weight in bits (log2 odds). */
  weight: number;
  /** Posterior probability that a and b are the same person. */
  probability: number;
  levels: number[];
  swapped: boolean;
  /** 'certain' only at or above the certain threshold and with given names that agree (same, nickname or a slip). */
  band: Band;
}

interface Weighed {
  weight: number;
  swapped: boolean;
  householdCapped: boolean;
}

/**
 * Scores one pair of customers under a match model: Fellegi–Sunter weights
 * per field and agreement level, term-frequency adjustment for exact name
 * agreement, the household cap for different given names, then the band.
 * Knows nothing of where customers are kept or which pairs to score.
 */
export class PairScorer {
  private model: MatchModel | null = null;
  private weights: number[][] = [];
  private prior = 0;
  // Scratch space for scoring: the scan scores millions of pairs without allocating.
  private readonly lv = new Int8Array(FIELD_COUNT);
  private readonly pw = new Float64Array(FIELD_COUNT);

  constructor(
    private readonly thresholds: Thresholds,
    /** The index's name frequencies, kept current as customers come and go. */
    private readonly firstTf: TermFrequencies,
    private readonly lastTf: TermFrequencies,
  ) {}

  get currentModel(): MatchModel | null {
    return this.model;
  }

  useModel(model: MatchModel): void {
    this.model = model;
    this.weights = weightsOf(model);
    this.prior = priorWeight(model);
  }

  requireModel(): MatchModel {
    if (!this.model) throw new Error('The duplicate engine has no model yet: run a full scan first.');
    return this.model;
  }

  /** pw: bits per field from the levels already in lv, with term-frequency adjustment, before any household cap. */
  private fieldBits(a: NormalCustomer): void {
    const levels = this.lv;
    const parts = this.pw;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const l = levels[f]!;
      parts[f] = l === MISSING ? 0 : this.weights[f]![l]!;
    }
    if (levels[F_FIRST] === 0) parts[F_FIRST]! += this.firstTf.adjustment(a.first);
    if (levels[F_LAST] === 0) parts[F_LAST]! += this.lastTf.adjustment(a.last);
  }

  /** pw (bits per field) from the levels already in lv; returns the total weight. */
  private weigh(a: NormalCustomer, b: NormalCustomer, swapped: boolean): Weighed {
    const levels = this.lv;
    const parts = this.pw;
    this.fieldBits(a);
    // Different given names: a shared surname, address and phone (and birth
    // date) are what a household has in common; they count for less, by as
    // much as the data's households say (household.ts).
    const householdCapped = givenNamesDiffer(levels, a.first, swapped ? b.last : b.first) && capHousehold(levels, parts, this.model?.household);
    let weight = this.prior;
    for (let f = 0; f < FIELD_COUNT; f++) weight += parts[f]!;
    return { weight, swapped, householdCapped };
  }

  /** Fills lv (levels) and pw (bits per field) for a pair; returns the total weight. */
  private evaluate(a: NormalCustomer, b: NormalCustomer): Weighed {
    return this.weigh(a, b, comparePair(a, b, this.lv));
  }

  private pairOf(aId: number, bId: number, a: NormalCustomer, b: NormalCustomer, weight: number, swapped: boolean): ScoredPair {
    const levels = Array.from(this.lv);
    const probability = 1 / (1 + 2 ** -weight);
    const oneSlip = levels[F_FIRST] === 2 && editDistance(a.first, swapped ? b.last : b.first, 1) === 1;
    const band = bandOf(probability, this.thresholds, levels, oneSlip, swapped);
    return { a: Math.min(aId, bId), b: Math.max(aId, bId), weight, probability, levels, swapped, band };
  }

  /** Score of one pair, with the bits each field contributed. */
  scoreWithParts(aId: number, bId: number, a: NormalCustomer, b: NormalCustomer): { pair: ScoredPair; parts: number[]; householdCapped: boolean } {
    const { weight, swapped, householdCapped } = this.evaluate(a, b);
    return { pair: this.pairOf(aId, bId, a, b, weight, swapped), parts: Array.from(this.pw), householdCapped };
  }

  /** The pair when it reaches `likely`, else null — the scan's fast path (no allocation for the many that do not). */
  scoreIfLikely(aId: number, bId: number, a: NormalCustomer, b: NormalCustomer): ScoredPair | null {
    const { weight, swapped } = this.evaluate(a, b);
    if (1 / (1 + 2 ** -weight) < this.thresholds.likely) return null;
    return this.pairOf(aId, bId, a, b, weight, swapped);
  }

  /** Like scoreIfLikely, for pair i of compared candidates (its levels are not computed again). */
  scoreComparedIfLikely(c: ComparedPairs, i: number, a: NormalCustomer, b: NormalCustomer): ScoredPair | null {
    const lv = this.lv;
    for (let f = 0, base = i * FIELD_COUNT; f < FIELD_COUNT; f++) lv[f] = c.levels[base + f]!;
    const { weight, swapped } = this.weigh(a, b, c.swapped[i] === 1);
    if (1 / (1 + 2 ** -weight) < this.thresholds.likely) return null;
    return this.pairOf(c.a[i]!, c.b[i]!, a, b, weight, swapped);
  }
}
