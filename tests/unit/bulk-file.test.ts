import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkFilePath, createLineCounter, downloadBulkFile, offsetOfLine, openBulkFile, openLineReader, removeStaleBulkFiles } from '../../src-main/core/sync/shopify/bulk-file';

/** A JSONL result like Shopify's: roots, children with __parentId after them, multi-byte text, blank lines. */
function jsonl(roots: number): string {
  const out: string[] = [];
  for (let i = 1; i <= roots; i++) {
    out.push(JSON.stringify({ id: `gid://shopify/Order/${i}`, note: i % 3 ? `Grüße ${'é'.repeat(i % 7)} 🚚` : 'says "__parentId" in its text' }));
    for (let j = 1; j <= i % 4; j++) out.push(JSON.stringify({ id: `gid://shopify/LineItem/${i * 10 + j}`, title: 'Mütze', __parentId: `gid://shopify/Order/${i}` }));
    if (i % 50 === 0) out.push('');
  }
  return out.join('\n') + '\n';
}

/**
 * A fetch that serves `body` in pieces of `piece` bytes (so lines and multi-byte characters split
 * across chunks), with an ETag and byte ranges like the platform's storage; `failAfter` cuts the
 * connection after that many bytes of the file. Requests' range headers are kept in `asked`.
 */
function servingFetch(body: Buffer, piece: number, failAfter?: number, etag = '"v1"') {
  const asked: { range: string | null; ifRange: string | null }[] = [];
  const f = (async (_url: string, init?: RequestInit) => {
    const h = new Headers(init?.headers);
    asked.push({ range: h.get('range'), ifRange: h.get('if-range') });
    const m = /^bytes=(\d+)-$/.exec(h.get('range') ?? '');
    const ranged = m !== null && (!h.get('if-range') || h.get('if-range') === etag);
    const from = ranged ? Number(m[1]) : 0;
    if (from >= body.length) return new Response(null, { status: 416 });
    let at = from;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (failAfter !== undefined && at >= failAfter) return c.error(new Error('connection reset'));
        if (at >= body.length) return c.close();
        c.enqueue(new Uint8Array(body.subarray(at, at + piece)));
        at += piece;
      },
    });
    return new Response(stream, ranged ? { status: 206, headers: { etag, 'content-range': `bytes ${from}-${body.length - 1}/${body.length}` } } : { status: 200, headers: { etag } });
  }) as unknown as typeof fetch;
  return Object.assign(f, { asked });
}

describe('bulk result file: streamed to disk, read back a page at a time from a byte offset', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oms-bulk-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts root records and lines while streaming, whatever the chunk boundaries', () => {
    const body = Buffer.from(jsonl(300));
    for (const piece of [1, 7, 64, 4096, body.length]) {
      const c = createLineCounter();
      for (let at = 0; at < body.length; at += piece) c.push(body.subarray(at, at + piece));
      // A note that mentions "__parentId" inside a string is still a root: the quotes are escaped there.
      expect(c.end(), `pieces of ${piece}`).toEqual({ roots: 300, lines: body.toString().split('\n').filter((l) => l.trim()).length });
    }
  });

  it('downloads through a .part file renamed when complete, with a sidecar of what it counted', async () => {
    const body = Buffer.from(jsonl(120));
    const path = bulkFilePath(dir, 'orders', 'gid://shopify/BulkOperation/7');
    expect(path).toBe(join(dir, 'bulk-orders-BulkOperation_7.jsonl'));
    const file = await downloadBulkFile(servingFetch(body, 333), 'http://x/1.jsonl', path);
    expect(file).toMatchObject({ path, total: 120, bytes: body.length });
    expect(readFileSync(path)).toEqual(body);
    expect(existsSync(`${path}.part`)).toBe(false);
    expect(openBulkFile(path)).toEqual(file);
  });

  it('a download cut off half-way leaves no file that looks complete', async () => {
    const body = Buffer.from(jsonl(120));
    const path = bulkFilePath(dir, 'orders', 'gid://shopify/BulkOperation/8');
    await expect(downloadBulkFile(servingFetch(body, 500, 2000), 'http://x/1.jsonl', path)).rejects.toThrow(/connection reset/);
    expect(existsSync(path)).toBe(false);
    expect(openBulkFile(path)).toBeNull();
    // A .part a killed process left behind is never taken for the result; without the server's
    // ETag beside it (it was cut before the answer's headers were kept) a new download overwrites it.
    rmSync(`${path}.part.json`);
    writeFileSync(`${path}.part`, Buffer.from('{"id":"gid://shopify/Order/999999"}\n{"trunc'));
    expect(openBulkFile(path)).toBeNull();
    await downloadBulkFile(servingFetch(body, 4096), 'http://x/1.jsonl', path);
    expect(readFileSync(path)).toEqual(body);
    // A final file shorter than its sidecar says (cut by hand, a disk fault) is not used either.
    writeFileSync(path, body.subarray(0, 1000));
    expect(openBulkFile(path)).toBeNull();
  });

  it('a cut download is continued where it stopped (Range, If-Range), and started over when the file changed', async () => {
    const body = Buffer.from(jsonl(300));
    const path = bulkFilePath(dir, 'orders', 'gid://shopify/BulkOperation/9');
    await expect(downloadBulkFile(servingFetch(body, 1000, 5000), 'http://x/1.jsonl', path)).rejects.toThrow(/connection reset/);
    expect(readFileSync(`${path}.part`).length).toBe(5000);
    // The same file: only the rest is asked for, and the counts include what was already there.
    const same = servingFetch(body, 777);
    expect(await downloadBulkFile(same, 'http://x/1.jsonl', path)).toMatchObject({ total: 300, bytes: body.length });
    expect(same.asked).toEqual([{ range: 'bytes=5000-', ifRange: '"v1"' }]);
    expect(readFileSync(path)).toEqual(body);
    expect(existsSync(`${path}.part`) || existsSync(`${path}.part.json`)).toBe(false);

    // Cut again, then the server holds another version: it answers 200 to If-Range and the file is read from byte 0.
    rmSync(path);
    await expect(downloadBulkFile(servingFetch(body, 1000, 3000), 'http://x/1.jsonl', path)).rejects.toThrow(/connection reset/);
    const other = Buffer.from(jsonl(120));
    const changed = servingFetch(other, 500, undefined, '"v2"');
    expect(await downloadBulkFile(changed, 'http://x/1.jsonl', path)).toMatchObject({ total: 120, bytes: other.length });
    expect(readFileSync(path)).toEqual(other);

    // A range past the end (416): the .part is dropped so the next attempt starts over.
    rmSync(path);
    writeFileSync(`${path}.part`, Buffer.concat([body, body]));
    writeFileSync(`${path}.part.json`, JSON.stringify({ validator: '"v1"' }));
    await expect(downloadBulkFile(servingFetch(body, 4096), 'http://x/1.jsonl', path)).rejects.toThrow(/HTTP 416/);
    expect(existsSync(`${path}.part`)).toBe(false);
    expect((await downloadBulkFile(servingFetch(body, 4096), 'http://x/1.jsonl', path)).bytes).toBe(body.length);
  });

  it('reads lines from any line start with exact byte offsets, through a buffer smaller than the file', () => {
    const text = jsonl(200);
    const path = join(dir, 'f.jsonl');
    writeFileSync(path, text);
    const expected = text.split('\n').filter((l) => l.trim());
    const reader = openLineReader(path, 0, 256);
    const got: { text: string; start: number }[] = [];
    for (let l = reader.next(); l; l = reader.next()) got.push(l);
    reader.close();
    expect(got.map((l) => l.text)).toEqual(expected);
    expect(reader.stats.bytesRead).toBe(Buffer.byteLength(text));
    // Lines are far shorter than the buffer, so it never grew.
    expect(reader.stats.bufferBytes).toBe(256);
    // Any line's offset starts a reader at that very line.
    for (const k of [1, 17, 150, got.length - 1]) {
      const r = openLineReader(path, got[k]!.start, 256);
      expect(r.next()?.text).toBe(expected[k]);
      r.close();
    }
  });

  it('grows the buffer for a line longer than it, and reads a last line without a newline', () => {
    const long = JSON.stringify({ id: 'gid://shopify/Order/1', note: 'x'.repeat(5000) });
    const path = join(dir, 'f.jsonl');
    writeFileSync(path, `${long}\n{"id":"gid://shopify/Order/2"}`);
    const r = openLineReader(path, 0, 1024);
    expect(r.next()?.text).toBe(long);
    expect(r.next()).toEqual({ text: '{"id":"gid://shopify/Order/2"}', start: long.length + 1 });
    expect(r.next()).toBeNull();
    expect(r.stats.bufferBytes).toBe(8192);
    r.close();
  });

  it('skips exactly the lines trim() finds blank, Unicode spaces included, and gives every other line its byte offset', () => {
    const lines = ['{"a":1}', '', '   ', '\t\r', '\u00a0', '\ufeff', '\u3000 \u2028', ' {"b":"lead space"}', '\u00a0{"c":"lead nbsp"}', 'é{"d":2}', '🚚', '\u0001', '{"e":"Grüße"}\r', '{"f":3}'];
    const text = lines.join('\n');
    const path = join(dir, 'f.jsonl');
    writeFileSync(path, text);
    const expected: { text: string; start: number }[] = [];
    let at = 0;
    for (const l of lines) {
      if (l.trim() !== '') expected.push({ text: l, start: at });
      at += Buffer.byteLength(l) + 1;
    }
    for (const readBytes of [16, 64, 4096]) {
      const r = openLineReader(path, 0, readBytes);
      const got: { text: string; start: number }[] = [];
      for (let l = r.next(); l; l = r.next()) got.push(l);
      r.close();
      expect(got, `reading ${readBytes} bytes at a time`).toEqual(expected);
    }
  });

  it('maps an old cursor line index to its byte offset and the roots before it', () => {
    const text = jsonl(40);
    const path = join(dir, 'f.jsonl');
    writeFileSync(path, text);
    const lines = text.split('\n').filter((l) => l.trim());
    for (const k of [0, 1, 5, 33, lines.length]) {
      const { offset, roots } = offsetOfLine(path, k);
      expect(roots).toBe(lines.slice(0, k).filter((l) => !l.includes('"__parentId"')).length);
      if (k < lines.length) expect(Buffer.from(text).subarray(offset).toString().startsWith(lines[k]!)).toBe(true);
      else expect(offset).toBe(Buffer.byteLength(text));
    }
  });

  it('removes the stale files of one resource only', () => {
    for (const n of ['bulk-orders-BulkOperation_1.jsonl', 'bulk-orders-BulkOperation_1.json', 'bulk-orders-BulkOperation_2.jsonl.part', 'bulk-products-BulkOperation_3.jsonl', 'other.txt']) writeFileSync(join(dir, n), 'x');
    removeStaleBulkFiles(dir, 'orders');
    expect(['bulk-orders-BulkOperation_1.jsonl', 'bulk-orders-BulkOperation_1.json', 'bulk-orders-BulkOperation_2.jsonl.part'].map((n) => existsSync(join(dir, n)))).toEqual([false, false, false]);
    expect(existsSync(join(dir, 'bulk-products-BulkOperation_3.jsonl'))).toBe(true);
    expect(existsSync(join(dir, 'other.txt'))).toBe(true);
    removeStaleBulkFiles(join(dir, 'missing'), 'orders');
  });
});
