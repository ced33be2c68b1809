import { create } from 'zustand';
import type { AppInfo, OmsErrorShape, UserInfo } from '../../../src-shared/contract';
import { call, setUnauthenticatedHandler } from '../lib/api';
import { resetUserData } from '../lib/reset';

/**
 * Where the app is in its life: opening the workspace, first-run owner setup,
 * signed out, or signed in. Everything else renders from this.
 */
export type Phase = 'booting' | 'boot-error' | 'setup' | 'login' | 'ready';

/** Shown on the sign-in screen to say why the user is there again. */
export interface Notice {
  tone: 'info' | 'warning';
  text: string;
}

interface SessionState {
  phase: Phase;
  info: AppInfo | null;
  user: UserInfo | null;
  idleTimeoutMs: number | null;
  notice: Notice | null;
  bootError: OmsErrorShape | null;
  boot(): Promise<void>;
  /** After auth.login / auth.setupOwner succeeded. */
  signedIn(user: UserInfo): Promise<void>;
  signOut(): Promise<void>;
  /** The core or the idle lock ended the session: back to sign-in with a reason. */
  ended(notice: Notice): void;
}

export const useSession = create<SessionState>()((set, get) => ({
  phase: 'booting',
  info: null,
  user: null,
  idleTimeoutMs: null,
  notice: null,
  bootError: null,

  async boot() {
    set({ phase: 'booting', bootError: null });
    const info = await call('app.info', {});
    if (!info.ok) {
      set({ phase: 'boot-error', bootError: info.error });
      return;
    }
    set({ info: info.result });
    if (info.result.needsOwner) {
      set({ phase: 'setup' });
      return;
    }
    // A still-valid session (a reload in browser mode) goes straight back in.
    const me = await call('auth.whoami', {});
    if (me.ok) set({ phase: 'ready', user: me.result.user, idleTimeoutMs: me.result.idleTimeoutMs });
    else set({ phase: 'login' });
  },

  async signedIn(user) {
    resetUserData();
    set({ phase: 'ready', user, notice: null });
    const me = await call('auth.whoami', {});
    if (me.ok && get().phase === 'ready') set({ user: me.result.user, idleTimeoutMs: me.result.idleTimeoutMs });
  },

  async signOut() {
    // Leave the screen at once; the core call is best effort (the session may already be gone).
    set({ phase: 'login', user: null, idleTimeoutMs: null, notice: { tone: 'info', text: 'You have signed out.' } });
    resetUserData();
    await call('auth.logout', {});
  },

  ended(notice) {
    if (get().phase !== 'ready') return;
    set({ phase: 'login', user: null, idleTimeoutMs: null, notice });
    resetUserData();
  },
}));

// Any call answered UNAUTHENTICATED while signed in means the session is gone
// (expired when idle, or revoked): say so instead of showing broken screens.
// The core's message says why (idle for N minutes, account deactivated, …).
setUnauthenticatedHandler((error) => {
  useSession.getState().ended({ tone: 'warning', text: error.message || 'Your session has expired. Sign in again to continue.' });
});
