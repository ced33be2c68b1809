import { DEFAULT_THRESHOLDS, type Thresholds } from './certain-band';
import { clusterPairs } from './cluster';
import { compareCandidates, type ComparedPairs } from './compare-candidates';
import { CustomerIndex, type CandidatePairs } from './customer-index';
import { explainPair, type FieldEvidence } from './explain-pair';
import type { MatchModel } from './model';
import type { CustomerFields, NormalCustomer } from './normalise';
import { PairScorer, type ScoredPair } from './pair-scorer';
import { trainModel } from './train-model';

/**
 * The duplicate engine: holds every customer normalised and indexed by its
 * blocking keys (customer-index.ts), learns the match model from the data
 * (train-model.ts), scores candidate pairs with Fellegi–Sunter weights plus
 * term-frequency adjustment (pair-scorer.ts), and explains every score field
 * by field (explain-pair.ts). This file drives them: the full scan over the
 * whole set and the incremental check of one new or changed customer against
 * the same index.
 */

// The types callers know from here, wherever they now live.
export { DEFAULT_THRESHOLDS, type Thresholds } from './certain-band';
export type { ComparedPairs } from './compare-candidates';
export type { FieldEvidence } from './explain-pair';
export type { ScoredPair } from './pair-scorer';

export interface ScanProgress {
  phase: 'index' | 'pairs' | 'compare' | 'model' | 'score';
  done: number;
  total: number;
}

export interface ScanResult {
  pairs: ScoredPair[];
  clusters: number[][];
  candidates: number;
  model: MatchModel;
}

export class DuplicateEngine {
  private readonly index: CustomerIndex;
  private readonly scorer: PairScorer;

  constructor(
    readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
    /** Blocks larger than this are compared by sorted neighbourhood (window below), not all-pairs. */
    maxBlock = 24,
    window = 6,
  ) {
    this.index = new CustomerIndex(maxBlock, window);
    this.scorer = new PairScorer(thresholds, this.index.firstTf, this.index.lastTf);
  }

  get size(): number {
    return this.index.size;
  }

  get currentModel(): MatchModel | null {
    return this.scorer.currentModel;
  }

  normalised(id: number): NormalCustomer | undefined {
    return this.index.get(id);
  }

  /** Adds or replaces a customer in the index. */
  upsert(c: CustomerFields): NormalCustomer {
    return this.index.upsert(c);
  }

  remove(id: number): void {
    this.index.remove(id);
  }

  /** Adds many customers (see CustomerIndex.load: the check's block map is built on first use). */
  load(customers: Iterable<CustomerFields>): void {
    this.index.load(customers);
  }

  /** After customers were added one by one in bulk (upsert): brings the name frequencies up to date. */
  refreshFrequencies(): void {
    this.index.refreshFrequencies();
  }

  /** Uses a model learnt earlier (e.g. stored with the workspace) instead of learning one. */
  useModel(model: MatchModel): void {
    this.scorer.useModel(model);
  }

  /** Every candidate pair once, as two parallel id arrays (smaller id first, sorted). */
  candidatePairs(): CandidatePairs {
    return this.index.candidatePairs();
  }

  /** The comparison vector of every candidate pair (compare-candidates.ts). */
  compareCandidates(pairs: CandidatePairs, onProgress?: (done: number) => void): ComparedPairs {
    return compareCandidates(this.index.records, pairs, onProgress);
  }

  /** Learns m, u and λ from the candidate pairs (EM over all their comparison vectors, or a sample when they are not compared yet), and uses it. */
  train(pairs: CandidatePairs | ComparedPairs = this.candidatePairs()): MatchModel {
    this.useModel(trainModel(this.index.records, pairs));
    return this.scorer.currentModel!;
  }

  /** Score of one pair, with the bits each field contributed. */
  scoreWithParts(aId: number, bId: number): { pair: ScoredPair; parts: number[]; householdCapped: boolean } {
    this.scorer.requireModel();
    const a = this.index.get(aId);
    const b = this.index.get(bId);
    if (!a || !b) throw new Error(`Unknown customer ${a ? bId : aId}`);
    return this.scorer.scoreWithParts(aId, bId, a, b);
  }

  /** The pair when it reaches `likely`, else null (no allocation for the many that do not). */
  scoreIfLikely(aId: number, bId: number): ScoredPair | null {
    return this.scorer.scoreIfLikely(aId, bId, this.index.get(aId)!, this.index.get(bId)!);
  }

  /** Like scoreIfLikely, for pair i of compareCandidates' result (its levels are not computed again). */
  scoreComparedIfLikely(c: ComparedPairs, i: number): ScoredPair | null {
    return this.scorer.scoreComparedIfLikely(c, i, this.index.get(c.a[i]!)!, this.index.get(c.b[i]!)!);
  }

  score(aId: number, bId: number): ScoredPair {
    return this.scoreWithParts(aId, bId).pair;
  }

  /** Field-by-field evidence a person can read, strongest first. */
  explain(aId: number, bId: number): FieldEvidence[] {
    const { pair, parts, householdCapped } = this.scoreWithParts(aId, bId);
    return explainPair(pair, parts, householdCapped, this.index.get(pair.a)!, this.index.get(pair.b)!);
  }

  /** Incremental check: puts one new or changed customer in the index and returns its pairs at or above `likely`. */
  check(c: CustomerFields): ScoredPair[] {
    this.scorer.requireModel();
    this.upsert(c);
    const out: ScoredPair[] = [];
    for (const other of this.index.candidatesOf(c.id)) {
      const p = this.score(c.id, other);
      if (p.probability >= this.thresholds.likely) out.push(p);
    }
    return out.sort((x, y) => y.weight - x.weight);
  }

  /** Full scan: candidate pairs, model learnt from them, every pair at or above `likely`, clusters. */
  scan(onProgress?: (p: ScanProgress) => void, opts: { learn?: boolean } = {}): ScanResult {
    this.index.refreshFrequencies();
    onProgress?.({ phase: 'pairs', done: 0, total: this.index.size });
    const cands = this.candidatePairs();
    const n = cands.a.length;
    onProgress?.({ phase: 'compare', done: 0, total: n });
    const compared = this.compareCandidates(cands, onProgress && ((done) => onProgress({ phase: 'compare', done, total: n })));
    onProgress?.({ phase: 'model', done: 0, total: n });
    if (opts.learn !== false || !this.scorer.currentModel) this.train(compared);
    const model = this.scorer.requireModel();
    const pairs: ScoredPair[] = [];
    const chunk = 100_000;
    for (let i = 0; i < n; i++) {
      const p = this.scoreComparedIfLikely(compared, i);
      if (p) pairs.push(p);
      if (onProgress && (i + 1) % chunk === 0) onProgress({ phase: 'score', done: i + 1, total: n });
    }
    onProgress?.({ phase: 'score', done: n, total: n });
    pairs.sort((x, y) => x.a - y.a || x.b - y.b);
    return { pairs, clusters: clusterPairs(pairs), candidates: n, model };
  }
}
