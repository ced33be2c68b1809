import { createCore, type Core } from '../../src-main/core/core';
import { syncServiceFor } from '../../src-main/core/sync/runtime';

/** Test helpers for a workspace whose shop is the built-in demo store (shared by the demo-store tests). */
export const openCore = (dir: string) => createCore({ workspaceDir: dir, newWorkspace: { kind: 'real', currency: 'USD' } });

/** Signs in with the demo password; returns a caller that throws the contract error with its code. */
export async function login(core: Core, username = 'owner') {
  const r = await core.call({ method: 'auth.login', input: { username, password: 'demo' }, token: null, client: 'test' });
  if (!r.ok) throw new Error(r.error.message);
  const token = (r.result as { token: string }).token;
  return async <T>(method: string, input: unknown = {}): Promise<T> => {
    const res = await core.call({ method, input, token, client: 'test' });
    if (!res.ok) throw new Error(`${method}: ${res.error.code} ${res.error.message}`);
    return res.result as T;
  };
}

/** Waits (polling, with a deadline) until no sync run is in flight. */
export async function untilIdle(core: Core, ms = 150_000) {
  const sync = syncServiceFor(core.ctx);
  const until = Date.now() + ms;
  while (sync.isRunning) {
    if (Date.now() > until) throw new Error('the sync run did not finish in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
