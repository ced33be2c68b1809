import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { replaceFileDurably } from './demo-store-snapshot';

/**
 * The demo store's journal (journal.jsonl): one JSON line per event that changed
 * the shop since its snapshot, each with a sequence number. Entries written
 * before numbers existed are numbered by their position, which is what they
 * would have been given.
 *
 * Compaction (on open, when the journal is long): the shop with the journal's
 * older entries applied becomes the new snapshot, which records the last entry
 * it holds; then the journal is rewritten without them. A crash between the two
 * steps leaves a snapshot that already holds entries the journal still lists —
 * they are skipped by number, never applied twice. Each file is replaced whole
 * (temp file, fsync, rename), so a crash inside a step leaves the old file.
 *
 * Entries younger than `keepMs` stay in the journal even when it is compacted:
 * replaying them is what makes the store remember the idempotency keys of the
 * changes the app pushed lately (the emulator keeps keys in memory), so a push
 * re-sent after a crash is still recognised. Shopify too keeps keys for a
 * limited time; a day is far longer than the outbox's retries wait.
 */
export type JournalEntry =
  | { t: 'arrivals'; at: string; newOrders: number; orderUpdates: number; stockChanges: number; seq?: number }
  | { t: 'mutation'; at: string; body: { query: string; variables?: Record<string, unknown> }; seq?: number };
export type NumberedEntry = JournalEntry & { seq: number };

export interface CompactionLimits {
  /** Compact when the journal holds more lines than this ... */
  maxLines: number;
  /** ... or more bytes than this. */
  maxBytes: number;
  /** Entries younger than this stay in the journal. */
  keepMs: number;
}
export const DEFAULT_COMPACTION: CompactionLimits = { maxLines: 5_000, maxBytes: 8 * 1024 * 1024, keepMs: 24 * 3_600_000 };

/** Every whole entry, numbered; a last line cut short by a crash mid-append is cut off the file. */
export function readJournal(file: string): { entries: NumberedEntry[]; bytes: number } {
  if (!existsSync(file)) return { entries: [], bytes: 0 };
  const out: NumberedEntry[] = [];
  const text = readFileSync(file, 'utf8');
  let whole = 0;
  let seq = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) {
      try {
        const e = JSON.parse(line) as JournalEntry;
        seq = typeof e.seq === 'number' ? e.seq : seq + 1;
        out.push({ ...e, seq });
      } catch {
        // A line cut short by a crash mid-append: it is the last one. Cut it off, or
        // every entry appended after it would be lost at the next open.
        writeFileSync(file, text.slice(0, whole), { mode: 0o600 });
        return { entries: out, bytes: whole };
      }
    }
    whole += line.length + 1;
  }
  return { entries: out, bytes: Buffer.byteLength(text) };
}

/**
 * The last entry a compaction should fold into the snapshot, or null when the
 * journal is short enough or nothing in it is old enough.
 */
export function compactionCut(entries: readonly NumberedEntry[], bytes: number, appliedSeq: number, limits: CompactionLimits, now: Date): number | null {
  if (entries.length <= limits.maxLines && bytes <= limits.maxBytes) return null;
  const before = now.getTime() - limits.keepMs;
  let cut: number | null = null;
  // The journal is in time order; stop at the first entry young enough to keep.
  for (const e of entries) {
    if (Date.parse(e.at) >= before) break;
    cut = e.seq;
  }
  return cut !== null && cut > appliedSeq ? cut : null;
}

/** Rewrites the journal with only the entries after `cut`, numbers kept (step two of a compaction). */
export function cutJournal(file: string, entries: readonly NumberedEntry[], cut: number): void {
  replaceFileDurably(file, entries.filter((e) => e.seq > cut).map((e) => JSON.stringify(e) + '\n').join(''));
}

/** Appends numbered entries after `lastSeq`. */
export function createJournalWriter(file: string, lastSeq: number) {
  let seq = lastSeq;
  return {
    append(e: JournalEntry): void {
      seq++;
      appendFileSync(file, JSON.stringify({ ...e, seq }) + '\n', { mode: 0o600 });
    },
  };
}

/** Lines and bytes of the journal as it is on disk (for tests and the compaction decision). */
export function journalSize(file: string): { lines: number; bytes: number } {
  if (!existsSync(file)) return { lines: 0, bytes: 0 };
  const text = readFileSync(file, 'utf8');
  return { lines: text.split('\n').filter((l) => l.trim()).length, bytes: statSync(file).size };
}
