import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeContents, FakeWindow, packagedRuntime, windowHooks } from './fake-window';
import type { CallReply } from '../../src-shared/contract';

/**
 * The IPC relay's security rules, with Electron's objects faked: who may call,
 * where the session token lives, and who receives which event.
 */
const handlers = new Map<string, (event: unknown, message: unknown) => Promise<CallReply>>();
vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  ipcMain: { handle: (channel: string, fn: (event: unknown, message: unknown) => Promise<CallReply>) => handlers.set(channel, fn) },
  webContents: { fromId: (id: number) => FakeWindow.all.find((w) => w.webContents.id === id)?.webContents },
}));

const { IpcRelay, EVENT_CHANNEL } = await import('../../src-main/app/ipc-relay');
const { createMainWindow } = await import('../../src-main/app/windows');
const { hashToken } = await import('../../src-main/core/auth/tokens');


function setup() {
  const calls: { method: string; input: unknown; token: string | null }[] = [];
  let nextToken = 0;
  const core = {
    call: vi.fn(async (method: string, input: unknown, token: string | null): Promise<CallReply> => {
      calls.push({ method, input, token });
      if (method === 'auth.login') return { ok: true, result: { user: { username: 'ann' }, token: `token-${++nextToken}` } };
      return { ok: true, result: { echo: method } };
    }),
  };
  const relay = new IpcRelay(core as never, null);
  relay.install();
  const win = createMainWindow(packagedRuntime as never, windowHooks) as unknown as FakeWindow;
  relay.track(win.webContents as never, false);
  const invoke = (message: unknown, opts: { contents?: FakeContents; url?: string; subframe?: boolean } = {}) =>
    handlers.get('oms:call')!(
      {
        sender: opts.contents ?? win.webContents,
        senderFrame: { url: opts.url ?? 'app://orderhouse/index.html', parent: opts.subframe ? {} : null },
      },
      message,
    );
  return { relay, win, calls, invoke };
}

beforeEach(() => {
  FakeWindow.all = [];
  handlers.clear();
});

describe('IPC relay', () => {
  it('refuses senders that are not our window, a subframe, or another origin', async () => {
    const { invoke } = setup();
    const stranger = new FakeContents();
    await expect(invoke({ method: 'app.info', input: {} }, { contents: stranger })).rejects.toThrow(/not an Orderhouse window/);
    await expect(invoke({ method: 'app.info', input: {} }, { subframe: true })).rejects.toThrow();
    await expect(invoke({ method: 'app.info', input: {} }, { url: 'https://evil.example/' })).rejects.toThrow();
    await expect(invoke({ method: 'app.info', input: {} }, { url: 'app://orderhouse.evil/' })).rejects.toThrow();
    await expect(invoke({ method: 'app.info', input: {} }, { url: 'file:///etc/passwd' })).rejects.toThrow();
  });

  it('answers a malformed message with VALIDATION instead of relaying it', async () => {
    const { invoke, calls } = setup();
    expect(await invoke('orders.list')).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'method' } });
    expect(await invoke({ method: 42 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await invoke({ method: 'x'.repeat(500) })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(calls).toEqual([]);
  });

  it('keeps the session token in main: stripped from the reply, attached to later calls', async () => {
    const { invoke, calls } = setup();
    const login = await invoke({ method: 'auth.login', input: { username: 'ann', password: 'pw' } });
    expect(login).toEqual({ ok: true, result: { user: { username: 'ann' } } });
    await invoke({ method: 'orders.list', input: { limit: 5 } });
    expect(calls.at(-1)).toEqual({ method: 'orders.list', input: { limit: 5 }, token: 'token-1' });

    await invoke({ method: 'auth.logout', input: {} });
    expect(calls.at(-1)).toMatchObject({ method: 'auth.logout', token: 'token-1' });
    await invoke({ method: 'orders.list', input: {} });
    expect(calls.at(-1)).toMatchObject({ method: 'orders.list', token: null });
  });

  it('ends the session when the page navigates away or the window goes', async () => {
    const { invoke, calls, win } = setup();
    await invoke({ method: 'auth.login', input: {} });
    win.webContents.emit('did-navigate');
    await vi.waitFor(() => expect(calls.at(-1)).toMatchObject({ method: 'auth.logout', token: 'token-1' }));
    await invoke({ method: 'orders.counts', input: {} });
    expect(calls.at(-1)).toMatchObject({ token: null });
  });

  it('sends session events only to the window holding that session, and broadcasts only to signed-in windows', async () => {
    const { relay, invoke, win } = setup();
    relay.forwardEvent('orders.changed', { counts: {} }, { kind: 'all' });
    expect(win.webContents.send).not.toHaveBeenCalled();

    await invoke({ method: 'auth.login', input: {} });
    relay.forwardEvent('orders.changed', { counts: {} }, { kind: 'all' });
    expect(win.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'orders.changed', { counts: {} });

    relay.forwardEvent('session.ended', { reason: 'idle' }, { kind: 'session', tokenHash: hashToken('someone-else') });
    expect(win.webContents.send).toHaveBeenCalledTimes(1);
    relay.forwardEvent('session.ended', { reason: 'idle' }, { kind: 'session', tokenHash: hashToken('token-1') });
    expect(win.webContents.send).toHaveBeenLastCalledWith(EVENT_CHANNEL, 'session.ended', { reason: 'idle' });
    // The ended session's token is dropped: the next call goes out signed out.
    relay.forwardEvent('orders.changed', { counts: {} }, { kind: 'all' });
    expect(win.webContents.send).toHaveBeenCalledTimes(2);
  });
});
