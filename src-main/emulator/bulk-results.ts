import { closeSync, fstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the emulator keeps its bulk operations' JSONL results: on disk, not in
 * memory. Held as strings they cost about 15 MB per 5,000-order operation in the
 * app's demo store, and GBs in `oms emulator` after a few 100k-order imports,
 * for as long as the process ran.
 *
 * Each emulator gets a folder of its own under `parent` (default the OS temp
 * dir; the demo store passes its folder in the workspace), made at its first
 * bulk operation:
 *   emulator-bulk-XXXXXX/owner.json   the pid of the process that owns it
 *   emulator-bulk-XXXXXX/<n>.jsonl    operation n's result, written a chunk at a time while it runs
 * close() removes the folder, and so does the exit of the process (an emulator
 * a test never closed). A folder whose process is gone (killed) is removed by
 * the next emulator that makes its folder under the same parent.
 */
const PREFIX = 'emulator-bulk-';
/** A folder without its owner file may be one another process is making right now: left alone until it is this old. */
const UNOWNED_GRACE_MS = 60_000;

const owned = new Set<string>();
let exitHook = false;
function removeOnExit(dir: string): void {
  owned.add(dir);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const d of owned) rmSync(d, { recursive: true, force: true });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes folders of emulators whose process is gone (killed before it could clean up). */
function sweepDeadOwners(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent).filter((n) => n.startsWith(PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(parent, name);
    try {
      let pid: number | null = null;
      try {
        pid = (JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8')) as { pid?: number }).pid ?? null;
      } catch {
        pid = null;
      }
      const stale = pid === null ? Date.now() - statSync(dir).mtimeMs > UNOWNED_GRACE_MS : pid !== process.pid && !alive(pid);
      if (stale) rmSync(dir, { recursive: true, force: true });
    } catch {
      /* gone meanwhile, or not ours to remove: leave it */
    }
  }
}

/** A result being written: chunks appended in order, its size in bytes counted. */
export interface BulkResultWriter {
  append(text: string): void;
  readonly bytes: number;
  /** Done writing (the file stays, to be served). */
  finish(): void;
}

export function createBulkResults(parent: string = tmpdir()) {
  let dir: string | null = null;
  const pathOf = (n: number) => join(folder(), `${n}.jsonl`);

  function folder(): string {
    if (dir) return dir;
    mkdirSync(parent, { recursive: true, mode: 0o700 });
    sweepDeadOwners(parent);
    const made = mkdtempSync(join(parent, PREFIX));
    writeFileSync(join(made, 'owner.json'), JSON.stringify({ pid: process.pid }) + '\n');
    removeOnExit(made);
    dir = made;
    return made;
  }

  return {
    /** Starts operation n's result file (replacing any earlier one of that number). */
    create(n: number): BulkResultWriter {
      const fd = openSync(pathOf(n), 'w', 0o600);
      let bytes = 0;
      let done = false;
      return {
        append(text: string) {
          const buf = Buffer.from(text, 'utf8');
          for (let at = 0; at < buf.length; ) at += writeSync(fd, buf, at, buf.length - at);
          bytes += buf.length;
        },
        get bytes() {
          return bytes;
        },
        finish() {
          if (done) return;
          done = true;
          closeSync(fd);
        },
      };
    },
    /**
     * Operation n's file opened for reading: the descriptor keeps reading the whole
     * file even when the operation is superseded and its file removed mid-download.
     */
    open(n: number): { fd: number; size: number } | null {
      if (!dir) return null;
      try {
        const fd = openSync(join(dir, `${n}.jsonl`), 'r');
        return { fd, size: fstatSync(fd).size };
      } catch {
        return null;
      }
    },
    remove(n: number): void {
      if (dir) rmSync(join(dir, `${n}.jsonl`), { force: true });
    },
    /** The folder this emulator writes to (null before its first operation). */
    get dir(): string | null {
      return dir;
    },
    /** Removes the folder and every file in it; a later operation makes a new one. */
    close(): void {
      if (!dir) return;
      rmSync(dir, { recursive: true, force: true });
      owned.delete(dir);
      dir = null;
    },
  };
}
export type BulkResults = ReturnType<typeof createBulkResults>;
