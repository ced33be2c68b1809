import { useState } from 'react';
import type { OmsErrorShape } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { fieldMessage } from '../../lib/api';
import { useSession } from '../../stores/session';
import { useSync } from '../../stores/sync';

/**
 * The shop connection: what it is, and for the owner the form to connect a
 * Shopify shop (address + Admin API access token, checked against the shop
 * before it is stored) and a disconnect that asks first.
 */
export function ConnectionCard() {
  const isOwner = useSession((s) => s.user?.role === 'owner');
  const status = useSync((s) => s.status);
  if (!status) return null;
  const where = status.tokenIn === 'os-keychain' ? 'in the system keychain' : status.tokenIn === 'key-file' ? "in the workspace's owner-only key file" : null;
  return (
    <section className="card" data-testid="sync-connection">
      <header className="card-header">
        <h3 className="card-title">Shop connection</h3>
        <span className="card-aside">{status.connected ? status.demo ? <span className="badge badge-blue">demo store</span> : <span className="badge badge-green">Shopify</span> : <span className="badge badge-amber">not connected</span>}</span>
      </header>
      <div className="card-body sync-connection-body">
        {status.connected ? (
          <>
            <p>
              {status.demo ? (
                <>The built-in demo store <strong>{status.shop}</strong>: an imitation Shopify shop inside Orderhouse. Nothing here is a real shop or real customers.</>
              ) : (
                <>
                  <strong>{status.shop}</strong> at <code>{status.shopUrl}</code>. The access token is kept {where}, never in the database.
                </>
              )}
            </p>
            {isOwner ? <DisconnectButton demo={status.demo} /> : null}
          </>
        ) : isOwner ? (
          <ConnectForm />
        ) : (
          <p className="muted">Only the owner can connect a shop.</p>
        )}
      </div>
    </section>
  );
}

function ConnectForm() {
  const connect = useSync((s) => s.connect);
  const [shop, setShop] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<OmsErrorShape | null>(null);
  const fieldError = (name: string) => (error?.code === 'VALIDATION' && error.field === name ? fieldMessage(error) : null);
  return (
    <form
      className="sync-connect-form"
      data-testid="sync-connect-form"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        void connect(shop, token).then((err) => {
          setBusy(false);
          setError(err);
          if (!err) setToken('');
        });
      }}
    >
      <p className="muted">
        In Shopify admin: Settings → Apps and sales channels → Develop apps → your app → API credentials. Paste the shop address and the Admin API access token; Orderhouse checks it with the shop before keeping it.
      </p>
      <Field id="sync-connect-shop" label="Shop address" error={fieldError('shop')} hint="my-shop.myshopify.com, or just my-shop">
        <input id="sync-connect-shop" className="input" value={shop} onChange={(e) => setShop(e.target.value)} placeholder="my-shop.myshopify.com" autoComplete="off" data-testid="sync-connect-shop" required />
      </Field>
      <Field id="sync-connect-token" label="Admin API access token" error={fieldError('token')} hint="Kept in the system keychain (desktop app) or the workspace's owner-only key file; never in the database.">
        <input id="sync-connect-token" className="input" type="password" value={token} onChange={(e) => setToken(e.target.value)} placeholder="shpat_…" autoComplete="off" data-testid="sync-connect-token" required />
      </Field>
      {error && !(error.code === 'VALIDATION' && (error.field === 'shop' || error.field === 'token')) ? <ErrorNotice error={error} /> : null}
      <button type="submit" className="btn btn-primary" disabled={busy || !shop.trim() || !token.trim()} data-testid="sync-connect-submit">
        {busy ? 'Checking with the shop…' : 'Connect'}
      </button>
    </form>
  );
}

function DisconnectButton({ demo }: { demo: boolean }) {
  const disconnect = useSync((s) => s.disconnect);
  const running = useSync((s) => s.running);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<OmsErrorShape | null>(null);
  if (!confirming) {
    return (
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(true)} data-testid="sync-disconnect">
        Disconnect…
      </button>
    );
  }
  return (
    <div className="sync-confirm" role="alertdialog" aria-label="Disconnect the shop?">
      <p>
        <strong>Disconnect {demo ? 'the demo store' : 'this shop'}?</strong> Orders already here stay, but nothing is read or sent until a shop is connected again{demo ? '' : ', and the access token is forgotten'}.
      </p>
      {error ? <ErrorNotice error={error} /> : null}
      <button type="button" className="btn btn-danger btn-small" disabled={running} onClick={() => void disconnect().then((e) => (e ? setError(e) : setConfirming(false)))} data-testid="sync-disconnect-confirm">
        Disconnect
      </button>{' '}
      <button type="button" className="btn btn-ghost btn-small" autoFocus onClick={() => setConfirming(false)}>
        Keep connected
      </button>
    </div>
  );
}
