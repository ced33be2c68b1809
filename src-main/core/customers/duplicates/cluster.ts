/** Connected components over accepted pairs (union–find with path halving). */
export function clusterPairs(pairs: Iterable<{ a: number; b: number }>): number[][] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let p = parent.get(x) ?? x;
    while (p !== x) {
      const gp = parent.get(p) ?? p;
      parent.set(x, gp);
      x = p;
      p = gp;
    }
    return x;
  };
  for (const { a, b } of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, number[]>();
  for (const id of parent.keys()) {
    const r = find(id);
    const g = groups.get(r);
    if (g) g.push(id);
    else groups.set(r, [id]);
  }
  return [...groups.values()].map((g) => g.sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
}

/** Every pair inside each cluster (how pairwise precision and recall of clusters are counted). */
export function pairsOfClusters(clusters: readonly number[][]): [number, number][] {
  const out: [number, number][] = [];
  for (const c of clusters) for (let i = 0; i < c.length; i++) for (let j = i + 1; j < c.length; j++) out.push([c[i]!, c[j]!]);
  return out;
}
