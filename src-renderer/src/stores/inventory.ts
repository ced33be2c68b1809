import { create } from 'zustand';
import type { InputOf, OmsErrorShape, StockAdjustResult, StockHistory, StockItem, StockLocation } from '../../../src-shared/contract';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';

export type StockFilter = 'all' | 'short';
const PAGE = 100;

/** The last adjustment made here, for the "Undo" offer (a reverse ledger entry, pushed and audited like any other). */
export interface LastAdjustment {
  movementId: number;
  variantId: number;
  label: string;
}

interface InventoryState {
  search: string;
  filter: StockFilter;
  locations: StockLocation[];
  items: StockItem[];
  nextCursor: number | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadingMore: boolean;
  error: OmsErrorShape | null;
  selectedId: number | null;
  history: StockHistory | null;
  historyError: OmsErrorShape | null;
  busy: boolean;
  adjustError: OmsErrorShape | null;
  last: LastAdjustment | null;
  /** One line saying what the last adjustment did (orders moved, push queued). */
  notice: string | null;
  setSearch(search: string): void;
  setFilter(filter: StockFilter): void;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  select(variantId: number | null): Promise<void>;
  /** The next page of the open SKU's ledger (older entries). */
  moreHistory(): Promise<void>;
  adjust(input: InputOf<'stock.adjust'>): Promise<boolean>;
  undo(): Promise<boolean>;
  clearAdjustError(): void;
}

function describe(r: StockAdjustResult, what: string): string {
  const moved = r.movedOrderIds.length;
  // One SKU's stock went one way, so every order it moved went the same way.
  const orders = moved ? ` ${moved} order${moved === 1 ? '' : 's'} moved ${r.delta < 0 ? 'into' : 'out of'} Exceptions (“Not enough stock”).` : '';
  const push = r.pushQueued ? ' The change is queued for the shop.' : ' Not sent to a shop (local SKU or location).';
  return `${what}: ${r.item.sku ?? r.item.title} now ${r.item.onHand} on hand, ${r.item.available} available.${orders}${push}`;
}

export const useInventory = create<InventoryState>()((set, get) => {
  /** Replaces one row in place with fresh numbers, so the table follows without reloading. */
  const patchItem = (item: StockItem) => set({ items: get().items.map((i) => (i.variantId === item.variantId ? item : i)) });
  const afterChange = async (r: StockAdjustResult, what: string) => {
    patchItem(r.item);
    set({ notice: describe(r, what) });
    await get().select(r.item.variantId);
  };

  return {
    search: '',
    filter: 'all',
    locations: [],
    items: [],
    nextCursor: null,
    status: 'idle',
    loadingMore: false,
    error: null,
    selectedId: null,
    history: null,
    historyError: null,
    busy: false,
    adjustError: null,
    last: null,
    notice: null,
    setSearch(search) {
      if (search === get().search) return;
      set({ search });
      void get().load();
    },
    setFilter(filter) {
      set({ filter });
      void get().load();
    },
    async load() {
      const { search, filter } = get();
      set({ status: get().items.length ? 'ready' : 'loading', error: null });
      const reply = await call('stock.levels', { filter, limit: PAGE, ...(search ? { search } : {}) });
      if (get().search !== search || get().filter !== filter) return; // a newer request is on its way
      if (reply.ok) set({ status: 'ready', items: reply.result.items, locations: reply.result.locations, nextCursor: reply.result.nextCursor });
      else set({ status: 'error', error: reply.error });
    },
    async loadMore() {
      const { search, filter, nextCursor, loadingMore } = get();
      if (nextCursor === null || loadingMore) return;
      set({ loadingMore: true });
      const reply = await call('stock.levels', { filter, limit: PAGE, after: nextCursor, ...(search ? { search } : {}) });
      set({ loadingMore: false });
      if (get().search !== search || get().filter !== filter) return;
      if (reply.ok) set({ items: [...get().items, ...reply.result.items], nextCursor: reply.result.nextCursor });
      else set({ error: reply.error });
    },
    async select(variantId) {
      set({ selectedId: variantId, historyError: null, ...(variantId !== get().selectedId ? { history: null, adjustError: null } : {}) });
      if (variantId === null) return;
      const reply = await call('stock.history', { variantId, limit: 50 });
      if (get().selectedId !== variantId) return;
      if (reply.ok) {
        set({ history: reply.result });
        patchItem(reply.result.item);
      } else set({ historyError: reply.error });
    },
    async moreHistory() {
      const h = get().history;
      if (!h || h.nextCursor === null) return;
      const reply = await call('stock.history', { variantId: h.item.variantId, before: h.nextCursor, limit: 50 });
      const now = get().history;
      if (!now || now.item.variantId !== h.item.variantId) return;
      if (reply.ok) set({ history: { ...now, movements: [...now.movements, ...reply.result.movements], nextCursor: reply.result.nextCursor } });
      else set({ historyError: reply.error });
    },
    async adjust(input) {
      set({ busy: true, adjustError: null });
      const reply = await call('stock.adjust', input);
      set({ busy: false });
      if (!reply.ok) {
        set({ adjustError: reply.error });
        return false;
      }
      set({ last: { movementId: reply.result.movementId, variantId: reply.result.item.variantId, label: reply.result.item.sku ?? reply.result.item.title } });
      await afterChange(reply.result, `${input.delta > 0 ? 'Added' : 'Removed'} ${Math.abs(input.delta)}`);
      return true;
    },
    async undo() {
      const last = get().last;
      if (!last) return false;
      set({ busy: true, adjustError: null });
      const reply = await call('stock.undoAdjustment', { movementId: last.movementId });
      set({ busy: false });
      if (!reply.ok) {
        set({ adjustError: reply.error });
        return false;
      }
      set({ last: null });
      await afterChange(reply.result, 'Undone');
      return true;
    },
    clearAdjustError() {
      set({ adjustError: null });
    },
  };
});

onSignOut(() =>
  useInventory.setState({ search: '', filter: 'all', items: [], locations: [], nextCursor: null, status: 'idle', error: null, selectedId: null, history: null, last: null, notice: null, adjustError: null }),
);
