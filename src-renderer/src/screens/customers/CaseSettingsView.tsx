import { useEffect, useState } from 'react';
import { CASE_TYPES, SMTP_SECURITY, type CaseType, type SmtpSecurity } from '../../../../src-shared/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { useCaseSettings } from '../../stores/case-settings';
import '../../styles/case-settings.css';
import { CaseTemplatesEditor } from './CaseTemplatesEditor';
import { typeLabel } from './case-labels';

const SECURITY_LABEL: Record<SmtpSecurity, string> = { tls: 'TLS (usually port 465)', starttls: 'STARTTLS (usually port 587)', none: 'None — only to this machine' };

/** Cases → Settings (owner, manager): hours to a first answer per type, reply templates, the mail server. */
export function CaseSettingsView({ onClose }: { onClose: () => void }) {
  const { settings, error } = useCaseSettings();
  useEffect(() => {
    void useCaseSettings.getState().load();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="case-settings" data-testid="case-settings">
      <div className="case-settings-head">
        <h2 className="case-settings-title">Case settings</h2>
        <button type="button" className="btn btn-small" onClick={onClose} data-testid="case-settings-close">
          Back to cases <span className="muted">Esc</span>
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!settings ? (
        <Spinner label="Loading settings…" />
      ) : (
        <div className="case-settings-grid">
          <div className="case-settings-col">
            <TargetsCard targets={settings.targets} />
            <SmtpCard />
          </div>
          <CaseTemplatesEditor />
        </div>
      )}
    </div>
  );
}

function SaveNote({ part }: { part: 'targets' | 'templates' | 'smtp' }) {
  const { saved, saveError } = useCaseSettings();
  if (saveError?.part === part) return <ErrorNotice error={saveError.error} testId={`case-settings-error-${part}`} />;
  if (saved === part)
    return (
      <span className="muted small" data-testid={`case-settings-saved-${part}`}>
        Saved.
      </span>
    );
  return null;
}

function TargetsCard({ targets }: { targets: Record<CaseType, number> }) {
  const [draft, setDraft] = useState<Record<CaseType, string>>(() => Object.fromEntries(CASE_TYPES.map((t) => [t, String(targets[t])])) as Record<CaseType, string>);
  const save = () => void useCaseSettings.getState().saveTargets(Object.fromEntries(CASE_TYPES.map((t) => [t, Number(draft[t])])) as Record<CaseType, number>);
  return (
    <section className="card">
      <div className="card-header">
        <span className="card-title">Service targets</span>
        <span className="card-aside muted small">hours to a first answer at normal priority; high halves it, urgent quarters it, low doubles it</span>
      </div>
      <div className="card-body case-targets">
        {CASE_TYPES.map((t) => (
          <label key={t} className="case-target">
            <span>{typeLabel(t)}</span>
            <input
              className="input input-small"
              type="number"
              min={0.25}
              step={0.25}
              value={draft[t]}
              onChange={(e) => setDraft({ ...draft, [t]: e.target.value })}
              data-testid={`target-${t}`}
            />
            <span className="muted small">h</span>
          </label>
        ))}
      </div>
      <div className="card-foot">
        <button type="button" className="btn btn-small btn-primary" onClick={save} data-testid="targets-save">
          Save targets
        </button>
        <SaveNote part="targets" />
      </div>
    </section>
  );
}

function SmtpCard() {
  const smtp = useCaseSettings((s) => s.settings?.smtp ?? null);
  const [host, setHost] = useState(smtp?.host ?? '');
  const [port, setPort] = useState(String(smtp?.port ?? 587));
  const [security, setSecurity] = useState<SmtpSecurity>(smtp?.security ?? 'starttls');
  const [user, setUser] = useState(smtp?.user ?? '');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState(smtp?.from ?? '');
  const save = async () => {
    const ok = await useCaseSettings
      .getState()
      .saveSmtp({ host: host.trim(), port: Number(port), security, user: user.trim() || null, from: from.trim(), ...(password ? { password } : smtp?.hasPassword ? {} : { password: null }) });
    if (ok) setPassword('');
  };
  return (
    <section className="card">
      <div className="card-header">
        <span className="card-title">Mail server for replies (SMTP)</span>
        <span className="card-aside muted small">{smtp ? `set up · ${smtp.host}` : 'not set up'}</span>
      </div>
      <form
        className="card-body case-smtp"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          Server
          <input className="input" value={host} onChange={(e) => setHost(e.target.value)} placeholder="smtp.example.com" data-testid="smtp-host" autoComplete="off" />
        </label>
        <label>
          Port
          <input className="input" type="number" value={port} onChange={(e) => setPort(e.target.value)} data-testid="smtp-port" />
        </label>
        <label>
          Security
          <select className="input" value={security} onChange={(e) => setSecurity(e.target.value as SmtpSecurity)} data-testid="smtp-security">
            {SMTP_SECURITY.map((s) => (
              <option key={s} value={s}>
                {SECURITY_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          User name
          <input className="input" value={user} onChange={(e) => setUser(e.target.value)} data-testid="smtp-user" autoComplete="off" />
        </label>
        <label>
          Password
          <input
            className="input"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            placeholder={smtp?.hasPassword ? 'stored — leave empty to keep' : ''}
            data-testid="smtp-password"
            autoComplete="new-password"
          />
        </label>
        <label>
          Send as
          <input className="input" value={from} onChange={(e) => setFrom(e.target.value)} placeholder="Shop <service@shop.example>" data-testid="smtp-from" />
        </label>
        <div className="case-smtp-foot">
          <button type="submit" className="btn btn-small btn-primary" data-testid="smtp-save">
            Save mail server
          </button>
          <SaveNote part="smtp" />
          <span className="muted small">The password is kept in the workspace’s key file (sealed with the OS keychain when the desktop app provides it), never in the database.</span>
        </div>
      </form>
    </section>
  );
}
