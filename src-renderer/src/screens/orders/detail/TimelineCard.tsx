import type { TimelineEntry } from '../../../../../src-shared/orders';
import { Card } from '../../../components/Card';
import { formatDateTime, humanise } from '../../../lib/format';

/** What happened to the order, newest first. */
export function TimelineCard({ entries }: { entries: TimelineEntry[] }) {
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <Card title="Timeline" testId="detail-timeline">
      {sorted.length === 0 ? (
        <div className="muted">No events recorded.</div>
      ) : (
        <ol className="timeline">
          {sorted.map((e, i) => (
            <li key={`${e.at}-${i}`} className={`timeline-item kind-${e.kind.replace(/[^a-z0-9_-]/gi, '')}`} data-testid="timeline-entry">
              <span className="timeline-dot" aria-hidden="true" />
              <div className="timeline-main">
                <div className="timeline-message">{e.message || humanise(e.kind)}</div>
                <div className="timeline-meta">
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  {e.user ? <span> · {e.user}</span> : null}
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
