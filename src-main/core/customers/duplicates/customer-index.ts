import { blocksBySortedHash, pairsFromBlocks } from './blocking';
import { blockingKeys, normaliseCustomer, type CustomerFields, type NormalCustomer } from './normalise';
import { TermFrequencies } from './term-frequency';

/** Candidate pairs as two parallel id arrays (smaller id first, sorted). */
export interface CandidatePairs {
  a: Int32Array;
  b: Int32Array;
}

/**
 * Every customer the duplicate engine knows, normalised, with its blocking
 * keys and the name frequencies scoring adjusts by. It answers the two
 * questions blocking asks: all candidate pairs (a full scan) and the
 * candidates of one customer (the incremental check). Nothing here scores.
 */
export class CustomerIndex {
  readonly records = new Map<number, NormalCustomer>();
  private readonly keysOf = new Map<number, string[]>();
  /** Block key → ids, for the incremental check; built on first use after a bulk load (a scan does not need it). */
  private readonly blocks = new Map<string, number[]>();
  private blocksBuilt = true;
  readonly firstTf = new TermFrequencies();
  readonly lastTf = new TermFrequencies();

  constructor(
    /** Blocks larger than this are compared by sorted neighbourhood (window below), not all-pairs. */
    private readonly maxBlock: number,
    private readonly window: number,
  ) {}

  get size(): number {
    return this.records.size;
  }

  get(id: number): NormalCustomer | undefined {
    return this.records.get(id);
  }

  /** Adds or replaces a customer. */
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

  /**
   * Adds many customers. The block map the incremental check reads is left to
   * be built on first use: a full scan groups block keys by sorting hashes
   * instead, which is several times cheaper than a map of millions of strings.
   */
  load(customers: Iterable<CustomerFields>): void {
    if (this.blocksBuilt && this.blocks.size === 0) this.blocksBuilt = false;
    for (const c of customers) this.upsert(c);
    this.refreshFrequencies();
  }

  /** Brings the name frequencies up to date after customers were added in bulk. */
  refreshFrequencies(): void {
    this.firstTf.refresh();
    this.lastTf.refresh();
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

  /** Every candidate pair once (smaller id first, sorted). */
  candidatePairs(): CandidatePairs {
    const records = this.records;
    const blocks = this.blocksBuilt ? this.blocks.values() : blocksBySortedHash(this.keysOf);
    // Inside a large block: neighbours by surname, formal given name and street.
    return pairsFromBlocks(blocks, this.maxBlock, this.window, (id) => {
      const r = records.get(id)!;
      return `${r.last}|${r.firstFormal[0] ?? r.first}|${r.streetName}|${r.postcode}`;
    });
  }

  /** Candidates of one customer (itself excluded), from the same blocks a scan uses. */
  candidatesOf(id: number): Set<number> {
    const out = new Set<number>();
    const blocks = this.ensureBlocks();
    for (const k of this.keysOf.get(id) ?? []) {
      const ids = blocks.get(k);
      if (!ids || ids.length > this.maxBlock * 4) continue; // oversized: the other keys still reach the true matches
      for (const other of ids) if (other !== id) out.add(other);
    }
    return out;
  }
}
