import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ROLE_LABELS, ROLES, type OmsErrorShape, type Role } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { call, fieldMessage } from '../../lib/api';
import { useUsers } from '../../stores/users';

const ROLE_HELP: Record<Role, string> = {
  owner: 'Everything, including users and settings.',
  manager: 'Everything except users and settings.',
  backoffice: 'Orders, customers, returns; reads stock.',
  packer: 'Reads orders and marks them fulfilled.',
};

const EMPTY = { username: '', displayName: '', role: 'backoffice' as Role, password: '' };
const FIELDS = ['username', 'displayName', 'role', 'password'];

/** Owner only. Validation is the core's: its VALIDATION error names the field and is shown beside it. */
export function AddUserForm() {
  const added = useUsers((s) => s.added);
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<OmsErrorShape | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  const update = (key: keyof typeof form) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [key]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    const reply = await call('users.create', { ...form, username: form.username.trim(), displayName: form.displayName.trim() });
    setBusy(false);
    if (!reply.ok) {
      setError(reply.error);
      if (reply.error.field) document.getElementById(`user-${reply.error.field}`)?.focus();
      return;
    }
    added(reply.result);
    setCreated(`${reply.result.displayName} (${reply.result.username}) can now sign in as ${ROLE_LABELS[reply.result.role]}.`);
    setForm(EMPTY);
  }

  const fieldError = (name: string) => (error?.field === name ? fieldMessage(error) : null);
  const generalError = error && !(error.field && FIELDS.includes(error.field)) ? error : null;

  return (
    <form className="card form add-user" onSubmit={submit} noValidate data-testid="add-user-form">
      <h3 className="card-title">Add user</h3>
      {generalError ? <ErrorNotice error={generalError} /> : null}
      {created ? (
        <div className="notice notice-success" role="status" data-testid="user-created">
          {created}
        </div>
      ) : null}
      <Field id="user-displayName" label="Name" error={fieldError('displayName')}>
        <input id="user-displayName" className="input" value={form.displayName} onChange={update('displayName')} aria-invalid={!!fieldError('displayName')} />
      </Field>
      <Field id="user-username" label="Username" error={fieldError('username')} hint="Used to sign in. Letters, digits, dot, dash, underscore.">
        <input id="user-username" className="input" autoCapitalize="off" spellCheck={false} value={form.username} onChange={update('username')} aria-invalid={!!fieldError('username')} />
      </Field>
      <Field id="user-role" label="Role" error={fieldError('role')} hint={ROLE_HELP[form.role]}>
        <select id="user-role" className="select" value={form.role} onChange={update('role')}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="user-password" label="Initial password" error={fieldError('password')} hint="Share it privately; ask them to keep it to themselves.">
        <input id="user-password" className="input" type="password" autoComplete="new-password" value={form.password} onChange={update('password')} aria-invalid={!!fieldError('password')} />
      </Field>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="add-user-submit">
        {busy ? 'Adding…' : 'Add user'}
      </button>
    </form>
  );
}
