import { comparePair, FIELD_COUNT } from './compare';
import type { CandidatePairs } from './customer-index';
import type { NormalCustomer } from './normalise';

/** Candidate pairs with their comparison vectors (FIELD_COUNT levels per pair) and whether names were crossed over. */
export interface ComparedPairs {
  a: Int32Array;
  b: Int32Array;
  levels: Int8Array;
  swapped: Uint8Array;
}

/**
 * The comparison vector of every candidate pair, computed once: EM learns
 * from them and the scan scores them, so no pair is compared twice.
 */
export function compareCandidates(records: ReadonlyMap<number, NormalCustomer>, pairs: CandidatePairs, onProgress?: (done: number) => void): ComparedPairs {
  const n = pairs.a.length;
  const levels = new Int8Array(n * FIELD_COUNT);
  const swapped = new Uint8Array(n);
  // Customers by id in a plain array: two Map lookups per pair add up over millions of pairs.
  const byId: NormalCustomer[] = [];
  for (const [id, r] of records) byId[id] = r;
  for (let i = 0; i < n; i++) {
    if (comparePair(byId[pairs.a[i]!]!, byId[pairs.b[i]!]!, levels, i * FIELD_COUNT)) swapped[i] = 1;
    if (onProgress && (i + 1) % 100_000 === 0) onProgress(i + 1);
  }
  return { ...pairs, levels, swapped };
}
