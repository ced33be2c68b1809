import { describe, expect, it } from 'vitest';
import { blocksBySortedHash, hash31, pairsFromBlocks } from '../../src-main/core/customers/duplicates/blocking';

const pairs = (r: { a: Int32Array; b: Int32Array }) => Array.from(r.a, (a, i) => [a, r.b[i]!]);

describe('blocking: from keys to candidate pairs', () => {
  it('groups customers that share a key, whatever the order they were added in, and drops single-member blocks', () => {
    const keysOf = new Map<number, string[]>([
      [7, ['e:ann@x.org', 'n:A500S530']],
      [3, ['n:A500S530', 'p:5550123']],
      [9, ['e:ann@x.org']],
      [4, ['p:9990000']],
    ]);
    const blocks = [...blocksBySortedHash(keysOf)].map((b) => [...b].sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
    expect(blocks).toEqual([
      [3, 7],
      [7, 9],
    ]);
  });

  it('hashes to 31 bits, so hash · 2^22 + index is exact in a double', () => {
    for (const k of ['', 'a', 'e:someone.with.a.long.address@example.com', 'b:19800307m']) {
      const h = hash31(k);
      expect(Number.isInteger(h) && h >= 0 && h < 2 ** 31).toBe(true);
      expect(Number.isSafeInteger(h * 4_194_304 + 4_194_303)).toBe(true);
    }
  });

  it('lists every pair once, smaller id first, sorted; a large block is walked as a sorted neighbourhood', () => {
    expect(pairs(pairsFromBlocks([[5, 2, 9], [9, 2]], 24, 6, String))).toEqual([
      [2, 5],
      [2, 9],
      [5, 9],
    ]);
    // 30 ids in a block larger than maxBlock 4, window 2: each id meets the next two in sort order only.
    const ids = Array.from({ length: 30 }, (_, i) => 100 + i);
    const out = pairs(pairsFromBlocks([ids], 4, 2, (id) => String(id).padStart(5, '0')));
    expect(out).toHaveLength(29 + 28);
    expect(out).toContainEqual([100, 102]);
    expect(out).not.toContainEqual([100, 103]);
  });
});
