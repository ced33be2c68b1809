import { create } from 'zustand';
import type { DuplicatePair, MergeCertainResult, OmsErrorShape } from '../../../src-shared/contract';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';
import { useCustomers } from './customers';
import { useDuplicates } from './duplicates';

/**
 * "Merge all certain": the confirmation (how many, and a sample to look at),
 * the run with its progress, then every merge listed with its own undo.
 */
interface MergeCertainState {
  step: 'closed' | 'confirm' | 'running' | 'done';
  count: number;
  sample: DuplicatePair[];
  progress: { done: number; total: number } | null;
  result: MergeCertainResult | null;
  undone: number[];
  error: OmsErrorShape | null;
  open(): Promise<void>;
  confirm(): Promise<void>;
  undoOne(mergeId: number): Promise<void>;
  onProgress(p: { job: string; done: number; total: number }): void;
  close(): void;
}

const initial = { step: 'closed' as const, count: 0, sample: [], progress: null, result: null, undone: [], error: null };

export const useMergeCertain = create<MergeCertainState>()((set, get) => ({
  ...initial,
  async open() {
    set({ ...initial, step: 'confirm' });
    const r = await call('duplicates.review', { band: 'certain', limit: 5 });
    if (!r.ok) return void set({ error: r.error });
    set({ count: r.result.total, sample: r.result.items });
  },
  async confirm() {
    const { count, step } = get();
    if (step !== 'confirm' || !count) return;
    set({ step: 'running', progress: { done: 0, total: count }, error: null });
    const r = await call('duplicates.mergeCertain', { expected: count });
    if (!r.ok) {
      // The queue changed under us: show the new count and ask again.
      set({ step: 'confirm', progress: null, error: r.error });
      if (r.error.code === 'CONFLICT') {
        const q = await call('duplicates.review', { band: 'certain', limit: 5 });
        if (q.ok) set({ count: q.result.total, sample: q.result.items });
      }
      return;
    }
    set({ step: 'done', progress: null, result: r.result });
    void useDuplicates.getState().load();
    void useCustomers.getState().load();
  },
  async undoOne(mergeId) {
    const r = await call('duplicates.unmerge', { mergeId });
    if (!r.ok) return void set({ error: r.error });
    set({ undone: [...get().undone, mergeId], error: null });
    void useDuplicates.getState().load();
    void useCustomers.getState().load();
  },
  onProgress(p) {
    if (p.job === 'duplicates.mergeCertain' && get().step === 'running') set({ progress: { done: p.done, total: p.total } });
  },
  close() {
    set({ ...initial });
  },
}));

onSignOut(() => useMergeCertain.setState({ ...initial }));
