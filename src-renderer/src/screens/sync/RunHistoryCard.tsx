import type { SyncRunEntry } from '../../../../src-shared/contract';
import { useSync } from '../../stores/sync';

const TRIGGERS: Record<SyncRunEntry['trigger'], string> = { start: 'at start', schedule: 'scheduled', manual: 'Sync now', cli: 'command line', 'first-import': 'first import' };

function duration(r: SyncRunEntry): string {
  if (!r.finishedAt) return '';
  const s = (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** The last 20 runs: when, what started them, ok or why not, what they brought and sent. */
export function RunHistoryCard() {
  const runs = useSync((s) => s.runs);
  const running = useSync((s) => s.running);
  return (
    <section className="card" data-testid="sync-runs">
      <header className="card-header">
        <h3 className="card-title">Recent runs</h3>
        <span className="card-aside">last {Math.min(20, runs.length)}</span>
      </header>
      {runs.length === 0 ? (
        <p className="card-body muted">No runs yet: the first one starts with the schedule or with “Sync now”.</p>
      ) : (
        <table className="table sync-runs-table">
          <thead>
            <tr><th>Started</th><th>How</th><th>Result</th><th className="num">New</th><th className="num">Changed</th><th className="num">Sent / failed</th><th className="num">Took</th></tr>
          </thead>
          <tbody>
            {runs.map((r, i) => {
              const res = Object.values(r.resources);
              const inserted = res.reduce((s, x) => s + (x?.inserted ?? 0), 0);
              const updated = res.reduce((s, x) => s + (x?.updated ?? 0), 0);
              const unfinished = r.finishedAt === null;
              return (
                <tr key={r.id} data-testid={`sync-run-${r.id}`}>
                  <td>{new Date(r.startedAt).toLocaleString()}</td>
                  <td>{TRIGGERS[r.trigger] ?? r.trigger}</td>
                  <td className="sync-reason-text">
                    {unfinished ? (i === 0 && running ? <span className="badge badge-blue">running</span> : <span className="badge badge-amber">interrupted</span>) : r.ok ? <span className="badge badge-green">ok</span> : <><span className="badge badge-red">failed</span> {r.error}</>}
                  </td>
                  <td className="num">{unfinished ? '—' : inserted.toLocaleString()}</td>
                  <td className="num">{unfinished ? '—' : updated.toLocaleString()}</td>
                  <td className="num">{unfinished ? '—' : `${r.outbox.sent} / ${r.outbox.failed}`}</td>
                  <td className="num">{duration(r)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
