import { create } from 'zustand';
import type { ExceptionCounts, OmsErrorShape, QueueCounts } from '../../../src-shared/contract';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';

interface CountsState {
  counts: QueueCounts | null;
  /** The Exceptions queue per reason (trigger-kept in the core: a 5-row read). */
  exceptions: ExceptionCounts | null;
  error: OmsErrorShape | null;
  load(): Promise<void>;
  loadExceptions(): Promise<void>;
  /** From the orders.changed event: the core pushes fresh counts, no call needed (the breakdown is fetched when a sender left it out). */
  set(counts: QueueCounts, exceptions?: ExceptionCounts): void;
}

export const useCounts = create<CountsState>()((set, get) => ({
  counts: null,
  exceptions: null,
  error: null,
  async load() {
    const [reply] = await Promise.all([call('orders.counts', {}), get().loadExceptions()]);
    if (reply.ok) set({ counts: reply.result, error: null });
    else set({ error: reply.error });
  },
  async loadExceptions() {
    const reply = await call('orders.exceptionCounts', {});
    if (reply.ok) set({ exceptions: reply.result });
  },
  set(counts, exceptions) {
    set({ counts, error: null, ...(exceptions ? { exceptions } : {}) });
    if (!exceptions) void get().loadExceptions();
  },
}));

onSignOut(() => useCounts.setState({ counts: null, exceptions: null, error: null }));
