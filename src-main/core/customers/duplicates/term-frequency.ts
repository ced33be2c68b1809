/**
 * How often each name occurs, for term-frequency adjustment: agreeing on a
 * rare surname says more than agreeing on "Smith". The adjustment is
 * log2(t̄ / p(v)), where p(v) is the value's share and t̄ the share an agreeing
 * value has on average (Σp³/Σp²), so it is zero on average and only moves
 * weight from common names to rare ones. Kept current as customers come and go.
 */
export class TermFrequencies {
  private readonly counts = new Map<string, number>();
  private total = 0;
  private mean = 0;

  add(v: string): void {
    if (!v) return;
    this.counts.set(v, (this.counts.get(v) ?? 0) + 1);
    this.total++;
  }

  remove(v: string): void {
    if (!v) return;
    const c = this.counts.get(v) ?? 0;
    if (c <= 1) this.counts.delete(v);
    else this.counts.set(v, c - 1);
    if (c > 0) this.total--;
  }

  /** Recomputes t̄; call after bulk loading. */
  refresh(): void {
    let s2 = 0;
    let s3 = 0;
    for (const c of this.counts.values()) {
      const p = c / this.total;
      s2 += p * p;
      s3 += p * p * p;
    }
    this.mean = s2 > 0 ? s3 / s2 : 0;
  }

  /** Bits to add to an exact agreement on `v`, clamped to ±limit. */
  adjustment(v: string, limit = 4): number {
    if (!this.total || !this.mean) return 0;
    const p = Math.max(1, this.counts.get(v) ?? 1) / this.total;
    return Math.max(-limit, Math.min(limit, Math.log2(this.mean / p)));
  }
}
