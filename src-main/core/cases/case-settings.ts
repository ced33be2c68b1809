import { CASE_TYPES, OmsError, type CaseType, type ReplyTemplate } from '../../../src-shared/contract';
import type { CoreContext } from '../context';
import { SERVICE_TARGET_HOURS } from './service-targets';
import { REPLY_TEMPLATES, templateProblems } from './templates';

/**
 * The workspace's own service targets (hours to a first answer per case type)
 * and reply templates, kept in the settings table; the built-in ones until
 * an owner or manager saves their own. Saving is validated and audited.
 */
const TARGETS_KEY = 'cases.serviceTargets';
const TEMPLATES_KEY = 'cases.replyTemplates';

const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48) || 'template';

export function createCaseSettings(ctx: CoreContext) {
  const read = ctx.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const write = ctx.sqlite.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const json = <T>(key: string): T | null => {
    const v = read.get(key) as string | undefined;
    return v ? (JSON.parse(v) as T) : null;
  };

  const targets = (): Record<CaseType, number> => ({ ...SERVICE_TARGET_HOURS, ...(json<Partial<Record<CaseType, number>>>(TARGETS_KEY) ?? {}) });
  const templates = (): ReplyTemplate[] => json<ReplyTemplate[]>(TEMPLATES_KEY) ?? REPLY_TEMPLATES;

  return {
    targets,
    templates,

    saveTargets(input: Record<CaseType, number>, userId: number): Record<CaseType, number> {
      const before = targets();
      const next = Object.fromEntries(CASE_TYPES.map((t) => [t, input[t]])) as Record<CaseType, number>;
      const at = ctx.clock.now().toISOString();
      ctx.sqlite.transaction(() => {
        write.run(TARGETS_KEY, JSON.stringify(next));
        ctx.audit.record({ at, userId, action: 'cases.targets', entityType: 'settings', entityId: TARGETS_KEY, detail: { before, after: next } });
      })();
      return next;
    },

    saveTemplates(input: { id?: string | undefined; name: string; body: string }[], userId: number): ReplyTemplate[] {
      const names = new Set<string>();
      input.forEach((t, i) => {
        const problems = templateProblems(t.body);
        if (problems.length) throw new OmsError('VALIDATION', `Template “${t.name}”: ${problems.join('; ')}.`, { field: `templates.${i}.body` });
        const key = t.name.trim().toLowerCase();
        if (names.has(key)) throw new OmsError('VALIDATION', `Two templates are called “${t.name}”; give each its own name.`, { field: `templates.${i}.name` });
        names.add(key);
      });
      const ids = new Set<string>();
      const next = input.map((t) => {
        let id = t.id ?? slug(t.name);
        for (let n = 2; ids.has(id); n++) id = `${slug(t.name)}-${n}`;
        ids.add(id);
        return { id, name: t.name.trim(), body: t.body };
      });
      const at = ctx.clock.now().toISOString();
      ctx.sqlite.transaction(() => {
        write.run(TEMPLATES_KEY, JSON.stringify(next));
        ctx.audit.record({ at, userId, action: 'cases.templates', entityType: 'settings', entityId: TEMPLATES_KEY, detail: { names: next.map((t) => t.name) } });
      })();
      return next;
    },
  };
}
export type CaseSettings = ReturnType<typeof createCaseSettings>;
