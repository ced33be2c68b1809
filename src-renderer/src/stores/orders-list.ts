import { create } from 'zustand';
import type { OmsErrorShape } from '../../../src-shared/contract';
import { ORDER_COLUMNS, type OrderColumn } from '../../../src-shared/contract';
import type { ExceptionReason, OrderSort, OrderSummary, QueueView } from '../../../src-shared/orders';
import { call } from '../lib/api';
import { ANY_DATE, rangeBounds, type DateRange } from '../lib/date-range';
import { onSignOut } from '../lib/reset';

/** Rows fetched per call: enough to fill two screens, small enough to answer in a few ms. */
export const PAGE_SIZE = 100;
/** Start fetching the next page when the selection or viewport gets this close to the end. */
export const PREFETCH_ROWS = 30;

export interface ListFilters {
  queue: QueueView;
  search: string;
  range: DateRange;
  tags: string[];
  sort: OrderSort;
  /** One reason within Exceptions (the breakdown under the tabs); null: every reason. */
  exceptionReason: ExceptionReason | null;
}

export const DEFAULT_FILTERS: ListFilters = { queue: 'all', search: '', range: ANY_DATE, tags: [], sort: 'newest', exceptionReason: null };
export const DEFAULT_COLUMNS: OrderColumn[] = [...ORDER_COLUMNS];

interface OrdersListState {
  filters: ListFilters;
  /**
   * Loaded rows. Appended to in place and announced through `count`, so a page
   * arriving at row 90,000 costs O(page), not a copy of every row before it.
   * Components subscribe to `count`, never to this array's identity.
   */
  rows: OrderSummary[];
  count: number;
  total: number | null;
  totalIsLowerBound: boolean;
  nextCursor: string | null;
  /** The first page of the current filters. */
  status: 'loading' | 'ready' | 'error';
  error: OmsErrorShape | null;
  loadingMore: boolean;
  moreError: OmsErrorShape | null;
  /** A filter the user must fix before anything can be fetched (e.g. a backwards date range). */
  filterError: string | null;
  /** Index of the keyboard/mouse selection, -1 for none. */
  selected: number;
  /** The core reported changes since this list was fetched. */
  stale: boolean;
  /** Visible optional columns (the order number always shows); changing them never refetches. */
  columns: OrderColumn[];

  setFilters(patch: Partial<ListFilters>): void;
  setColumns(columns: OrderColumn[]): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  select(index: number): void;
  move(delta: number): void;
  markStale(): void;
}

// Bumped on every reload: answers for an older set of filters are dropped, so a
// slow search for "smi" can never overwrite the answer for "smith".
let generation = 0;

export function filterInput(filters: ListFilters) {
  const bounds = rangeBounds(filters.range);
  const search = filters.search.trim();
  return {
    queue: filters.queue,
    ...(search ? { search } : {}),
    ...(bounds.from ? { from: bounds.from } : {}),
    ...(bounds.to ? { to: bounds.to } : {}),
    ...(filters.tags.length ? { tags: filters.tags } : {}),
    ...(filters.exceptionReason && (filters.queue === 'exceptions' || filters.queue === 'all') ? { exceptionReason: filters.exceptionReason } : {}),
  };
}

/** A page never waits for a filtered count: that comes from orders.count afterwards. */
function listInput(filters: ListFilters, cursor?: string) {
  return { ...filterInput(filters), sort: filters.sort, limit: PAGE_SIZE, withTotal: false, ...(cursor ? { cursor } : {}) };
}

export const useOrdersList = create<OrdersListState>()((set, get) => ({
  filters: DEFAULT_FILTERS,
  rows: [],
  count: 0,
  total: null,
  totalIsLowerBound: false,
  nextCursor: null,
  status: 'loading',
  error: null,
  loadingMore: false,
  moreError: null,
  filterError: null,
  selected: -1,
  stale: false,
  columns: DEFAULT_COLUMNS,

  setFilters(patch) {
    const next = { ...get().filters, ...patch };
    // A reason belongs to the Exceptions queue: switching to another tab drops it.
    if (patch.queue !== undefined && patch.queue !== 'exceptions' && patch.exceptionReason === undefined) next.exceptionReason = null;
    set({ filters: next });
    void get().reload();
  },

  setColumns(columns) {
    set({ columns: ORDER_COLUMNS.filter((c) => columns.includes(c)) });
  },

  async reload() {
    const gen = ++generation;
    const { filters } = get();
    const bounds = rangeBounds(filters.range);
    set({
      rows: [],
      count: 0,
      total: null,
      totalIsLowerBound: false,
      nextCursor: null,
      status: 'loading',
      error: null,
      loadingMore: false,
      moreError: null,
      filterError: bounds.error ?? null,
      selected: -1,
      stale: false,
    });
    if (bounds.error) {
      set({ status: 'ready' });
      return;
    }
    const reply = await call('orders.list', listInput(filters));
    if (gen !== generation) return;
    if (!reply.ok) {
      set({ status: 'error', error: reply.error });
      return;
    }
    const { items, nextCursor, total, totalIsLowerBound } = reply.result;
    set({ rows: items.slice(), count: items.length, nextCursor, total, totalIsLowerBound, status: 'ready' });
    if (total !== null) return;
    // Rows first, the count after: counting a filtered view can take longer than a page.
    const counted = await call('orders.count', filterInput(filters));
    if (gen !== generation || !counted.ok) return;
    set({ total: counted.result.total, totalIsLowerBound: counted.result.totalIsLowerBound });
  },

  async loadMore() {
    const state = get();
    if (state.status !== 'ready' || state.loadingMore || !state.nextCursor) return;
    const gen = generation;
    set({ loadingMore: true, moreError: null });
    const reply = await call('orders.list', listInput(state.filters, state.nextCursor));
    if (gen !== generation) return;
    if (!reply.ok) {
      set({ loadingMore: false, moreError: reply.error });
      return;
    }
    const { rows } = get();
    for (const item of reply.result.items) rows.push(item);
    set({ count: rows.length, nextCursor: reply.result.nextCursor, loadingMore: false });
  },

  select(index) {
    const { count, nextCursor } = get();
    if (count === 0) return;
    const next = Math.max(0, Math.min(count - 1, index));
    set({ selected: next });
    if (nextCursor && next >= count - PREFETCH_ROWS) void get().loadMore();
  },

  move(delta) {
    const { selected } = get();
    get().select(selected < 0 ? 0 : selected + delta);
  },

  markStale() {
    set({ stale: true });
  },
}));

onSignOut(() => {
  generation++;
  useOrdersList.setState({ filters: DEFAULT_FILTERS, columns: DEFAULT_COLUMNS, rows: [], count: 0, total: null, status: 'loading', selected: -1, stale: false, error: null, filterError: null });
});
