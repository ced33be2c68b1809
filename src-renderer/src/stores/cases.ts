import { create } from 'zustand';
import type { CaseDetail, CaseStatus, CaseSummary, InputOf, OmsErrorShape } from '../../../src-shared/contract';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';

export type CaseTab = CaseStatus | 'active' | 'all';

interface CasesState {
  tab: CaseTab;
  items: CaseSummary[];
  counts: Record<CaseStatus | 'overdue', number> | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: OmsErrorShape | null;
  openId: number | null;
  detail: CaseDetail | null;
  actionError: OmsErrorShape | null;
  reply: string;
  sending: boolean;
  /** Shown after a reply was emailed. */
  sentTo: string | null;
  /** Cases → Settings (targets, templates, SMTP) instead of the list. */
  showSettings: boolean;
  setShowSettings(show: boolean): void;
  sendReply(): Promise<void>;
  setTab(tab: CaseTab): void;
  load(): Promise<void>;
  open(id: number | null): Promise<void>;
  create(input: InputOf<'cases.create'>): Promise<CaseDetail | null>;
  update(input: Omit<InputOf<'cases.update'>, 'id'>): Promise<void>;
  addNote(kind: 'note' | 'reply', body: string): Promise<boolean>;
  useTemplate(templateId: string): Promise<void>;
  setReply(text: string): void;
}

export const useCases = create<CasesState>()((set, get) => ({
  tab: 'active',
  items: [],
  counts: null,
  status: 'idle',
  error: null,
  openId: null,
  detail: null,
  actionError: null,
  reply: '',
  sending: false,
  sentTo: null,
  showSettings: false,
  setShowSettings(show) {
    set({ showSettings: show });
  },
  async sendReply() {
    const { openId, reply, sending, detail } = get();
    if (openId === null || !reply.trim() || sending) return;
    set({ sending: true, actionError: null, sentTo: null });
    const r = await call('cases.sendReply', { id: openId, body: reply.trim() });
    if (!r.ok) return void set({ sending: false, actionError: r.error });
    set({ sending: false, detail: r.result, reply: '', sentTo: detail?.customerEmail ?? null });
  },
  setTab(tab) {
    set({ tab });
    void get().load();
  },
  async load() {
    set({ status: 'loading' });
    const r = await call('cases.list', { status: get().tab });
    if (r.ok) set({ items: r.result.items, counts: r.result.counts, status: 'ready', error: null });
    else set({ status: 'error', error: r.error });
  },
  async open(id) {
    set({ openId: id, detail: null, actionError: null, reply: '', sentTo: null });
    if (id === null) return;
    const r = await call('cases.get', { id });
    if (get().openId !== id) return;
    if (r.ok) set({ detail: r.result });
    else set({ actionError: r.error });
  },
  async create(input) {
    const r = await call('cases.create', input);
    if (!r.ok) {
      set({ actionError: r.error });
      return null;
    }
    set({ tab: 'active', openId: r.result.id, detail: r.result, actionError: null, reply: '' });
    await get().load();
    return r.result;
  },
  async update(input) {
    const id = get().openId;
    if (id === null) return;
    const r = await call('cases.update', { id, ...input });
    if (!r.ok) return void set({ actionError: r.error });
    set({ detail: r.result, actionError: null });
    await get().load();
  },
  async addNote(kind, body) {
    const id = get().openId;
    if (id === null) return false;
    const r = await call('cases.addNote', { id, kind, body });
    if (!r.ok) {
      set({ actionError: r.error });
      return false;
    }
    set({ detail: r.result, actionError: null, ...(kind === 'reply' ? { reply: '' } : {}) });
    return true;
  },
  async useTemplate(templateId) {
    const id = get().openId;
    if (id === null) return;
    const r = await call('cases.renderReply', { id, templateId });
    if (r.ok) set({ reply: r.result.text, actionError: null });
    else set({ actionError: r.error });
  },
  setReply(text) {
    set({ reply: text });
  },
}));

onSignOut(() =>
  useCases.setState({ tab: 'active', items: [], counts: null, status: 'idle', error: null, openId: null, detail: null, actionError: null, reply: '', sending: false, sentTo: null, showSettings: false }),
);
