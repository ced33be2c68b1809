/**
 * The core's process: an Electron utilityProcess, i.e. plain Node plus
 * `process.parentPort`. Main sends `start`, then calls; we answer each call
 * once and push core events back. Nothing from Electron is imported here, so
 * the core stays the same code the CLI and browser mode run.
 */
import type { CallReply } from '../../src-shared/contract';
import type { FromCore, ToCore, CoreStartFailureKind } from '../app/core-messages';
import { isToCore } from '../app/core-messages';
import { createCore, type Core } from '../core/core';
import { startSyncBackground } from '../core/sync/runtime';
import type { SecretStore } from '../core/sync/secret-store';
import { StoreOpenError } from '../db/open';

/** The slice of Electron's ParentPort we use, typed here to keep Electron out of this bundle. */
interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

const port = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!port) {
  console.error('core-process must be started by Orderhouse (Electron utilityProcess); use `oms serve` to run the core on its own.');
  process.exit(1);
}
const parent: ParentPortLike = port;

let core: Core | null = null;
let startFailure: string | null = null;
/** Calls being answered, so `close` can let them finish before the database closes. */
const running = new Set<Promise<void>>();

function post(message: FromCore): void {
  parent.postMessage(message);
}

parent.on('message', ({ data }) => {
  if (!isToCore(data)) {
    console.error('[core] ignoring a malformed message from main');
    return;
  }
  handle(data);
});

function handle(message: ToCore): void {
  switch (message.type) {
    case 'start':
      start(message.workspaceDir);
      return;
    case 'call': {
      const task = answer(message.id, message.method, message.input, message.token);
      running.add(task);
      void task.finally(() => running.delete(task));
      return;
    }
    case 'close':
      void closeAndExit();
      return;
    case 'secret-reply': {
      const waiting = secretWaits.get(message.id);
      secretWaits.delete(message.id);
      if (waiting) {
        if (message.ok && message.value !== null) waiting.resolve(message.value);
        else waiting.reject(new Error(message.error ?? 'the system keychain did not answer'));
      }
      return;
    }
  }
}

/** The shop token is sealed by main with the OS keychain (safeStorage exists only there). */
const secretWaits = new Map<number, { resolve(v: string): void; reject(e: Error): void }>();
let nextSecret = 1;
const askMain = (op: 'seal' | 'unseal', value: string) =>
  new Promise<string>((resolve, reject) => {
    const id = nextSecret++;
    secretWaits.set(id, { resolve, reject });
    post({ type: 'secret', id, op, value });
  });
const keychain: SecretStore = { kind: 'os-keychain', seal: (v) => askMain('seal', v), unseal: (v) => askMain('unseal', v) };

function start(workspaceDir: string): void {
  if (core || startFailure) return;
  try {
    core = createCore({ workspaceDir, secrets: keychain });
  } catch (err) {
    const { kind, message } = describeStartFailure(err);
    startFailure = message;
    console.error(`[core] cannot open workspace ${workspaceDir}: ${message}`);
    post({ type: 'fatal', kind, message });
    return;
  }
  core.onEvent((name, payload, audience) => post({ type: 'event', name, payload, audience }));
  post({ type: 'ready' });
  // The app is a long-running host: scheduled sync and the demo store's arriving orders run in this process.
  startSyncBackground(core.ctx);
}

async function answer(id: number, method: string, input: unknown, token: string | null): Promise<void> {
  let reply: CallReply;
  if (!core) {
    reply = unavailable(startFailure ?? 'The Orderhouse core has not opened the workspace yet; please try again.');
  } else {
    try {
      reply = await core.call({ method, input, token, client: 'electron' });
    } catch (err) {
      // The core promises never to throw; if it does, the caller still gets an answer.
      console.error(`[core] ${method} threw`, err);
      reply = { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Orderhouse; nothing was changed. Please try again.' } };
    }
  }
  post({ type: 'reply', id, reply });
}

async function closeAndExit(): Promise<void> {
  await Promise.allSettled([...running]);
  try {
    core?.close();
  } catch (err) {
    console.error('[core] error while closing', err);
  }
  process.exit(0);
}

/** Turns whatever createCore threw into a kind main can title and a message a person can act on. */
function describeStartFailure(err: unknown): { kind: CoreStartFailureKind; message: string } {
  const message = err instanceof Error ? err.message : String(err);
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application|better_sqlite3\.node/i.test(message)) {
    return {
      kind: 'internal',
      message: `The SQLite module is not built for this version of Electron (${message}). Developers: run \`node scripts/electron-native.mjs\` (npm start does this).`,
    };
  }
  if (err instanceof StoreOpenError) return { kind: err.kind, message };
  return { kind: 'internal', message: `Orderhouse could not open its workspace: ${message}` };
}

function unavailable(message: string): CallReply {
  return { ok: false, error: { code: 'UNAVAILABLE', message } };
}
