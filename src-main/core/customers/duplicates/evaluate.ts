/** Pairwise precision, recall and F1 of predicted pairs against true pairs (pairs are unordered). */
export interface PairScores {
  truePositives: number;
  predicted: number;
  actual: number;
  precision: number;
  recall: number;
  f1: number;
}

const keyOf = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

export function pairScores(predicted: Iterable<[string, string]>, truth: Iterable<[string, string]>): PairScores {
  const actual = new Set<string>();
  for (const [a, b] of truth) actual.add(keyOf(a, b));
  const seen = new Set<string>();
  let tp = 0;
  for (const [a, b] of predicted) {
    const k = keyOf(a, b);
    if (seen.has(k)) continue;
    seen.add(k);
    if (actual.has(k)) tp++;
  }
  const precision = seen.size ? tp / seen.size : 1;
  const recall = actual.size ? tp / actual.size : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { truePositives: tp, predicted: seen.size, actual: actual.size, precision, recall, f1 };
}
