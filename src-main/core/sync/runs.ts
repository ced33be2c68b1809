import type { SyncRunEntry, SyncRunTrigger } from '../../../src-shared/contract';
import type { Sqlite } from '../../db/open';
import type { SyncRunResult } from './engine';

type Row = { id: number; platform: string; trigger: string; started_at: string; finished_at: string | null; ok: number | null; error: string | null; resources: string; outbox_sent: number; outbox_failed: number };

/**
 * Run history (sync_runs): a row is written when a run starts and completed
 * when it ends, so a run the process did not survive shows as unfinished
 * instead of vanishing.
 */
export function createRunHistory(sqlite: Sqlite) {
  const ins = sqlite.prepare('INSERT INTO sync_runs (platform, trigger, started_at) VALUES (?, ?, ?)');
  const fin = sqlite.prepare('UPDATE sync_runs SET finished_at = ?, ok = ?, error = ?, resources = ?, outbox_sent = ?, outbox_failed = ? WHERE id = ?');
  const list = sqlite.prepare<[number], Row>('SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?');
  const toEntry = (r: Row): SyncRunEntry => ({
    id: r.id,
    platform: r.platform,
    trigger: r.trigger as SyncRunTrigger,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    ok: r.ok === null ? null : r.ok === 1,
    error: r.error,
    resources: JSON.parse(r.resources) as SyncRunEntry['resources'],
    outbox: { sent: r.outbox_sent, failed: r.outbox_failed },
  });
  return {
    start(platform: string, trigger: SyncRunTrigger, at: string): number {
      return Number(ins.run(platform, trigger, at).lastInsertRowid);
    },
    finish(id: number, r: Pick<SyncRunResult, 'finishedAt' | 'ok' | 'error' | 'resources' | 'outbox'>): void {
      fin.run(r.finishedAt, r.ok ? 1 : 0, r.error, JSON.stringify(r.resources), r.outbox.sent, r.outbox.failed, id);
    },
    list(limit: number): SyncRunEntry[] {
      return list.all(limit).map(toEntry);
    },
  };
}
export type RunHistory = ReturnType<typeof createRunHistory>;
