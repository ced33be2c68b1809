import { create } from 'zustand';
import type { OmsErrorShape, QueueCounts } from '../../../src-shared/contract';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';

interface CountsState {
  counts: QueueCounts | null;
  error: OmsErrorShape | null;
  load(): Promise<void>;
  /** From the orders.changed event: the core pushes fresh counts, no call needed. */
  set(counts: QueueCounts): void;
}

export const useCounts = create<CountsState>()((set) => ({
  counts: null,
  error: null,
  async load() {
    const reply = await call('orders.counts', {});
    if (reply.ok) set({ counts: reply.result, error: null });
    else set({ error: reply.error });
  },
  set(counts) {
    set({ counts, error: null });
  },
}));

onSignOut(() => useCounts.setState({ counts: null, error: null }));
