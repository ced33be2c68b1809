import { create } from 'zustand';
import type { OmsErrorShape, UserInfo } from '../../../src-shared/contract';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';

interface UsersState {
  users: UserInfo[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: OmsErrorShape | null;
  load(): Promise<void>;
  added(user: UserInfo): void;
}

export const useUsers = create<UsersState>()((set, get) => ({
  users: [],
  status: 'idle',
  error: null,
  async load() {
    set({ status: get().users.length ? 'ready' : 'loading', error: null });
    const reply = await call('users.list', {});
    if (reply.ok) set({ users: reply.result, status: 'ready' });
    else set({ status: 'error', error: reply.error });
  },
  added(user) {
    set({ users: [...get().users.filter((u) => u.id !== user.id), user] });
  },
}));

onSignOut(() => useUsers.setState({ users: [], status: 'idle', error: null }));
