import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * A bulk operation's JSONL result kept on disk while its pages are handed out,
 * so memory follows the page, not the shop (a 1M-order result is gigabytes).
 *
 * Files live in the connector's work directory:
 *   bulk-<resource>-<op>.jsonl       the complete result (only ever created by a rename)
 *   bulk-<resource>-<op>.jsonl.part  a download in progress (never read as a result; continued by a Range request)
 *   bulk-<resource>-<op>.jsonl.part.json  the server's ETag / Last-Modified of that download
 *   bulk-<resource>-<op>.json        what the download counted: root records, lines, bytes
 * The sidecar is written before the rename, so a .jsonl without its sidecar (or of
 * another size than the sidecar says) is treated as missing and downloaded again.
 */
export interface BulkFileMeta { total: number; lines: number; bytes: number }
export interface BulkFile extends BulkFileMeta { path: string }

/** Failures of the local disk (full, read-only): not the network's, so not retried. */
export class BulkFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BulkFileError';
  }
}

const NEWLINE = 10;
const PARENT = Buffer.from('"__parentId"');

/** `gid://shopify/BulkOperation/123` → `BulkOperation_123`: safe in any file system. */
const safeId = (opId: string) => opId.replace(/^gid:\/\/shopify\//, '').replace(/[^A-Za-z0-9_-]+/g, '_');
const prefix = (resource: string) => `bulk-${resource}-`;

export function bulkFilePath(dir: string, resource: string, opId: string): string {
  return join(dir, `${prefix(resource)}${safeId(opId)}.jsonl`);
}
const metaPath = (path: string) => path.replace(/\.jsonl$/, '.json');
/** What identifies the version of a partly downloaded file (a strong ETag or Last-Modified): the If-Range of a resumed download. */
const validatorPath = (part: string) => `${part}.json`;

/** The complete file and what it holds, or null when it is missing, unfinished or does not match its sidecar. */
export function openBulkFile(path: string): BulkFile | null {
  try {
    if (!existsSync(path)) return null;
    const meta = JSON.parse(readFileSync(metaPath(path), 'utf8')) as BulkFileMeta;
    if (statSync(path).size !== meta.bytes) return null;
    return { path, total: meta.total, lines: meta.lines, bytes: meta.bytes };
  } catch {
    return null;
  }
}

/** This operation's file, its sidecar and any unfinished download. */
export function removeBulkFile(path: string): void {
  for (const p of [path, `${path}.part`, validatorPath(`${path}.part`), metaPath(path)]) rmSync(p, { force: true });
}

/** Every file of earlier operations of a resource (an abandoned pass): called when a new operation starts. */
export function removeStaleBulkFiles(dir: string, resource: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (name.startsWith(prefix(resource))) rmSync(join(dir, name), { force: true });
}

/**
 * Counts lines and root records (lines without "__parentId") of a stream of
 * chunks, holding only the unfinished last line between chunks.
 */
export function createLineCounter() {
  let tail: Buffer = Buffer.alloc(0);
  let lines = 0;
  let roots = 0;
  const line = (buf: Buffer, s: number, e: number) => {
    const text = buf.subarray(s, e);
    // Blank lines are skipped by the reader too; the first byte settles almost every line.
    if (text.length === 0 || (text[0]! <= 32 && text.toString('utf8').trim() === '')) return;
    lines++;
    if (text.indexOf(PARENT) === -1) roots++;
  };
  return {
    push(chunk: Uint8Array) {
      const buf = tail.length ? Buffer.concat([tail, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let s = 0;
      for (let nl = buf.indexOf(NEWLINE, s); nl !== -1; nl = buf.indexOf(NEWLINE, s)) {
        line(buf, s, nl);
        s = nl + 1;
      }
      // A copy: the chunk's memory may be reused by the stream.
      tail = Buffer.from(buf.subarray(s));
    },
    end(): { lines: number; roots: number } {
      if (tail.length) line(tail, 0, tail.length);
      tail = Buffer.alloc(0);
      return { lines, roots };
    },
  };
}

function partToResume(part: string): { size: number; validator: string } | null {
  try {
    const size = statSync(part).size;
    const { validator } = JSON.parse(readFileSync(validatorPath(part), 'utf8')) as { validator?: string };
    return size > 0 && validator ? { size, validator } : null;
  } catch {
    return null;
  }
}
function dropPart(part: string): void {
  rmSync(part, { force: true });
  rmSync(validatorPath(part), { force: true });
}
/** Feeds what an earlier attempt already wrote into the counter, a buffer at a time. */
function countExisting(part: string, counter: ReturnType<typeof createLineCounter>): void {
  const fd = openSync(part, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) counter.push(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/**
 * Streams the result at `url` into `<path>.part`, counting its lines and roots on
 * the way, then writes the sidecar and renames the file into place. A .part an
 * earlier attempt left is continued with a Range request when the server can
 * prove it is the same file (If-Range); otherwise the download starts over.
 * Network failures throw as they come (the caller retries, keeping the .part);
 * disk failures throw BulkFileError.
 */
export async function downloadBulkFile(doFetch: typeof fetch, url: string, path: string, signal?: AbortSignal): Promise<BulkFile> {
  const dir = dirname(path);
  const part = `${path}.part`;
  const diskError = (what: string, err: unknown) => new BulkFileError(`Cannot ${what} (${(err as Error).message}).`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw diskError(`create the folder for bulk results, ${dir}`, err);
  }
  const resume = partToResume(part);
  const res = await doFetch(url, { signal, headers: resume ? { range: `bytes=${resume.size}-`, 'if-range': resume.validator } : {} });
  const rangeStart = Number(/^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '')?.[1] ?? -1);
  const appending = resume !== null && res.status === 206 && rangeStart === resume.size;
  if (!res.ok || !res.body || (res.status === 206 && !appending)) {
    await res.body?.cancel().catch(() => {});
    // A range the server cannot serve (416) or did not serve as asked: the next attempt starts from byte 0.
    if (resume) dropPart(part);
    throw new Error(`HTTP ${res.status}`);
  }
  const counter = createLineCounter();
  let bytes = 0;
  try {
    if (appending) {
      countExisting(part, counter);
      bytes = resume.size;
    } else {
      const etag = res.headers.get('etag');
      const validator = etag && !etag.startsWith('W/') ? etag : res.headers.get('last-modified');
      dropPart(part);
      if (validator) writeFileSync(validatorPath(part), JSON.stringify({ validator }));
    }
  } catch (err) {
    await res.body.cancel().catch(() => {});
    throw diskError(`read or write ${part}`, err);
  }
  // 'w' truncates whatever an earlier download left that could not be continued.
  const fh = await open(part, appending ? 'a' : 'w').catch((err: unknown) => {
    throw diskError(`write the bulk result to ${part}`, err);
  });
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      counter.push(chunk);
      await fh.write(chunk).catch((err: unknown) => {
        throw diskError(`write the bulk result to ${part}`, err);
      });
      bytes += chunk.byteLength;
    }
    // On disk before it is named complete: a power cut must not leave a short file under the final name.
    await fh.sync();
  } catch (err) {
    // A disk that failed will fail again; a network that failed leaves the .part to be continued.
    if (err instanceof BulkFileError) dropPart(part);
    throw err;
  } finally {
    await fh.close();
  }
  const { lines, roots } = counter.end();
  const meta: BulkFileMeta = { total: roots, lines, bytes };
  try {
    writeFileSync(metaPath(path), JSON.stringify(meta));
    renameSync(part, path);
    rmSync(validatorPath(part), { force: true });
  } catch (err) {
    throw diskError(`save the bulk result as ${path}`, err);
  }
  return { path, ...meta };
}

/** What a reader has cost so far: bytes read from disk, and the largest buffer it held. */
export interface BulkReadStats { bytesRead: number; bufferBytes: number }

/**
 * Reads the non-blank lines of a file from a byte offset, a buffer at a time
 * (fs.readSync), keeping only the unfinished line between reads. `start` of
 * each line is its byte offset: where a later read resumes.
 */
export function openLineReader(path: string, offset: number, readBytes = 1 << 20) {
  const fd = openSync(path, 'r');
  let buf = Buffer.allocUnsafe(readBytes);
  // buf[0, len): what was read. A view made once per read, not once per line (a Buffer view costs
  // more to make than finding the line's end), so indexOf never finds a stale newline past len.
  let data = buf.subarray(0, 0);
  let bufStart = offset; // file offset of buf[0]
  let pos = 0;
  let len = 0;
  let eof = false;
  const stats: BulkReadStats = { bytesRead: 0, bufferBytes: buf.length };

  function fill(): void {
    // Keep the unfinished line, drop what was handed out; grow only for a line longer than the buffer.
    if (pos > 0) {
      buf.copyWithin(0, pos, len);
      bufStart += pos;
      len -= pos;
      pos = 0;
    }
    if (len === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, len);
      buf = bigger;
      stats.bufferBytes = buf.length;
    }
    const n = readSync(fd, buf, len, buf.length - len, bufStart + len);
    stats.bytesRead += n;
    len += n;
    data = buf.subarray(0, len);
    if (n === 0) eof = true;
  }

  return {
    stats,
    /** The next non-blank line and its byte offset, or null at the end of the file. */
    next(): { text: string; start: number } | null {
      for (;;) {
        const nl = data.indexOf(NEWLINE, pos);
        let end: number;
        if (nl !== -1) end = nl;
        else if (!eof) {
          fill();
          continue;
        } else if (pos < len) end = len;
        else return null;
        const from = pos;
        const start = bufStart + from;
        // One decode per line, not one per read: a read of 1 MiB holding one non-ASCII character
        // (the "••••" of a masked card) decodes to a two-byte string, and every line sliced from
        // it stays two-byte — slower to decode, scan and parse than the lines decoded alone.
        const text = buf.toString('utf8', from, end);
        pos = nl !== -1 ? nl + 1 : len;
        // A line that starts with a visible ASCII character is not blank: trim only the rare others
        // (a first byte >= 0x80 may begin a no-break space or a BOM, which trim() removes).
        const first = end > from ? buf[from]! : 0;
        if ((first > 32 && first < 128) || text.trim() !== '') return { text, start };
      }
    },
    /** Byte offset just past the last line handed out. */
    get offset(): number {
      return bufStart + pos;
    },
    close(): void {
      closeSync(fd);
    },
  };
}

/**
 * Where a cursor of the old form (an index into the file's non-blank lines) points:
 * its byte offset and how many roots lie before it. One scan, once per resumed pass.
 */
export function offsetOfLine(path: string, line: number): { offset: number; roots: number } {
  const reader = openLineReader(path, 0);
  try {
    let roots = 0;
    for (let i = 0; i < line; i++) {
      const l = reader.next();
      if (!l) return { offset: reader.offset, roots };
      if (!l.text.includes('"__parentId"')) roots++;
    }
    const l = reader.next();
    return { offset: l ? l.start : reader.offset, roots };
  } finally {
    reader.close();
  }
}
