import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src-main/core/core';
import type { Clock } from '../../src-main/core/clock';
import type { CallReply, InputOf, MethodName, OutputOf } from '../../src-shared/contract';
import { seedDemoUsers } from '../../src-main/core/users/users';

/** A clock tests can move. */
export function manualClock(start = '2026-11-01T12:00:00.000Z'): Clock & { advance(ms: number): void; set(iso: string): void } {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (iso) => {
      t = Date.parse(iso);
    },
  };
}

export interface TestWorkspace {
  dir: string;
  core: Core;
  /** Signs in and returns a typed caller bound to that session. */
  as(username: string, password?: string): Promise<Session>;
  dispose(): void;
}

export interface Session {
  token: string;
  call<M extends MethodName>(method: M, input?: InputOf<M>): Promise<CallReply<OutputOf<M>>>;
  /** Like call, but throws on an error reply: for steps that must succeed. */
  ok<M extends MethodName>(method: M, input?: InputOf<M>): Promise<OutputOf<M>>;
}

/** A real workspace folder with a real SQLite file in the OS temp dir. */
export async function demoWorkspace(opts: { clock?: Clock; kind?: 'demo' | 'real' } = {}): Promise<TestWorkspace> {
  const dir = mkdtempSync(join(tmpdir(), 'oms-test-'));
  const core = createCore({ workspaceDir: dir, newWorkspace: { kind: opts.kind ?? 'demo', name: 'Test shop', currency: 'USD' }, ...(opts.clock ? { clock: opts.clock } : {}) });
  if ((opts.kind ?? 'demo') === 'demo') await seedDemoUsers(core.ctx);
  return {
    dir,
    core,
    async as(username, password = 'demo') {
      const login = await core.call({ method: 'auth.login', input: { username, password }, token: null, client: 'test' });
      if (!login.ok) throw new Error(`login as ${username} failed: ${login.error.message}`);
      const token = (login.result as { token: string }).token;
      const call = (method: MethodName, input?: unknown) => core.call({ method, input: input ?? {}, token, client: 'test' });
      return {
        token,
        call: call as Session['call'],
        ok: (async (method: MethodName, input?: unknown) => {
          const r = await call(method, input);
          if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
          return r.result;
        }) as Session['ok'],
      };
    },
    dispose() {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
