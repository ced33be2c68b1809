import { create } from 'zustand';
import type { OmsErrorShape, SavedView, SavedViewSpec } from '../../../src-shared/contract';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';
import { useOrdersList } from './orders-list';

interface OrderViewsState {
  views: SavedView[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: OmsErrorShape | null;
  load(): Promise<void>;
  /** Saves the list's current filters, sort and columns (a new view, or over `id`). Returns the error, if any. */
  saveCurrent(name: string, id?: number): Promise<OmsErrorShape | null>;
  rename(view: SavedView, name: string): Promise<OmsErrorShape | null>;
  remove(id: number): Promise<OmsErrorShape | null>;
  apply(view: SavedView): void;
}

/** The order list's state as a view spec. */
export function currentSpec(): SavedViewSpec {
  const { filters, columns } = useOrdersList.getState();
  return {
    queue: filters.queue,
    exceptionReason: filters.queue === 'exceptions' ? filters.exceptionReason : null,
    search: filters.search.trim(),
    range: filters.range,
    tags: filters.tags,
    sort: filters.sort,
    columns,
  };
}

/** Whether the list shows exactly what a view saved (to name the view on the menu button). */
export function sameSpec(a: SavedViewSpec, b: SavedViewSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const useOrderViews = create<OrderViewsState>()((set, get) => ({
  views: [],
  status: 'idle',
  error: null,
  async load() {
    set({ status: 'loading', error: null });
    const reply = await call('orders.views.list', {});
    if (reply.ok) set({ views: reply.result, status: 'ready' });
    else set({ status: 'error', error: reply.error });
  },
  async saveCurrent(name, id) {
    const reply = await call('orders.views.save', { name, spec: currentSpec(), ...(id !== undefined ? { id } : {}) });
    if (!reply.ok) return reply.error;
    await get().load();
    return null;
  },
  async rename(view, name) {
    const reply = await call('orders.views.save', { id: view.id, name, spec: view.spec });
    if (!reply.ok) return reply.error;
    await get().load();
    return null;
  },
  async remove(id) {
    const reply = await call('orders.views.delete', { id });
    if (!reply.ok) return reply.error;
    set({ views: get().views.filter((v) => v.id !== id) });
    return null;
  },
  apply(view) {
    const list = useOrdersList.getState();
    const s = view.spec;
    list.setColumns(s.columns);
    list.setFilters({ queue: s.queue, exceptionReason: s.queue === 'exceptions' ? s.exceptionReason : null, search: s.search, range: s.range, tags: s.tags, sort: s.sort });
  },
}));

onSignOut(() => useOrderViews.setState({ views: [], status: 'idle', error: null }));
