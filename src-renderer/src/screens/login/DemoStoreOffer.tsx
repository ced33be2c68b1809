import { useState } from 'react';
import type { OmsErrorShape } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { useNav } from '../../stores/nav';
import { useSession } from '../../stores/session';

/**
 * First run, the live way to look around: this empty workspace gets the four
 * demo logins and is connected to the built-in demo store (an imitation
 * Shopify shop inside Orderhouse). Its 5,000 orders come in through the real
 * sync engine — watch the progress on the Sync screen — and new orders keep
 * arriving while the app runs. The core refuses once anyone has an account.
 */
export function DemoStoreOffer() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<OmsErrorShape | null>(null);

  async function start() {
    setBusy(true);
    setError(null);
    const reply = await call('workspace.createDemoStore', {});
    if (!reply.ok) {
      setBusy(false);
      setError(reply.error);
      return;
    }
    // After signing in, land on the Sync screen where the first import is running.
    useNav.getState().go('sync');
    await useSession.getState().boot();
  }

  return (
    <section className="demo-offer" data-testid="demo-store-offer">
      <div className="demo-offer-text">
        <strong>Just looking?</strong> Try the demo store: a small imitation Shopify shop inside Orderhouse. Its 5,000 orders sync in while you watch, and new ones keep arriving. No account, no internet.
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <button type="button" className="btn btn-block" onClick={() => void start()} disabled={busy}>
        {busy ? 'Setting up the demo store…' : 'Try the demo store'}
      </button>
    </section>
  );
}
