import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { OmsErrorShape } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { call, fieldMessage } from '../../lib/api';
import { useSession } from '../../stores/session';
import { AuthLayout } from './AuthLayout';
import { DemoShopOffer } from './DemoShopOffer';
import { DemoStoreOffer } from './DemoStoreOffer';

/** First run: the workspace has no users yet, so the first person creates the owner account. */
export function OwnerSetupScreen() {
  const info = useSession((s) => s.info);
  const signedIn = useSession((s) => s.signedIn);
  const [form, setForm] = useState({ username: '', displayName: '', password: '', confirm: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<OmsErrorShape | null>(null);

  const update = (key: keyof typeof form) => (e: ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password !== form.confirm) {
      // The only check made here: the core cannot know what was typed twice.
      setError({ code: 'VALIDATION', field: 'confirm', message: 'The two passwords are not the same.' });
      return;
    }
    setBusy(true);
    setError(null);
    const reply = await call('auth.setupOwner', { username: form.username.trim(), displayName: form.displayName.trim(), password: form.password });
    setBusy(false);
    if (reply.ok) await signedIn(reply.result.user);
    else setError(reply.error);
  }

  const fieldError = (name: string) => (error?.code === 'VALIDATION' && error.field === name ? fieldMessage(error) : null);
  const generalError = error && !(error.code === 'VALIDATION' && error.field && ['username', 'displayName', 'password', 'confirm'].includes(error.field)) ? error : null;

  return (
    <AuthLayout
      title="Create the owner account"
      subtitle={
        <>
          <strong>{info?.workspaceName ?? 'This workspace'}</strong> has no users yet. The owner can add everyone else and has every permission.
        </>
      }
      testId="owner-setup-screen"
      footer={
        <>
          <DemoStoreOffer />
          <DemoShopOffer />
        </>
      }
    >
      {generalError ? <ErrorNotice error={generalError} /> : null}
      <form className="form" onSubmit={submit} noValidate>
        <Field id="setup-displayName" label="Your name" error={fieldError('displayName')}>
          <input id="setup-displayName" className="input input-large" autoComplete="name" autoFocus value={form.displayName} onChange={update('displayName')} />
        </Field>
        <Field id="setup-username" label="Username" error={fieldError('username')} hint="Letters, digits, dot, dash and underscore.">
          <input id="setup-username" className="input input-large" autoComplete="username" autoCapitalize="off" spellCheck={false} value={form.username} onChange={update('username')} />
        </Field>
        <Field id="setup-password" label="Password" error={fieldError('password')} hint="Use a long passphrase: this account can do everything.">
          <input id="setup-password" className="input input-large" type="password" autoComplete="new-password" value={form.password} onChange={update('password')} />
        </Field>
        <Field id="setup-confirm" label="Password again" error={fieldError('confirm')}>
          <input id="setup-confirm" className="input input-large" type="password" autoComplete="new-password" value={form.confirm} onChange={update('confirm')} />
        </Field>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Creating…' : 'Create owner and sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
