import { useState, type FormEvent } from 'react';
import type { OmsErrorShape } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { call, fieldMessage } from '../../lib/api';
import { useSession } from '../../stores/session';
import { AuthLayout } from './AuthLayout';
import { useCountdown } from './use-countdown';

export function LoginScreen() {
  const info = useSession((s) => s.info);
  const notice = useSession((s) => s.notice);
  const signedIn = useSession((s) => s.signedIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<OmsErrorShape | null>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(lockedUntil);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || secondsLeft > 0) return;
    setBusy(true);
    setError(null);
    const reply = await call('auth.login', { username: username.trim(), password });
    setBusy(false);
    if (reply.ok) {
      await signedIn(reply.result.user);
      return;
    }
    setError(reply.error);
    setLockedUntil(reply.error.code === 'RATE_LIMITED' ? Date.now() + (reply.error.retryAfterMs ?? 1000) : null);
    // A wrong password is retyped, never edited: clear it and put the cursor back.
    setPassword('');
    document.getElementById('login-password')?.focus();
  }

  const fieldError = (name: string) => (error?.code === 'VALIDATION' && error.field === name ? fieldMessage(error) : null);
  const generalError = error && !(error.code === 'VALIDATION' && error.field) ? error : null;

  return (
    <AuthLayout
      title="Sign in"
      subtitle={
        <>
          to <strong data-testid="workspace-name">{info?.workspaceName ?? 'Orderhouse'}</strong>
        </>
      }
      testId="login-screen"
      footer={
        info?.demo ? (
          <p className="demo-hint" data-testid="demo-hint">
            Demo workspace — users <code>owner</code>, <code>manager</code>, <code>backoffice</code>, <code>packer</code>; password <code>demo</code>
          </p>
        ) : null
      }
    >
      {notice && !error ? (
        <div className={`notice notice-${notice.tone}`} role="status" data-testid="login-notice">
          {notice.text}
        </div>
      ) : null}
      {generalError ? (
        generalError.code === 'RATE_LIMITED' ? (
          <div className="notice notice-error" role="alert" data-testid="login-error" data-code="RATE_LIMITED">
            {secondsLeft > 0 ? `Too many attempts, try again in ${secondsLeft} s.` : 'Too many attempts. You can try again now.'}
          </div>
        ) : generalError.code === 'UNAUTHENTICATED' ? (
          <div className="notice notice-error" role="alert" data-testid="login-error" data-code={generalError.code}>
            {generalError.message || 'Wrong username or password.'}
          </div>
        ) : (
          <ErrorNotice error={generalError} testId="login-error" />
        )
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
        <Field id="login-username" label="Username" error={fieldError('username')}>
          <input
            id="login-username"
            className="input input-large"
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={!!fieldError('username')}
          />
        </Field>
        <Field id="login-password" label="Password" error={fieldError('password')}>
          <input
            id="login-password"
            className="input input-large"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={!!fieldError('password')}
          />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy || secondsLeft > 0} data-testid="login-submit">
          {busy ? 'Signing in…' : secondsLeft > 0 ? `Wait ${secondsLeft} s` : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
