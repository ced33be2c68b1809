import { blocksBySortedHash, pairsFromBlocks } from './blocking';
import { clusterPairs } from './cluster';
import { comparePair, FIELD_COUNT, FIELDS, F_BIRTH, F_EMAIL, F_FIRST, F_LAST, MISSING, type FieldKey } from './compare';
import { capHousehold, countHousehold, emptyHouseholdCounts, givenNamesDiffer, householdK, strongShared } from './household';
import { estimateModel, priorWeight, weightsOf, type MatchModel } from './model';
import { blockingKeys, normaliseCustomer, type CustomerFields, type NormalCustomer } from './normalise';
import { editDistance } from './similarity';
import { TermFrequencies } from './term-frequency';
import { estimateUFromRecords } from './u-estimate';

/**
 * The duplicate engine: holds every customer normalised and indexed by its
 * blocking keys, learns the match model from the data (EM), scores candidate
 * pairs with Fellegi–Sunter weights plus term-frequency adjustment, and
 * explains every score field by field. Works on the whole set (scan) and on one
 * new or changed customer (check) against the same index.
 */

export interface Thresholds {
  /** Probability at or above which a pair goes to the review queue. */
  likely: number;
  /** Probability at or above which a pair may be merged in bulk after a person confirms. */
  certain: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { likely: 0.9, certain: 0.999 };

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
  band: 'certain' | 'likely' | 'below';
}

export interface FieldEvidence {
  field: FieldKey | 'names_swapped' | 'household';
  label: string;
  /** The agreement level in words ("nickname", "same mailbox", "missing"). */
  level: string;
  /** Bits this field added (negative: against a match). */
  weight: number;
  a: string;
  b: string;
}

export interface ScanProgress {
  phase: 'index' | 'pairs' | 'compare' | 'model' | 'score';
  done: number;
  total: number;
}

/** Candidate pairs with their comparison vectors (FIELD_COUNT levels per pair) and whether names were crossed over. */
export interface ComparedPairs {
  a: Int32Array;
  b: Int32Array;
  levels: Int8Array;
  swapped: Uint8Array;
}

export interface ScanResult {
  pairs: ScoredPair[];
  clusters: number[][];
  candidates: number;
  model: MatchModel;
}

/**
 * "Certain" is for bulk merging, so besides the probability it needs names a
 * household does not share: the same given name; a nickname or a near
 * spelling only together with the same mailbox (or, for a nickname, birth
 * date; for a spelling, one slip of the fingers — Catherine / Katherine is
 * one slip, Patrick / Patricia two); crossed-over names only when the surname
 * agrees too; and never birth dates that disagree. Everything else goes past a
 * person, however much else agrees (twins, partners, parent and child).
 */
function certainAllowed(levels: readonly number[], oneSlip: boolean, swapped: boolean): boolean {
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

const EM_SAMPLE = 400_000;


export class DuplicateEngine {
  private readonly records = new Map<number, NormalCustomer>();
  private readonly keysOf = new Map<number, string[]>();
  /** Block key → ids, for the incremental check; built on first use after a bulk load (a scan does not need it). */
  private readonly blocks = new Map<string, number[]>();
  private blocksBuilt = true;
  private readonly firstTf = new TermFrequencies();
  private readonly lastTf = new TermFrequencies();
  private model: MatchModel | null = null;
  private weights: number[][] = [];
  private prior = 0;

  constructor(
    readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
    /** Blocks larger than this are compared by sorted neighbourhood (window below), not all-pairs. */
    private readonly maxBlock = 24,
    private readonly window = 6,
  ) {}

  get size(): number {
    return this.records.size;
  }

  get currentModel(): MatchModel | null {
    return this.model;
  }

  normalised(id: number): NormalCustomer | undefined {
    return this.records.get(id);
  }

  /** Adds or replaces a customer in the index. */
  upsert(c: CustomerFields): NormalCustomer {
    this.remove(c.id);
    const n = normaliseCustomer(c);
    const keys = blockingKeys(n);
    this.records.set(n.id, n);
    this.keysOf.set(n.id, keys);
    if (this.blocksBuilt) this.index(n.id, keys);
    this.firstTf.add(n.first);
    this.lastTf.add(n.last);
    return n;
  }

  remove(id: number): void {
    const n = this.records.get(id);
    if (!n) return;
    for (const k of this.blocksBuilt ? (this.keysOf.get(id) ?? []) : []) {
      const list = this.blocks.get(k);
      if (!list) continue;
      const i = list.indexOf(id);
      if (i >= 0) list.splice(i, 1);
      if (!list.length) this.blocks.delete(k);
    }
    this.firstTf.remove(n.first);
    this.lastTf.remove(n.last);
    this.records.delete(id);
    this.keysOf.delete(id);
  }

  private index(id: number, keys: readonly string[]): void {
    for (const k of keys) {
      const list = this.blocks.get(k);
      if (list) list.push(id);
      else this.blocks.set(k, [id]);
    }
  }

  private ensureBlocks(): Map<string, number[]> {
    if (!this.blocksBuilt) {
      for (const [id, keys] of this.keysOf) this.index(id, keys);
      this.blocksBuilt = true;
    }
    return this.blocks;
  }

  /**
   * Adds many customers. The block map the incremental check reads is left to
   * be built on first use: a full scan groups block keys by sorting hashes
   * instead, which is several times cheaper than a map of millions of strings.
   */
  load(customers: Iterable<CustomerFields>): void {
    if (this.blocksBuilt && this.blocks.size === 0) this.blocksBuilt = false;
    for (const c of customers) this.upsert(c);
    this.firstTf.refresh();
    this.lastTf.refresh();
  }

  /** After customers were added one by one in bulk (upsert): brings the name frequencies up to date. */
  refreshFrequencies(): void {
    this.firstTf.refresh();
    this.lastTf.refresh();
  }

  /** Uses a model learnt earlier (e.g. stored with the workspace) instead of learning one. */
  useModel(model: MatchModel): void {
    this.model = model;
    this.weights = weightsOf(model);
    this.prior = priorWeight(model);
  }

  /** Every candidate pair once, as two parallel id arrays (smaller id first, sorted). */
  candidatePairs(): { a: Int32Array; b: Int32Array } {
    const records = this.records;
    const blocks = this.blocksBuilt ? this.blocks.values() : blocksBySortedHash(this.keysOf);
    // Inside a large block: neighbours by surname, formal given name and street.
    return pairsFromBlocks(blocks, this.maxBlock, this.window, (id) => {
      const r = records.get(id)!;
      return `${r.last}|${r.firstFormal[0] ?? r.first}|${r.streetName}|${r.postcode}`;
    });
  }

  /**
   * The comparison vector of every candidate pair, computed once: EM learns
   * from them and the scan scores them, so no pair is compared twice.
   */
  compareCandidates(pairs: { a: Int32Array; b: Int32Array }, onProgress?: (done: number) => void): ComparedPairs {
    const n = pairs.a.length;
    const levels = new Int8Array(n * FIELD_COUNT);
    const swapped = new Uint8Array(n);
    // Customers by id in a plain array: two Map lookups per pair add up over millions of pairs.
    const byId: NormalCustomer[] = [];
    for (const [id, r] of this.records) byId[id] = r;
    for (let i = 0; i < n; i++) {
      if (comparePair(byId[pairs.a[i]!]!, byId[pairs.b[i]!]!, levels, i * FIELD_COUNT)) swapped[i] = 1;
      if (onProgress && (i + 1) % 100_000 === 0) onProgress(i + 1);
    }
    return { ...pairs, levels, swapped };
  }

  /** Learns m, u and λ from the candidate pairs (EM over all their comparison vectors, or a sample when they are not compared yet). */
  train(pairs: { a: Int32Array; b: Int32Array } | ComparedPairs = this.candidatePairs()): MatchModel {
    const n = pairs.a.length;
    let sample: ComparedPairs;
    if ('levels' in pairs) sample = pairs;
    else {
      const step = Math.max(1, Math.ceil(n / EM_SAMPLE));
      const count = Math.ceil(n / step);
      const a = new Int32Array(count);
      const b = new Int32Array(count);
      for (let i = 0, k = 0; i < n; i += step, k++) {
        a[k] = pairs.a[i]!;
        b[k] = pairs.b[i]!;
      }
      sample = this.compareCandidates({ a, b });
    }
    // m and the share of matches come from EM over the candidate pairs; u and
    // the prior are then taken over all pairs of customers, because candidate
    // pairs agree more often than chance (that is what blocking picks them for).
    const blocked = estimateModel(sample.levels, null);
    const size = this.records.size;
    const allPairs = (size * (size - 1)) / 2 || 1;
    const matches = blocked.lambda * n;
    const model: MatchModel = { ...blocked, u: estimateUFromRecords([...this.records.values()]), lambda: Math.min(0.5, Math.max(1 / allPairs, matches / allPairs)) };
    this.useModel(model);
    // Then how much the data's households weaken shared fields (household.ts), counted over the same pairs.
    const counts = emptyHouseholdCounts(FIELDS[F_FIRST].levels.length);
    const levels = sample.levels;
    const lv = this.lv;
    for (let i = 0, m = sample.a.length; i < m; i++) {
      for (let f = 0, base = i * FIELD_COUNT; f < FIELD_COUNT; f++) lv[f] = levels[base + f]!;
      if (strongShared(lv) < 2) continue;
      const first = lv[F_FIRST]!;
      // Only given names two or more edits apart need the names themselves.
      let differ = first === 4;
      if (first === 2 || first === 3) {
        const a = this.records.get(sample.a[i]!)!;
        const b = this.records.get(sample.b[i]!)!;
        differ = givenNamesDiffer(lv, a.first, sample.swapped[i] === 1 ? b.last : b.first);
      }
      countHousehold(counts, lv, differ);
    }
    // A sample of the pairs (EM_SAMPLE) does as well: k depends on the ratio of the counts.
    this.useModel({ ...model, household: householdK(counts, model.m[F_FIRST]!, model.lambda) });
    return this.model!;
  }

  private requireModel(): void {
    if (!this.model) throw new Error('The duplicate engine has no model yet: run a full scan first.');
  }

  // Scratch space for scoring: the scan scores millions of pairs without allocating.
  private readonly lv = new Int8Array(FIELD_COUNT);
  private readonly pw = new Float64Array(FIELD_COUNT);

  /** Fills lv (levels) and pw (bits per field) for a pair; returns the total weight. */
  private evaluate(a: NormalCustomer, b: NormalCustomer): { weight: number; swapped: boolean; householdCapped: boolean } {
    return this.weigh(a, b, comparePair(a, b, this.lv));
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
  private weigh(a: NormalCustomer, b: NormalCustomer, swapped: boolean): { weight: number; swapped: boolean; householdCapped: boolean } {
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

  private pairOf(aId: number, bId: number, a: NormalCustomer, b: NormalCustomer, weight: number, swapped: boolean): ScoredPair {
    const levels = Array.from(this.lv);
    const probability = 1 / (1 + 2 ** -weight);
    const oneSlip = levels[F_FIRST] === 2 && editDistance(a.first, swapped ? b.last : b.first, 1) === 1;
    const band = probability >= this.thresholds.certain && certainAllowed(levels, oneSlip, swapped) ? 'certain' : probability >= this.thresholds.likely ? 'likely' : 'below';
    return { a: Math.min(aId, bId), b: Math.max(aId, bId), weight, probability, levels, swapped, band };
  }

  /** Score of one pair, with the bits each field contributed. */
  scoreWithParts(aId: number, bId: number): { pair: ScoredPair; parts: number[]; householdCapped: boolean } {
    this.requireModel();
    const a = this.records.get(aId);
    const b = this.records.get(bId);
    if (!a || !b) throw new Error(`Unknown customer ${a ? bId : aId}`);
    const { weight, swapped, householdCapped } = this.evaluate(a, b);
    return { pair: this.pairOf(aId, bId, a, b, weight, swapped), parts: Array.from(this.pw), householdCapped };
  }

  /** The pair when it reaches `likely`, else null — the scan's fast path (no allocation for the many that do not). */
  scoreIfLikely(aId: number, bId: number): ScoredPair | null {
    const a = this.records.get(aId)!;
    const b = this.records.get(bId)!;
    const { weight, swapped } = this.evaluate(a, b);
    if (1 / (1 + 2 ** -weight) < this.thresholds.likely) return null;
    return this.pairOf(aId, bId, a, b, weight, swapped);
  }

  /** Like scoreIfLikely, for pair i of compareCandidates' result (its levels are not computed again). */
  scoreComparedIfLikely(c: ComparedPairs, i: number): ScoredPair | null {
    const aId = c.a[i]!;
    const bId = c.b[i]!;
    const a = this.records.get(aId)!;
    const b = this.records.get(bId)!;
    const lv = this.lv;
    for (let f = 0, base = i * FIELD_COUNT; f < FIELD_COUNT; f++) lv[f] = c.levels[base + f]!;
    const { weight, swapped } = this.weigh(a, b, c.swapped[i] === 1);
    if (1 / (1 + 2 ** -weight) < this.thresholds.likely) return null;
    return this.pairOf(aId, bId, a, b, weight, swapped);
  }

  score(aId: number, bId: number): ScoredPair {
    return this.scoreWithParts(aId, bId).pair;
  }

  /** Field-by-field evidence a person can read, strongest first. */
  explain(aId: number, bId: number): FieldEvidence[] {
    const { pair, parts, householdCapped } = this.scoreWithParts(aId, bId);
    const a = this.records.get(pair.a)!;
    const b = this.records.get(pair.b)!;
    const shown: Record<FieldKey, (r: NormalCustomer) => string> = {
      first: (r) => r.first,
      last: (r) => r.last,
      email: (r) => r.mailbox,
      phone: (r) => r.phone,
      birth: (r) => r.birth,
      address: (r) => [r.streetFull, r.postcode, r.city].filter(Boolean).join(', '),
      unit: (r) => r.unit,
    };
    const out: FieldEvidence[] = FIELDS.map((f, i) => {
      const l = pair.levels[i]!;
      const swapName = pair.swapped && (f.key === 'first' || f.key === 'last');
      const bValue = swapName ? shown[f.key === 'first' ? 'last' : 'first'](b) : shown[f.key](b);
      return { field: f.key, label: f.label, level: l === MISSING ? 'missing' : (f.levels[l] as string), weight: Math.round(parts[i]! * 10) / 10, a: shown[f.key](a), b: bValue };
    });
    out.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight));
    if (pair.swapped) out.push({ field: 'names_swapped', label: 'Names', level: 'first and last name swapped', weight: 0, a: `${a.first} ${a.last}`, b: `${b.first} ${b.last}` });
    if (householdCapped)
      out.push({ field: 'household', label: 'Household', level: 'different first names: shared surname, address, phone and birth date count for less, as much less as this data\'s households say', weight: 0, a: a.first, b: b.first });
    return out;
  }

  /** Candidates of one customer in the index (itself excluded), from the same blocks a scan uses. */
  private candidatesOf(id: number): Set<number> {
    const out = new Set<number>();
    const blocks = this.ensureBlocks();
    for (const k of this.keysOf.get(id) ?? []) {
      const ids = blocks.get(k);
      if (!ids || ids.length > this.maxBlock * 4) continue; // oversized: the other keys still reach the true matches
      for (const other of ids) if (other !== id) out.add(other);
    }
    return out;
  }

  /** Incremental check: puts one new or changed customer in the index and returns its pairs at or above `likely`. */
  check(c: CustomerFields): ScoredPair[] {
    this.requireModel();
    this.upsert(c);
    const out: ScoredPair[] = [];
    for (const other of this.candidatesOf(c.id)) {
      const p = this.score(c.id, other);
      if (p.probability >= this.thresholds.likely) out.push(p);
    }
    return out.sort((x, y) => y.weight - x.weight);
  }

  /** Full scan: candidate pairs, model learnt from them, every pair at or above `likely`, clusters. */
  scan(onProgress?: (p: ScanProgress) => void, opts: { learn?: boolean } = {}): ScanResult {
    this.firstTf.refresh();
    this.lastTf.refresh();
    onProgress?.({ phase: 'pairs', done: 0, total: this.records.size });
    const cands = this.candidatePairs();
    const n = cands.a.length;
    onProgress?.({ phase: 'compare', done: 0, total: n });
    const compared = this.compareCandidates(cands, onProgress && ((done) => onProgress({ phase: 'compare', done, total: n })));
    onProgress?.({ phase: 'model', done: 0, total: n });
    if (opts.learn !== false || !this.model) this.train(compared);
    const pairs: ScoredPair[] = [];
    const chunk = 100_000;
    this.requireModel();
    for (let i = 0; i < n; i++) {
      const p = this.scoreComparedIfLikely(compared, i);
      if (p) pairs.push(p);
      if (onProgress && (i + 1) % chunk === 0) onProgress({ phase: 'score', done: i + 1, total: n });
    }
    onProgress?.({ phase: 'score', done: n, total: n });
    pairs.sort((x, y) => x.a - y.a || x.b - y.b);
    return { pairs, clusters: clusterPairs(pairs), candidates: n, model: this.model! };
  }
}
