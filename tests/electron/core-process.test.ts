import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { FromCore, ToCore } from '../../src-main/app/core-messages';

/**
 * The core's utilityProcess entry, driven from plain Node: Electron's
 * `process.parentPort` is replaced by a small shim over a forked child's IPC
 * channel, so this runs on every machine, Electron binary or not.
 */
const root = resolve(__dirname, '../..');
const bundle = join(process.env.OMS_OUT_DIR ? resolve(process.env.OMS_OUT_DIR) : join(root, 'out'), 'main', 'core-process.js');
const shim = join(__dirname, 'parent-port-shim.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'oms-core-process-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let workspaces = 0;
function newWorkspaceDir(): string {
  return join(scratch, `ws-${++workspaces}`);
}

interface CoreChild {
  send(message: ToCore): void;
  /** The next message from the core that matches. */
  next(match: (m: FromCore) => boolean): Promise<FromCore>;
  call(id: number, method: string, input: unknown, token?: string | null): Promise<Extract<FromCore, { type: 'reply' }>['reply']>;
  exited: Promise<number | null>;
  child: ChildProcess;
}

function startCoreProcess(): CoreChild {
  expect(existsSync(bundle), `${bundle} missing: run \`npm run build\` first`).toBe(true);
  const child = fork(bundle, [], { execArgv: ['--import', shim], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  child.stderr?.resume(); // the core logs start failures; drained so the pipe never fills
  const seen: FromCore[] = [];
  const waiters: { match: (m: FromCore) => boolean; resolve: (m: FromCore) => void }[] = [];
  child.on('message', (raw) => {
    const message = raw as FromCore;
    const i = waiters.findIndex((w) => w.match(message));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(message);
    else seen.push(message);
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const next = (match: (m: FromCore) => boolean): Promise<FromCore> => {
    const i = seen.findIndex(match);
    if (i >= 0) return Promise.resolve(seen.splice(i, 1)[0]!);
    return new Promise((resolveMessage) => waiters.push({ match, resolve: resolveMessage }));
  };
  const send = (message: ToCore): void => {
    child.send(message);
  };
  return {
    child,
    send,
    next,
    exited,
    async call(id, method, input, token = null) {
      send({ type: 'call', id, method, input, token });
      const reply = await next((m) => m.type === 'reply' && m.id === id);
      return (reply as Extract<FromCore, { type: 'reply' }>).reply;
    },
  };
}

describe('core process (utilityProcess entry)', () => {
  it('opens the workspace on start, answers every call and forwards events', async () => {
    const core = startCoreProcess();
    core.send({ type: 'start', workspaceDir: newWorkspaceDir() });
    expect(await core.next((m) => m.type === 'ready' || m.type === 'fatal')).toEqual({ type: 'ready' });

    expect(await core.call(1, 'app.info', {})).toMatchObject({ ok: true, result: { needsOwner: true } });
    const unknown = await core.call(2, 'no.such.method', {});
    expect(unknown.ok).toBe(false);

    const setup = await core.call(3, 'auth.setupOwner', { username: 'owner', displayName: 'Owner', password: 'Core-process-test-passphrase-1!' });
    expect(setup.ok, JSON.stringify(setup)).toBe(true);
    // The token reaches main (which keeps it and strips it before the renderer sees the reply).
    const token = (setup as { ok: true; result: { token: string } }).result.token;
    expect(typeof token).toBe('string');
    expect(await core.call(4, 'auth.whoami', {}, token)).toMatchObject({ ok: true, result: { user: { username: 'owner' } } });

    const ended = core.next((m) => m.type === 'event' && m.name === 'session.ended');
    expect(await core.call(5, 'auth.logout', {}, token)).toMatchObject({ ok: true });
    expect(await ended).toMatchObject({ type: 'event', name: 'session.ended', audience: { kind: 'session' } });

    core.send({ type: 'close' });
    expect(await core.exited).toBe(0);
  });

  it('reports a database from a newer Orderhouse as a fatal too_new start failure, then refuses calls', async () => {
    const dir = newWorkspaceDir();
    mkdirSync(dir, { recursive: true });
    const db = new Database(join(dir, 'orderhouse.db'));
    db.pragma('user_version = 999');
    db.close();

    const core = startCoreProcess();
    core.send({ type: 'start', workspaceDir: dir });
    const fatal = await core.next((m) => m.type === 'ready' || m.type === 'fatal');
    expect(fatal).toMatchObject({ type: 'fatal', kind: 'too_new' });
    expect((fatal as { message: string }).message).toMatch(/newer version of Orderhouse/);

    const reply = await core.call(1, 'app.info', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    core.send({ type: 'close' });
    expect(await core.exited).toBe(0);
  });

  it('reports a file that is not a database as a fatal corrupt start failure', async () => {
    const dir = newWorkspaceDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'orderhouse.db'), 'this is not an SQLite database, just text that fills the header page '.repeat(100));

    const core = startCoreProcess();
    core.send({ type: 'start', workspaceDir: dir });
    expect(await core.next((m) => m.type === 'ready' || m.type === 'fatal')).toMatchObject({ type: 'fatal', kind: 'corrupt' });
    core.send({ type: 'close' });
    expect(await core.exited).toBe(0);
  });

  it('ignores malformed messages instead of crashing', async () => {
    const core = startCoreProcess();
    core.child.send({ hello: 'world' });
    core.child.send('not even an object');
    core.send({ type: 'start', workspaceDir: newWorkspaceDir() });
    expect(await core.next((m) => m.type === 'ready' || m.type === 'fatal')).toEqual({ type: 'ready' });
    expect(await core.call(1, 'app.info', {})).toMatchObject({ ok: true });
    core.send({ type: 'close' });
    expect(await core.exited).toBe(0);
  });
});
