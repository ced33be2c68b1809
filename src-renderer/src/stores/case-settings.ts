import { create } from 'zustand';
import type { CaseSettingsView, CaseType, InputOf, OmsErrorShape, ReplyTemplate } from '../../../src-shared/contract';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';
import { useCases } from './cases';

/** Cases → Settings: service targets, reply templates and the SMTP server, as saved in the core. */
interface CaseSettingsState {
  settings: CaseSettingsView | null;
  error: OmsErrorShape | null;
  /** Which part was just saved, for a short confirmation. */
  saved: 'targets' | 'templates' | 'smtp' | null;
  saveError: { part: 'targets' | 'templates' | 'smtp'; error: OmsErrorShape } | null;
  load(): Promise<void>;
  saveTargets(targets: Record<CaseType, number>): Promise<void>;
  saveTemplates(templates: (Omit<ReplyTemplate, 'id'> & { id?: string })[]): Promise<boolean>;
  saveSmtp(input: InputOf<'cases.saveSmtp'>): Promise<boolean>;
}

export const useCaseSettings = create<CaseSettingsState>()((set, get) => ({
  settings: null,
  error: null,
  saved: null,
  saveError: null,
  async load() {
    const r = await call('cases.settings', {});
    if (r.ok) set({ settings: r.result, error: null });
    else set({ error: r.error });
  },
  async saveTargets(targets) {
    set({ saved: null, saveError: null });
    const r = await call('cases.saveTargets', { targets });
    if (!r.ok) return void set({ saveError: { part: 'targets', error: r.error } });
    set({ saved: 'targets' });
    await get().load();
  },
  async saveTemplates(templates) {
    set({ saved: null, saveError: null });
    const r = await call('cases.saveTemplates', { templates: templates as InputOf<'cases.saveTemplates'>['templates'] });
    if (!r.ok) {
      set({ saveError: { part: 'templates', error: r.error } });
      return false;
    }
    set({ saved: 'templates' });
    await get().load();
    // an open case shows the new templates
    const open = useCases.getState().openId;
    if (open !== null) void useCases.getState().open(open);
    return true;
  },
  async saveSmtp(input) {
    set({ saved: null, saveError: null });
    const r = await call('cases.saveSmtp', input);
    if (!r.ok) {
      set({ saveError: { part: 'smtp', error: r.error } });
      return false;
    }
    set({ saved: 'smtp' });
    await get().load();
    return true;
  },
}));

onSignOut(() => useCaseSettings.setState({ settings: null, error: null, saved: null, saveError: null }));
