import { create } from 'zustand';
import type { InputOf, OmsErrorShape } from '../../../src-shared/contract';
import type { ReturnDetail, ReturnListResult, ReturnStatus } from '../../../src-shared/returns/types';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';

export type ReturnTab = ReturnStatus | 'open' | 'all';

interface ReturnsState {
  tab: ReturnTab;
  search: string;
  list: ReturnListResult | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: OmsErrorShape | null;
  openId: number | null;
  detail: ReturnDetail | null;
  detailError: OmsErrorShape | null;
  /** An action on the open return is running. */
  busy: boolean;
  actionError: OmsErrorShape | null;
  setTab(tab: ReturnTab): void;
  setSearch(search: string): void;
  load(): Promise<void>;
  open(id: number | null): Promise<void>;
  /** Runs a lifecycle step on the open return, then refreshes it and the list. */
  act<M extends 'returns.approve' | 'returns.markInTransit' | 'returns.inspect' | 'returns.resolve' | 'returns.reject'>(method: M, input: InputOf<M>): Promise<boolean>;
  /** Scan an RMA slip: receives it and opens it. */
  receive(rma: string): Promise<boolean>;
}

export const useReturns = create<ReturnsState>()((set, get) => ({
  tab: 'open',
  search: '',
  list: null,
  status: 'idle',
  error: null,
  openId: null,
  detail: null,
  detailError: null,
  busy: false,
  actionError: null,
  setTab(tab) {
    set({ tab });
    void get().load();
  },
  setSearch(search) {
    set({ search });
    void get().load();
  },
  async load() {
    const { tab, search } = get();
    set({ status: get().list ? 'ready' : 'loading', error: null });
    const reply = await call('returns.list', { status: tab, limit: 200, ...(search.trim() ? { search: search.trim() } : {}) });
    if (get().tab !== tab || get().search !== search) return; // a newer request is on its way
    if (reply.ok) set({ list: reply.result, status: 'ready' });
    else set({ status: 'error', error: reply.error });
  },
  async open(id) {
    set({ openId: id, detail: id === null ? null : get().detail?.id === id ? get().detail : null, detailError: null, actionError: null });
    if (id === null) return;
    const reply = await call('returns.get', { id });
    if (get().openId !== id) return;
    if (reply.ok) set({ detail: reply.result });
    else set({ detailError: reply.error });
  },
  async act(method, input) {
    set({ busy: true, actionError: null });
    const reply = await call(method, input as never);
    set({ busy: false });
    if (!reply.ok) {
      set({ actionError: reply.error });
      return false;
    }
    set({ detail: reply.result as ReturnDetail });
    void get().load();
    return true;
  },
  async receive(rma) {
    set({ busy: true, actionError: null });
    const reply = await call('returns.receive', { rma });
    set({ busy: false });
    if (!reply.ok) {
      set({ actionError: reply.error });
      return false;
    }
    set({ openId: reply.result.id, detail: reply.result, detailError: null });
    void get().load();
    return true;
  },
}));

onSignOut(() => useReturns.setState({ list: null, status: 'idle', error: null, openId: null, detail: null, detailError: null, actionError: null, search: '', tab: 'open' }));
