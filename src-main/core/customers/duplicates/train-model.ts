import { FIELD_COUNT, FIELDS, F_FIRST } from './compare';
import { compareCandidates, type ComparedPairs } from './compare-candidates';
import type { CandidatePairs } from './customer-index';
import { countHousehold, emptyHouseholdCounts, givenNamesDiffer, householdK, strongShared } from './household';
import { estimateModel, type MatchModel } from './model';
import type { NormalCustomer } from './normalise';
import { estimateUFromRecords } from './u-estimate';

/**
 * Learning the match model from the data, no labels: m and the share of
 * matches by EM over the candidate pairs, u over all pairs of customers
 * (u-estimate.ts), then how much households weaken shared fields
 * (household.ts). Pure: the engine decides when to learn and keeps the result.
 */

/** Candidate pairs not compared yet are compared for EM in a sample of at most this many. */
const EM_SAMPLE = 400_000;

/** Every step-th pair, so a sample of at most EM_SAMPLE spread over the whole (sorted) list. */
function sampleOf(records: ReadonlyMap<number, NormalCustomer>, pairs: CandidatePairs): ComparedPairs {
  const n = pairs.a.length;
  const step = Math.max(1, Math.ceil(n / EM_SAMPLE));
  const count = Math.ceil(n / step);
  const a = new Int32Array(count);
  const b = new Int32Array(count);
  for (let i = 0, k = 0; i < n; i += step, k++) {
    a[k] = pairs.a[i]!;
    b[k] = pairs.b[i]!;
  }
  return compareCandidates(records, { a, b });
}

/** Learns m, u, λ and the household k from the candidate pairs (all their comparison vectors, or a sample when they are not compared yet). */
export function trainModel(records: ReadonlyMap<number, NormalCustomer>, pairs: CandidatePairs | ComparedPairs): MatchModel {
  const n = pairs.a.length;
  const sample = 'levels' in pairs ? pairs : sampleOf(records, pairs);
  // m and the share of matches come from EM over the candidate pairs; u and
  // the prior are then taken over all pairs of customers, because candidate
  // pairs agree more often than chance (that is what blocking picks them for).
  const blocked = estimateModel(sample.levels, null);
  const size = records.size;
  const allPairs = (size * (size - 1)) / 2 || 1;
  const matches = blocked.lambda * n;
  const model: MatchModel = { ...blocked, u: estimateUFromRecords([...records.values()]), lambda: Math.min(0.5, Math.max(1 / allPairs, matches / allPairs)) };
  // Then how much the data's households weaken shared fields (household.ts), counted over the same pairs.
  const counts = emptyHouseholdCounts(FIELDS[F_FIRST].levels.length);
  const levels = sample.levels;
  const lv = new Int8Array(FIELD_COUNT);
  for (let i = 0, m = sample.a.length; i < m; i++) {
    for (let f = 0, base = i * FIELD_COUNT; f < FIELD_COUNT; f++) lv[f] = levels[base + f]!;
    if (strongShared(lv) < 2) continue;
    const first = lv[F_FIRST]!;
    // Only given names two or more edits apart need the names themselves.
    let differ = first === 4;
    if (first === 2 || first === 3) {
      const a = records.get(sample.a[i]!)!;
      const b = records.get(sample.b[i]!)!;
      differ = givenNamesDiffer(lv, a.first, sample.swapped[i] === 1 ? b.last : b.first);
    }
    countHousehold(counts, lv, differ);
  }
  // A sample of the pairs (EM_SAMPLE) does as well: k depends on the ratio of the counts.
  return { ...model, household: householdK(counts, model.m[F_FIRST]!, model.lambda) };
}
