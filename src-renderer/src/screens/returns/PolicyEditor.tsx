import { useEffect, useState, type ReactNode } from 'react';
import { can, type OmsErrorShape } from '../../../../src-shared/contract';
import { minorDigits, parseDecimalToMinor } from '../../../../src-shared/money';
import { RESOLUTIONS, RESOLUTION_LABELS, type ReturnPolicy, type StoredReturnPolicy } from '../../../../src-shared/returns/policy';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { call, fieldMessage } from '../../lib/api';
import { formatDateTime, money } from '../../lib/format';
import { useSession } from '../../stores/session';
import { ConditionsCard, ReasonsCard } from './policy-lists';
import '../../styles/returns-policy.css';

type Draft = ReturnPolicy;
const toDecimal = (minor: number, currency: string) => (minor / 10 ** minorDigits(currency)).toFixed(minorDigits(currency));

/** The return policy: read by everyone who handles returns, edited (as a new version) by owners and managers. */
export function PolicyEditor({ currency }: { currency: string }) {
  const role = useSession((s) => s.user?.role);
  const canEdit = !!role && can(role, 'returns.override');
  const [versions, setVersions] = useState<StoredReturnPolicy[] | null>(null);
  const [current, setCurrent] = useState<StoredReturnPolicy | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<OmsErrorShape | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    void call('returns.policy.get', {}).then((r) => {
      if (!live) return;
      if (r.ok) {
        setCurrent(r.result.current);
        setVersions(r.result.versions);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [reload]);

  if (!current || !versions) return error ? <ErrorNotice error={error} /> : <Spinner label="Loading the return policy…" />;

  const save = async () => {
    if (!draft) return;
    setError(null);
    const reply = await call('returns.policy.save', {
      policy: draft,
      ...(effectiveFrom ? { effectiveFrom: new Date(effectiveFrom).toISOString() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    if (!reply.ok) return setError(reply.error);
    setSaved(`Saved as version ${reply.result.id}, in force from ${formatDateTime(reply.result.effectiveFrom)}.`);
    setDraft(null);
    setNote('');
    setEffectiveFrom('');
    setReload((n) => n + 1);
  };

  const p = draft ?? current.policy;
  const edit = (change: Partial<Draft>) => setDraft({ ...(draft ?? structuredClone(current.policy)), ...change });
  const editing = draft !== null;
  // Codes the latest saved version has: those can be retired but not removed.
  const latest = versions[0]?.policy ?? current.policy;
  const savedCodes = { reasons: new Set(latest.reasons.map((r) => r.code)), conditions: new Set(latest.conditions.map((c) => c.code)) };

  return (
    <div className="policy" data-testid="policy-editor">
      <div className="policy-head">
        <div>
          <h2 className="page-title">{p.name}</h2>
          <p className="page-sub">
            Version {current.id} in force since {current.effectiveFrom.startsWith('1970') ? 'the workspace began' : formatDateTime(current.effectiveFrom)}
            {current.createdBy ? ` · saved by ${current.createdBy}` : ''}. Returns are judged by the version in force when the order was delivered.
          </p>
        </div>
        {canEdit && !editing ? (
          <button type="button" className="btn btn-primary" onClick={() => edit({})} data-testid="policy-edit">
            Edit policy
          </button>
        ) : null}
      </div>
      {saved ? (
        <div className="notice notice-success" role="status" data-testid="policy-saved">
          <div className="notice-text">{saved}</div>
        </div>
      ) : null}
      {error ? (
        <div className="notice notice-error" role="alert" data-testid="policy-error" data-field={error.field}>
          <div className="notice-text">
            <strong>{error.field ?? 'Error'}:</strong> {fieldMessage(error)}
          </div>
        </div>
      ) : null}

      <section className="card">
        <header className="card-header">
          <h3 className="card-title">Basics</h3>
        </header>
        <div className="card-body policy-grid">
          <Labelled label="Name">{editing ? <input className="input" value={p.name} onChange={(e) => edit({ name: e.target.value })} /> : p.name}</Labelled>
          <Labelled label="Time zone (counting days)">{editing ? <input className="input" value={p.timeZone} onChange={(e) => edit({ timeZone: e.target.value })} aria-label="Time zone" /> : p.timeZone}</Labelled>
          <Labelled label="Return window">
            {editing ? <input className="input num-input" type="number" min={0} value={p.windowDays} onChange={(e) => edit({ windowDays: Number(e.target.value) })} aria-label="Window days" data-testid="policy-window" /> : null} {`${editing ? '' : p.windowDays} days after delivery`}
          </Labelled>
          <Labelled label="Required condition">
            {editing ? (
              <select className="select" value={p.requiredCondition} onChange={(e) => edit({ requiredCondition: e.target.value })}>
                {p.conditions.filter((c) => !c.retired || c.code === p.requiredCondition).map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.label}
                  </option>
                ))}
              </select>
            ) : (
              `${p.conditions.find((c) => c.code === p.requiredCondition)?.label ?? p.requiredCondition} or better`
            )}
          </Labelled>
          <Labelled label="Return shipping">
            {editing ? (
              <span className="inline">
                <select className="select" value={p.returnShipping.paidBy} onChange={(e) => edit({ returnShipping: { ...p.returnShipping, paidBy: e.target.value as 'customer' | 'shop' } })}>
                  <option value="customer">Customer pays the label</option>
                  <option value="shop">Shop pays</option>
                </select>
                <MoneyInput currency={currency} minor={p.returnShipping.labelCostMinor} onChange={(m) => edit({ returnShipping: { ...p.returnShipping, labelCostMinor: m ?? 0 } })} label="Label cost" />
              </span>
            ) : p.returnShipping.paidBy === 'customer' ? (
              `Customer pays ${money(p.returnShipping.labelCostMinor, currency)} (the shop pays when at fault)`
            ) : (
              'Shop pays'
            )}
          </Labelled>
          <Labelled label="Original shipping">
            {editing ? (
              <select className="select" value={p.refundOriginalShipping} onChange={(e) => edit({ refundOriginalShipping: e.target.value as 'never' | 'shop_fault' })}>
                <option value="never">Never refunded</option>
                <option value="shop_fault">Refunded pro rata when the shop is at fault</option>
              </select>
            ) : p.refundOriginalShipping === 'never' ? (
              'Never refunded'
            ) : (
              'Refunded pro rata when the shop is at fault'
            )}
          </Labelled>
          <Labelled label="Manager approval">
            {editing ? (
              <MoneyInput currency={currency} minor={p.managerApprovalAboveMinor} onChange={(m) => edit({ managerApprovalAboveMinor: m })} label="Approval above" allowEmpty />
            ) : p.managerApprovalAboveMinor === null ? (
              'Never needed'
            ) : (
              `Above ${money(p.managerApprovalAboveMinor, currency)}`
            )}
          </Labelled>
          <Labelled label="Resolutions">
            {editing
              ? RESOLUTIONS.map((r) => (
                  <label key={r} className="check">
                    <input type="checkbox" checked={p.resolutions.includes(r)} onChange={(e) => edit({ resolutions: e.target.checked ? [...p.resolutions, r] : p.resolutions.filter((x) => x !== r) })} />
                    {RESOLUTION_LABELS[r]}
                  </label>
                ))
              : p.resolutions.map((r) => RESOLUTION_LABELS[r]).join(', ')}
          </Labelled>
          <Labelled label="Final-sale tags">
            {editing ? (
              <input className="input" value={p.finalSaleTags.join(', ')} onChange={(e) => edit({ finalSaleTags: e.target.value.split(',').map((t) => t.trim()).filter(Boolean) })} aria-label="Final-sale tags" />
            ) : p.finalSaleTags.length ? (
              p.finalSaleTags.join(', ')
            ) : (
              'None'
            )}
          </Labelled>
        </div>
      </section>

      <section className="card">
        <header className="card-header">
          <h3 className="card-title">Rules by product type or tag</h3>
          <div className="card-aside">first match wins</div>
        </header>
        <div className="card-body">
          <table className="table policy-table">
            <thead>
              <tr>
                <th>Rule</th>
                <th>Product type</th>
                <th>Tag</th>
                <th className="num">Window</th>
                <th>Final sale</th>
                <th>Condition</th>
                {editing ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {p.rules.map((r, i) => {
                const set = (change: Partial<typeof r>) => edit({ rules: p.rules.map((x, k) => (k === i ? { ...x, ...change } : x)) });
                const opt = (v: string) => (v.trim() ? v.trim() : undefined);
                return editing ? (
                  <tr key={i}>
                    <td>
                      <input className="input" value={r.label} onChange={(e) => set({ label: e.target.value })} aria-label={`Rule ${i + 1} label`} />
                    </td>
                    <td>
                      <input className="input" value={r.productType ?? ''} onChange={(e) => set({ productType: opt(e.target.value) })} aria-label={`Rule ${i + 1} product type`} />
                    </td>
                    <td>
                      <input className="input" value={r.tag ?? ''} onChange={(e) => set({ tag: opt(e.target.value) })} aria-label={`Rule ${i + 1} tag`} />
                    </td>
                    <td className="num">
                      <input className="input num-input" type="number" min={0} value={r.windowDays ?? ''} placeholder={String(p.windowDays)} onChange={(e) => set({ windowDays: e.target.value === '' ? undefined : Number(e.target.value) })} aria-label={`Rule ${i + 1} window days`} />
                    </td>
                    <td>
                      <input type="checkbox" checked={!!r.finalSale} onChange={(e) => set({ finalSale: e.target.checked || undefined })} aria-label={`Rule ${i + 1} final sale`} />
                    </td>
                    <td>
                      <select className="select" value={r.requiredCondition ?? ''} onChange={(e) => set({ requiredCondition: opt(e.target.value) })} aria-label={`Rule ${i + 1} condition`}>
                        <option value="">Policy default</option>
                        {p.conditions.filter((c) => !c.retired || c.code === p.requiredCondition).map((c) => (
                          <option key={c.code} value={c.code}>
                            {c.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <button type="button" className="btn btn-ghost btn-small" onClick={() => edit({ rules: p.rules.filter((_, k) => k !== i) })}>
                        Remove
                      </button>
                    </td>
                  </tr>
                ) : (
                  <tr key={i}>
                    <td>{r.label}</td>
                    <td>{r.productType ?? '—'}</td>
                    <td>{r.tag ?? '—'}</td>
                    <td className="num">{r.windowDays !== undefined ? `${r.windowDays} d` : '—'}</td>
                    <td>{r.finalSale ? 'Yes' : '—'}</td>
                    <td>{r.requiredCondition ? (p.conditions.find((c) => c.code === r.requiredCondition)?.label ?? r.requiredCondition) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {editing ? (
            <button type="button" className="btn btn-small" onClick={() => edit({ rules: [...p.rules, { label: 'New rule', productType: 'apparel' }] })}>
              Add rule
            </button>
          ) : null}
        </div>
      </section>

      <ReasonsCard p={p} saved={savedCodes.reasons} editing={editing} currency={currency} edit={edit} />
      <ConditionsCard p={p} saved={savedCodes.conditions} editing={editing} currency={currency} edit={edit} />

      {editing ? (
        <div className="policy-save">
          <label className="field">
            <span className="field-label">In force from (empty: now)</span>
            <input className="input" type="datetime-local" value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} aria-label="In force from" />
          </label>
          <label className="field policy-note">
            <span className="field-label">What changed</span>
            <input className="input" value={note} onChange={(e) => setNote(e.target.value)} aria-label="What changed" placeholder="e.g. Holiday returns until 31 January" />
          </label>
          <button type="button" className="btn" onClick={() => setDraft(null)}>
            Discard
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void save()} data-testid="policy-save">
            Save as a new version
          </button>
        </div>
      ) : null}

      <section className="card">
        <header className="card-header">
          <h3 className="card-title">Versions</h3>
        </header>
        <div className="card-body">
          <table className="table">
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} data-testid="policy-version">
                  <td className="mono">v{v.id}</td>
                  <td>{v.policy.name}</td>
                  <td className="muted">{v.effectiveFrom.startsWith('1970') ? 'from the start' : `from ${formatDateTime(v.effectiveFrom)}`}</td>
                  <td className="muted">{v.createdBy ?? 'Orderhouse'}</td>
                  <td className="muted">{v.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="policy-item">
      <div className="field-label">{label}</div>
      <div>{children}</div>
    </div>
  );
}

/** Money typed as a decimal ("5.95"), kept as minor units. */
function MoneyInput({ currency, minor, onChange, label, allowEmpty = false }: { currency: string; minor: number | null; onChange(m: number | null): void; label: string; allowEmpty?: boolean }) {
  const [text, setText] = useState(minor === null ? '' : toDecimal(minor, currency));
  const [bad, setBad] = useState(false);
  return (
    <input
      className="input money-input"
      aria-label={label}
      aria-invalid={bad}
      value={text}
      placeholder={allowEmpty ? 'never' : '0.00'}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        if (allowEmpty && !t.trim()) {
          setBad(false);
          return onChange(null);
        }
        try {
          onChange(parseDecimalToMinor(t, currency));
          setBad(false);
        } catch {
          setBad(true);
        }
      }}
    />
  );
}
