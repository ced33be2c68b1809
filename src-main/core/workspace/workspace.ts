import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A workspace is one folder: the database, keys, backups and logs.
 * workspace.json says what kind it is (demo workspaces allow the demo password).
 */
export interface WorkspaceMeta {
  name: string;
  kind: 'demo' | 'real';
  currency: string;
  createdAt: string;
}

export interface WorkspacePaths {
  dir: string;
  db: string;
  meta: string;
  keys: string;
  backups: string;
  logs: string;
}

export function workspacePaths(dir: string): WorkspacePaths {
  return {
    dir,
    db: join(dir, 'orderhouse.db'),
    meta: join(dir, 'workspace.json'),
    keys: join(dir, 'keys'),
    backups: join(dir, 'backups'),
    logs: join(dir, 'logs'),
  };
}

export function ensureWorkspaceDirs(paths: WorkspacePaths): void {
  for (const d of [paths.dir, paths.keys, paths.backups, paths.logs]) mkdirSync(d, { recursive: true, mode: 0o700 });
}

export function readMeta(paths: WorkspacePaths): WorkspaceMeta | null {
  if (!existsSync(paths.meta)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(paths.meta, 'utf8'));
  } catch (err) {
    throw new Error(`${paths.meta} is not valid JSON (${(err as Error).message}); fix or delete it`);
  }
  const m = parsed as Partial<WorkspaceMeta>;
  if (typeof m.name !== 'string' || (m.kind !== 'demo' && m.kind !== 'real') || typeof m.currency !== 'string') {
    throw new Error(`${paths.meta} is missing name, kind ("demo" or "real") or currency`);
  }
  return { name: m.name, kind: m.kind, currency: m.currency, createdAt: m.createdAt ?? new Date().toISOString() };
}

/** Written atomically: a crash leaves the old file or the new one, never half of one. */
export function writeMeta(paths: WorkspacePaths, meta: WorkspaceMeta): void {
  const tmp = `${paths.meta}.tmp`;
  writeFileSync(tmp, JSON.stringify(meta, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, paths.meta);
}
