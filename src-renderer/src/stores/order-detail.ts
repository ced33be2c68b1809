import { create } from 'zustand';
import type { OmsErrorShape } from '../../../src-shared/contract';
import type { OrderDetail } from '../../../src-shared/orders';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';

interface OrderDetailState {
  /** The order shown in the detail panel; null when the panel is closed. */
  openId: number | null;
  detail: OrderDetail | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: OmsErrorShape | null;
  open(id: number): Promise<void>;
  /** Re-fetch the open order (after a change event), keeping what is shown meanwhile. */
  refresh(): Promise<void>;
  close(): void;
}

export const useOrderDetail = create<OrderDetailState>()((set, get) => ({
  openId: null,
  detail: null,
  status: 'idle',
  error: null,

  async open(id) {
    if (get().openId === id && get().status === 'ready') return;
    // Keep the previous order on screen while the next loads (j/k through a queue), but mark it loading.
    set({ openId: id, status: 'loading', error: null });
    await fetchInto(id, set, get);
  },

  async refresh() {
    const id = get().openId;
    if (id !== null) await fetchInto(id, set, get);
  },

  close() {
    set({ openId: null, detail: null, status: 'idle', error: null });
  },
}));

async function fetchInto(
  id: number,
  set: (p: Partial<OrderDetailState>) => void,
  get: () => OrderDetailState,
): Promise<void> {
  const reply = await call('orders.get', { id });
  // The user may have moved on to another order (or closed the panel) meanwhile.
  if (get().openId !== id) return;
  if (reply.ok) set({ detail: reply.result, status: 'ready', error: null });
  else set({ detail: null, status: 'error', error: reply.error });
}

onSignOut(() => useOrderDetail.getState().close());
