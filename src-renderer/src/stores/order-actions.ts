import { create } from 'zustand';
import { BULK_MAX, type BulkAction, type BulkResult, type OmsErrorShape } from '../../../src-shared/contract';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';
import { useOrderDetail } from './order-detail';
import { filterInput, useOrdersList } from './orders-list';

export type DetailAction = 'hold' | 'release' | 'tag' | 'note' | 'readyToPack';

interface OrderActionsState {
  /** Orders ticked for a bulk action (ids; kept across pages and queue switches until cleared). */
  selected: Set<number>;
  selecting: boolean;
  /** The running or last bulk run. */
  job: { id: string; action: BulkAction; done: number; total: number } | null;
  result: BulkResult | null;
  bulkError: OmsErrorShape | null;
  /** The detail panel's open form (reason, tag or note), if any. */
  form: DetailAction | null;
  busy: boolean;
  actionError: OmsErrorShape | null;
  toggle(id: number): void;
  clear(): void;
  /** Ticks every order matching the list's current filters (up to the bulk limit). */
  selectAllInView(): Promise<void>;
  runBulk(action: BulkAction, extra: { reason?: string; tags?: string[] }): Promise<void>;
  progress(p: { job: string; done: number; total: number }): void;
  dismissResult(): void;
  openForm(f: DetailAction | null): void;
  /** Runs an action on the open order with its updatedAt, so a change made meanwhile is refused, not overwritten. */
  act(action: DetailAction, text?: string): Promise<boolean>;
}

let jobSeq = 0;

export const useOrderActions = create<OrderActionsState>()((set, get) => ({
  selected: new Set(),
  selecting: false,
  job: null,
  result: null,
  bulkError: null,
  form: null,
  busy: false,
  actionError: null,

  toggle(id) {
    const next = new Set(get().selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    set({ selected: next });
  },

  clear() {
    set({ selected: new Set() });
  },

  async selectAllInView() {
    if (get().selecting) return;
    set({ selecting: true, bulkError: null });
    const filters = useOrdersList.getState().filters;
    const ids = new Set(get().selected);
    let cursor: string | undefined;
    try {
      while (ids.size < BULK_MAX) {
        const r = await call('orders.list', { ...filterInput(filters), sort: 'number_desc', limit: 500, withTotal: false, ...(cursor ? { cursor } : {}) });
        if (!r.ok) {
          set({ bulkError: r.error });
          break;
        }
        for (const o of r.result.items) if (ids.size < BULK_MAX) ids.add(o.id);
        if (!r.result.nextCursor) break;
        cursor = r.result.nextCursor;
      }
    } finally {
      set({ selected: ids, selecting: false });
    }
  },

  async runBulk(action, extra) {
    const orderIds = [...get().selected];
    if (!orderIds.length || get().job) return;
    const id = `bulk-${Date.now()}-${++jobSeq}`;
    set({ job: { id, action, done: 0, total: orderIds.length }, result: null, bulkError: null });
    const r = await call('orders.bulk', { action, orderIds, jobId: id, ...extra });
    if (r.ok) set({ job: null, result: r.result, selected: new Set() });
    else set({ job: null, bulkError: r.error });
    void useOrdersList.getState().reload();
  },

  progress(p) {
    const job = get().job;
    if (job && p.job === job.id) set({ job: { ...job, done: p.done, total: p.total } });
  },

  dismissResult() {
    set({ result: null, bulkError: null });
  },

  openForm(f) {
    set({ form: f, actionError: null });
  },

  async act(action, text = '') {
    const detail = useOrderDetail.getState().detail;
    if (!detail || get().busy) return false;
    const base = { orderId: detail.id, expectedUpdatedAt: detail.updatedAt };
    set({ busy: true, actionError: null });
    const t = text.trim();
    const reply =
      action === 'hold'
        ? await call('orders.hold', { ...base, reason: t })
        : action === 'release'
          ? await call('orders.release', { ...base, reason: t })
          : action === 'tag'
            ? await call('orders.addTags', { ...base, tags: t.split(',').map((x) => x.trim()).filter(Boolean) })
            : action === 'note'
              ? await call('orders.addNote', { orderId: detail.id, text: t })
              : await call('orders.markReadyToPack', { ...base, ready: !detail.queue.includes('ready') });
    set({ busy: false });
    if (!reply.ok) {
      set({ actionError: reply.error });
      // Someone (or a sync) changed the order: show what it is now; the form stays so nothing typed is lost.
      if (reply.error.code === 'CONFLICT') void useOrderDetail.getState().refresh();
      return false;
    }
    set({ form: null });
    void useOrderDetail.getState().refresh();
    return true;
  },
}));

onSignOut(() => useOrderActions.setState({ selected: new Set(), job: null, result: null, form: null, actionError: null, bulkError: null }));
