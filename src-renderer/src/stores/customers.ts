import { create } from 'zustand';
import type { CustomerProfile, CustomerSummary, OmsErrorShape } from '../../../src-shared/contract';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';

export type CustomersView = 'customers' | 'duplicates' | 'cases' | 'import';

interface CustomersState {
  view: CustomersView;
  setView(view: CustomersView): void;
  search: string;
  items: CustomerSummary[];
  total: number;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: OmsErrorShape | null;
  openId: number | null;
  profile: CustomerProfile | null;
  profileError: OmsErrorShape | null;
  noteError: OmsErrorShape | null;
  setSearch(search: string): void;
  load(): Promise<void>;
  open(id: number | null): Promise<void>;
  addNote(body: string): Promise<boolean>;
}

let seq = 0;

export const useCustomers = create<CustomersState>()((set, get) => ({
  view: location.hash.includes('duplicates') ? 'duplicates' : location.hash.includes('cases') ? 'cases' : 'customers',
  setView(view) {
    set({ view });
  },
  search: '',
  items: [],
  total: 0,
  status: 'idle',
  error: null,
  openId: null,
  profile: null,
  profileError: null,
  noteError: null,
  setSearch(search) {
    set({ search });
    void get().load();
  },
  async load() {
    const mine = ++seq;
    set({ status: 'loading' });
    const search = get().search.trim();
    const r = await call('customers.list', { limit: 100, ...(search ? { search } : {}) });
    if (mine !== seq) return; // a newer search is on its way
    if (r.ok) set({ items: r.result.items, total: r.result.total, status: 'ready', error: null });
    else set({ status: 'error', error: r.error });
  },
  async open(id) {
    set({ openId: id, profile: null, profileError: null, noteError: null });
    if (id === null) return;
    const r = await call('customers.get', { id });
    if (get().openId !== id) return;
    if (r.ok) set({ profile: r.result });
    else set({ profileError: r.error });
  },
  async addNote(body) {
    const id = get().openId;
    if (id === null) return false;
    const r = await call('customers.addNote', { customerId: id, body });
    if (!r.ok) {
      set({ noteError: r.error });
      return false;
    }
    set({ noteError: null });
    await get().open(id);
    return true;
  },
}));

onSignOut(() => useCustomers.setState({ view: 'customers', search: '', items: [], total: 0, status: 'idle', error: null, openId: null, profile: null, profileError: null, noteError: null }));
