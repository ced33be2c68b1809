import { useState } from 'react';
import type { OmsErrorShape } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { useOmsEvent } from '../../lib/use-oms-event';
import { useSession } from '../../stores/session';

const PHASE_LABELS: Record<string, string> = {
  catalogue: 'Products and stock',
  customers: 'Customers',
  orders: 'Orders',
  'foreign keys': 'Checking the data',
  'search index': 'Search index',
  statistics: 'Query statistics',
};

/**
 * First run, the other path: instead of creating a real owner, fill this empty
 * workspace with the demo shop (20,000 orders, four demo logins) and go to
 * sign-in. The core refuses once anyone has an account, so this cannot touch real data.
 */
export function DemoShopOffer() {
  const [state, setState] = useState<'idle' | 'building' | 'failed'>('idle');
  const [progress, setProgress] = useState<{ phase: string; done: number; total: number } | null>(null);
  const [error, setError] = useState<OmsErrorShape | null>(null);

  useOmsEvent('job.progress', (p) => {
    if (p.job === 'demo') setProgress({ phase: p.phase, done: p.done, total: p.total });
  });

  async function build() {
    setState('building');
    setError(null);
    const reply = await call('workspace.createDemo', { orders: 20_000 });
    if (!reply.ok) {
      setState('failed');
      setError(reply.error);
      return;
    }
    await useSession.getState().boot();
  }

  const pct = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  return (
    <section className="demo-offer" data-testid="demo-offer">
      <div className="demo-offer-text">
        Or explore a ready-made demo shop with two years of history (20,000 orders), built on this computer in one go — nothing syncs or arrives.
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {state === 'building' ? (
        <div className="demo-offer-progress" role="status" aria-live="polite">
          <div className="progress" aria-label="Building the demo shop" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} role="progressbar">
            <div className="progress-bar" style={{ width: `${pct}%` }} />
          </div>
          <span className="demo-offer-phase">{progress ? `${PHASE_LABELS[progress.phase] ?? progress.phase}… ${pct}%` : 'Starting…'}</span>
        </div>
      ) : (
        <button type="button" className="btn btn-block" onClick={build}>
          Explore the demo shop
        </button>
      )}
    </section>
  );
}
