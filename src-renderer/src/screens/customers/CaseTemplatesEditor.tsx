import { useState } from 'react';
import { useCaseSettings } from '../../stores/case-settings';

interface Draft {
  id?: string;
  name: string;
  body: string;
}

/** What the core will refuse, said before saving: unknown placeholders and stray braces. */
function problems(body: string, known: readonly string[]): string[] {
  const out: string[] = [];
  const re = /\{\{(\w+)\}\}|\{(\w+)\}/g;
  for (const m of body.matchAll(re)) {
    const k = (m[1] ?? m[2])!;
    if (!known.includes(k)) out.push(`{${k}} is not a placeholder`);
  }
  if (/[{}]/.test(body.replace(re, ''))) out.push('a { or } is not part of a placeholder');
  return [...new Set(out)];
}

/** The reply templates: name and text each, placeholders checked as you type; saved together. */
export function CaseTemplatesEditor() {
  const settings = useCaseSettings((s) => s.settings)!;
  const saveError = useCaseSettings((s) => s.saveError);
  const saved = useCaseSettings((s) => s.saved);
  const [drafts, setDrafts] = useState<Draft[]>(() => settings.templates.map((t) => ({ id: t.id, name: t.name, body: t.body })));
  const dirty = JSON.stringify(drafts) !== JSON.stringify(settings.templates.map((t) => ({ id: t.id, name: t.name, body: t.body })));
  const set = (i: number, patch: Partial<Draft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const anyProblem = drafts.some((d) => !d.name.trim() || !d.body.trim() || problems(d.body, settings.placeholders).length > 0);
  const saveAll = async () => {
    if (await useCaseSettings.getState().saveTemplates(drafts)) setDrafts(useCaseSettings.getState().settings!.templates.map((t) => ({ id: t.id, name: t.name, body: t.body })));
  };
  const errorIndex = saveError?.part === 'templates' ? Number(/^templates\.(\d+)\./.exec(saveError.error.field ?? '')?.[1] ?? -1) : -1;

  return (
    <section className="card case-templates" data-testid="case-templates">
      <div className="card-header">
        <span className="card-title">Reply templates</span>
        <span className="card-aside muted small">
          Placeholders:{' '}
          {settings.placeholders.map((p) => (
            <code key={p} className="case-ph">{`{${p}}`}</code>
          ))}
        </span>
      </div>
      <div className="card-body case-template-list">
        {drafts.map((d, i) => {
          const issues = problems(d.body, settings.placeholders);
          return (
            <div key={d.id ?? `new-${i}`} className={`case-template${issues.length || errorIndex === i ? ' has-problem' : ''}`} data-testid="template-row">
              <div className="case-template-head">
                <input className="input input-small" value={d.name} onChange={(e) => set(i, { name: e.target.value })} aria-label={`Template ${i + 1} name`} data-testid="template-name" />
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  onClick={() => {
                    if (window.confirm(`Remove the template “${d.name}”? It goes when you save.`)) setDrafts(drafts.filter((_, j) => j !== i));
                  }}
                  aria-label={`Remove template ${d.name}`}
                >
                  Remove
                </button>
              </div>
              <textarea className="input" rows={4} value={d.body} onChange={(e) => set(i, { body: e.target.value })} aria-label={`Template ${i + 1} text`} data-testid="template-body" />
              {issues.length ? (
                <div className="case-template-issue" role="alert" data-testid="template-problem">
                  {issues.join('; ')} — use {settings.placeholders.map((p) => `{${p}}`).join(', ')}.
                </div>
              ) : null}
            </div>
          );
        })}
        {drafts.length === 0 ? <div className="muted">No templates: replies are written from scratch. Add one below.</div> : null}
      </div>
      <div className="card-foot">
        <button type="button" className="btn btn-small" onClick={() => setDrafts([...drafts, { name: `New template ${drafts.length + 1}`, body: 'Hi {customer_name},\n\n\n\nKind regards' }])} data-testid="template-add">
          Add a template
        </button>
        <button type="button" className="btn btn-small btn-primary" disabled={!dirty || anyProblem} onClick={() => void saveAll()} data-testid="templates-save">
          Save templates
        </button>
        {saveError?.part === 'templates' ? (
          <span className="case-template-issue" role="alert" data-testid="case-settings-error-templates">
            {saveError.error.message}
          </span>
        ) : saved === 'templates' && !dirty ? (
          <span className="muted small" data-testid="case-settings-saved-templates">
            Saved.
          </span>
        ) : null}
      </div>
    </section>
  );
}
