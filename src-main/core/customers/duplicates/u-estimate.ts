import { comparePair, FIELD_COUNT } from './compare';
import { estimateU } from './model';
import type { NormalCustomer } from './normalise';

/**
 * u (how often different people agree, per field and level) from the
 * customers themselves: a deterministic sample of random pairs (almost all of
 * them different people), and, for exact agreement on high-cardinality values,
 * the chance two random customers share a value (Σ p(v)·(c−1)/(N−1)).
 */
const U_SAMPLE = 30_000;

export function estimateUFromRecords(all: readonly NormalCustomer[]): number[][] {
  const n = all.length;
  const samples = n < 2 ? 0 : Math.min(U_SAMPLE, (n * (n - 1)) / 2);
  const out = new Int8Array(samples * FIELD_COUNT);
  const row = new Int8Array(FIELD_COUNT);
  let seed = 0x2545f491;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  for (let s = 0; s < samples; s++) {
    const i = next();
    let j = next();
    if (j === i) j = (j + 1) % n;
    comparePair(all[i]!, all[j]!, row);
    out.set(row, s * FIELD_COUNT);
  }
  const agreement = (value: (r: NormalCustomer) => string): number | null => {
    const counts = new Map<string, number>();
    let total = 0;
    for (const r of all) {
      const v = value(r);
      if (!v) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      total++;
    }
    if (total < 2) return null;
    let s = 0;
    for (const c of counts.values()) s += (c / total) * ((c - 1) / (total - 1));
    return s;
  };
  const exact = [agreement((r) => r.first), agreement((r) => r.last), agreement((r) => r.mailbox), agreement((r) => r.phone), agreement((r) => r.birth), null, null];
  return estimateU(out, exact);
}
