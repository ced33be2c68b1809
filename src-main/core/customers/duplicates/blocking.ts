/**
 * From blocking keys to candidate pairs. A pair is compared only when the two
 * customers share a block; a block too large to compare all-pairs is walked
 * as a sorted neighbourhood (each customer against the next few in a
 * name-and-street order).
 */

/** FNV-1a folded to 31 bits (so hash · 2^22 + index stays exact in a double). */
export function hash31(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 1;
}

const INDEX_SPAN = 4_194_304; // 2^22 customers per scan at most

/**
 * The blocks of a full scan as id lists, without a map of millions of string
 * keys: (hash of the key, customer index) packed in one double, sorted
 * natively, runs of one hash are a block. Two keys that share a hash fall into
 * one block, which only adds a few candidate pairs (scored like any other).
 */
export function* blocksBySortedHash(keysOf: ReadonlyMap<number, readonly string[]>): Generator<number[]> {
  if (keysOf.size > INDEX_SPAN) throw new Error(`The duplicate engine handles at most ${INDEX_SPAN.toLocaleString('en-US')} customers in one scan.`);
  const ids: number[] = [];
  let total = 0;
  for (const keys of keysOf.values()) total += keys.length;
  const packed = new Float64Array(total);
  let n = 0;
  for (const [id, keys] of keysOf) {
    for (const k of keys) packed[n++] = hash31(k) * INDEX_SPAN + ids.length;
    ids.push(id);
  }
  packed.sort();
  let run: number[] = [];
  let runHash = -1;
  for (let i = 0; i < n; i++) {
    const v = packed[i]!;
    const h = Math.floor(v / INDEX_SPAN);
    const id = ids[v - h * INDEX_SPAN]!;
    if (h !== runHash) {
      if (run.length > 1) yield run;
      run = [id];
      runHash = h;
    } else run.push(id);
  }
  if (run.length > 1) yield run;
}

const ID_SPAN = 67_108_864; // 2^26: lo · 2^26 + hi is exact in a double

/**
 * Every pair within the blocks once, as two parallel id arrays (smaller id
 * first, sorted). Pairs go into one growing Float64Array as lo·2^26 + hi, then
 * a native numeric sort and one pass drop the repeats: far cheaper than a Set
 * of millions of non-small-integer keys.
 */
export function pairsFromBlocks(blocks: Iterable<readonly number[]>, maxBlock: number, window: number, sortKey: (id: number) => string): { a: Int32Array; b: Int32Array } {
  let keys = new Float64Array(1 << 16);
  let n = 0;
  const add = (x: number, y: number) => {
    if (x === y) return;
    if (n === keys.length) {
      const grown = new Float64Array(keys.length * 2);
      grown.set(keys);
      keys = grown;
    }
    keys[n++] = x < y ? x * ID_SPAN + y : y * ID_SPAN + x;
  };
  for (const ids of blocks) {
    if (ids.length < 2) continue;
    if (ids.length <= maxBlock) {
      for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) add(ids[i]!, ids[j]!);
      continue;
    }
    const sorted = ids.map((id) => ({ id, key: sortKey(id) })).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j <= i + window && j < sorted.length; j++) add(sorted[i]!.id, sorted[j]!.id);
  }
  const all = keys.subarray(0, n).sort();
  const a: number[] = [];
  const b: number[] = [];
  let last = -1;
  for (let i = 0; i < n; i++) {
    const k = all[i]!;
    if (k === last) continue;
    last = k;
    const lo = Math.floor(k / ID_SPAN);
    a.push(lo);
    b.push(k - lo * ID_SPAN);
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b) };
}
