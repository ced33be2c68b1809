import { utilityProcess, type UtilityProcess } from 'electron';
import type { CallReply } from '../../src-shared/contract';
import type { EventAudience } from '../core/api';
import { isFromCore, type FromCore, type ToCore } from './core-messages';
import type { StartupFailure } from './error-page';

export const CORE_RESTARTED_MESSAGE = 'The Orderhouse core restarted; please try again.';
const CORE_GONE_MESSAGE = 'The Orderhouse core stopped and could not be restarted. Quit and open Orderhouse again.';
/** One automatic restart per this long: a crash loop must end on the error page, not spin. */
const RESTART_WINDOW_MS = 10 * 60 * 1000;
const STOP_TIMEOUT_MS = 3000;

export interface CoreHostOptions {
  modulePath: string;
  workspaceDir: string;
  env: Record<string, string>;
  onEvent(name: string, payload: unknown, audience: EventAudience): void;
  /** The core crashed and was restarted; calls in flight were answered UNAVAILABLE. */
  onRestarted(message: string): void;
  /** The workspace cannot be opened, or the core crashed again: show the error screen. */
  onFailed(failure: StartupFailure): void;
  /** Seals / unseals the shop token for the core with the OS keychain (main.ts: safeStorage). Absent: refused. */
  secrets?: { seal(plain: string): string; unseal(sealed: string): string };
}

/**
 * Runs the core in a utilityProcess and relays calls to it, so a long query or
 * a sync never freezes a window. Every call gets exactly one reply, even when
 * the process dies under it.
 */
export class CoreHost {
  private child: UtilityProcess | null = null;
  private spawned = false;
  /** Messages posted before the child reported 'spawn'. */
  private outbox: ToCore[] = [];
  private readonly inFlight = new Map<number, (reply: CallReply) => void>();
  private nextId = 1;
  private failure: StartupFailure | null = null;
  private stopping: Promise<void> | null = null;
  private lastRestartAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: CoreHostOptions) {}

  start(): void {
    this.spawn();
  }

  call(method: string, input: unknown, token: string | null): Promise<CallReply> {
    if (this.failure) return Promise.resolve(unavailable(this.failure.message));
    if (this.stopping) return Promise.resolve(unavailable('Orderhouse is closing.'));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.inFlight.set(id, resolve);
      this.send({ type: 'call', id, method, input, token });
    });
  }

  /** Asks the core to finish and close the database; kills it if it does not exit in time. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    const child = this.child;
    this.stopping = new Promise<void>((resolve) => {
      if (!child) return resolve();
      const timer = setTimeout(() => child.kill(), STOP_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (this.spawned) this.send({ type: 'close' });
      else child.kill();
    });
    return this.stopping;
  }

  private spawn(): void {
    const child = utilityProcess.fork(this.opts.modulePath, [], {
      serviceName: 'Orderhouse core',
      env: this.opts.env,
      stdio: 'inherit',
    });
    this.child = child;
    this.spawned = false;
    // 'start' goes first so the core opens the workspace before any call.
    this.outbox = [{ type: 'start', workspaceDir: this.opts.workspaceDir }];
    child.once('spawn', () => {
      if (this.child !== child) return;
      this.spawned = true;
      for (const message of this.outbox.splice(0)) child.postMessage(message);
    });
    child.on('message', (message: unknown) => {
      if (this.child === child) this.receive(message);
    });
    child.once('exit', (code: number) => this.exited(child, code));
  }

  private send(message: ToCore): void {
    if (this.child && this.spawned) this.child.postMessage(message);
    else this.outbox.push(message);
  }

  private receive(message: unknown): void {
    if (!isFromCore(message)) {
      console.error('[orderhouse] ignoring malformed message from the core');
      return;
    }
    this.handle(message);
  }

  private handle(message: FromCore): void {
    switch (message.type) {
      case 'ready':
        return;
      case 'reply': {
        const resolve = this.inFlight.get(message.id);
        this.inFlight.delete(message.id);
        resolve?.(message.reply);
        return;
      }
      case 'event':
        this.opts.onEvent(message.name, message.payload, message.audience);
        return;
      case 'secret':
        this.send(this.answerSecret(message.id, message.op, message.value));
        return;
      case 'fatal':
        // Opening the workspace failed (too new, locked, damaged…): restarting
        // would fail the same way, so stop and show the error screen.
        this.fail({ kind: message.kind, message: message.message });
        this.child?.kill();
        return;
    }
  }

  private answerSecret(id: number, op: 'seal' | 'unseal', value: string): ToCore {
    const secrets = this.opts.secrets;
    if (!secrets) return { type: 'secret-reply', id, ok: false, value: null, error: 'The system keychain is not available to Orderhouse.' };
    try {
      return { type: 'secret-reply', id, ok: true, value: op === 'seal' ? secrets.seal(value) : secrets.unseal(value), error: null };
    } catch (err) {
      return { type: 'secret-reply', id, ok: false, value: null, error: `The system keychain could not ${op === 'seal' ? 'lock' : 'unlock'} the shop token: ${(err as Error).message}` };
    }
  }

  private exited(child: UtilityProcess, code: number): void {
    if (this.child !== child) return;
    this.child = null;
    this.spawned = false;
    if (this.stopping || this.failure) {
      this.answerAll(unavailable(this.failure?.message ?? 'Orderhouse is closing.'));
      return;
    }
    console.error(`[orderhouse] the core process exited unexpectedly (code ${code})`);
    const now = Date.now();
    if (now - this.lastRestartAt > RESTART_WINDOW_MS) {
      this.lastRestartAt = now;
      this.answerAll(unavailable(CORE_RESTARTED_MESSAGE));
      this.spawn();
      this.opts.onRestarted(CORE_RESTARTED_MESSAGE);
    } else {
      this.fail({ kind: 'crashed', message: `${CORE_GONE_MESSAGE} (exit code ${code})` });
    }
  }

  private fail(failure: StartupFailure): void {
    if (this.failure) return;
    this.failure = failure;
    this.answerAll(unavailable(failure.message));
    this.opts.onFailed(failure);
  }

  private answerAll(reply: CallReply): void {
    const waiting = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const resolve of waiting) resolve(reply);
  }
}

function unavailable(message: string): CallReply {
  return { ok: false, error: { code: 'UNAVAILABLE', message } };
}
