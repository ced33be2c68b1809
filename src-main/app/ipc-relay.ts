import { ipcMain, webContents as allWebContents, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { SESSION_ISSUING_METHODS, type CallReply, type MethodName } from '../../src-shared/contract';
import type { EventAudience } from '../core/api';
import type { CoreHost } from './core-host';
import { isOwnUrl } from './origins';
import { SessionTokens } from './session-tokens';
import { isOurWebContents, ourWindows } from './windows';

export const CALL_CHANNEL = 'oms:call';
export const EVENT_CHANNEL = 'oms:event';
/** Pushed when the core had to be restarted (see CoreHost). */
export const CORE_RESTARTED_EVENT = 'core.restarted';
const MAX_METHOD_LENGTH = 100;

const sessionIssuing: ReadonlySet<string> = new Set<MethodName>(SESSION_ISSUING_METHODS);

/**
 * The one IPC entry point: `oms:call` from our preload, relayed to the core
 * with the session token main holds for that window. Also pushes core events
 * to the windows allowed to see them.
 */
export class IpcRelay {
  private readonly tokens = new SessionTokens();

  constructor(
    private readonly core: CoreHost,
    private readonly devServer: URL | null,
  ) {}

  install(): void {
    ipcMain.handle(CALL_CHANNEL, (event, message: unknown) => this.handleCall(event, message));
  }

  /** Ties a window's session to its page: it ends when the page goes away. */
  track(contents: WebContents, keepSessionAcrossReloads: boolean): void {
    const id = contents.id;
    const end = (): void => this.endSession(id);
    contents.once('destroyed', end);
    contents.on('render-process-gone', end);
    // A fresh page load (reload, error page) starts signed out. In development
    // Vite reloads the page on every edit, so the session survives there.
    if (!keepSessionAcrossReloads) contents.on('did-navigate', end);
  }

  private async handleCall(event: IpcMainInvokeEvent, message: unknown): Promise<CallReply> {
    if (!this.isTrustedSender(event)) {
      // Rejects the invoke: whatever sent this is not our page and gets nothing.
      throw new Error('oms:call refused: the sender is not an Orderhouse window');
    }
    const parsed = parseCallMessage(message);
    if (!parsed.ok) return parsed.reply;
    const { method, input } = parsed;
    const contentsId = event.sender.id;

    const reply = await this.core.call(method, input, this.tokens.get(contentsId));

    if (method === 'auth.logout') {
      this.tokens.take(contentsId);
      return reply;
    }
    if (reply.ok && sessionIssuing.has(method)) return this.keepToken(contentsId, reply);
    return reply;
  }

  /** Keeps the token in main and hands the rest of the result to the page. */
  private keepToken(contentsId: number, reply: CallReply & { ok: true }): CallReply {
    const result = reply.result;
    if (typeof result !== 'object' || result === null || typeof (result as { token?: unknown }).token !== 'string') return reply;
    const { token, ...rest } = result as { token: string } & Record<string, unknown>;
    const replaced = this.tokens.set(contentsId, token);
    if (replaced) void this.core.call('auth.logout', {}, replaced);
    return { ok: true, result: rest };
  }

  /**
   * The sender must be one of our windows, calling from its top frame, showing
   * our own origin. A subframe or a page that somehow navigated elsewhere is refused.
   */
  private isTrustedSender(event: IpcMainInvokeEvent): boolean {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    if (!isOurWebContents(event.sender)) return false;
    return isOwnUrl(frame.url, this.devServer);
  }

  private endSession(contentsId: number): void {
    const token = this.tokens.take(contentsId);
    if (token) void this.core.call('auth.logout', {}, token);
  }

  /** Routes a core event to the windows its audience allows. */
  forwardEvent(name: string, payload: unknown, audience: EventAudience): void {
    const targets =
      audience.kind === 'session'
        ? this.tokens.holdersOf(audience.tokenHash)
        : audience.kind === 'public'
          ? ourWindows().map((w) => w.webContents.id) // harmless progress (first-run demo build) for signed-out windows too
          : this.tokens.signedIn();
    for (const id of targets) send(id, name, payload);
    // The core ended that session (idle, revoked, logout): its token is useless now.
    if (name === 'session.ended' && audience.kind === 'session') for (const id of targets) this.tokens.take(id);
  }

  /** Tells every window that the core restarted (the renderer shows a notice and retries). */
  broadcastRestart(message: string): void {
    for (const win of ourWindows()) send(win.webContents.id, CORE_RESTARTED_EVENT, { message });
  }
}

function send(contentsId: number, name: string, payload: unknown): void {
  const contents = allWebContents.fromId(contentsId);
  if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, name, payload);
}

type Parsed = { ok: true; method: string; input: unknown } | { ok: false; reply: CallReply };

/** `{ method: string, input: unknown }` and nothing else; the core validates the input itself. */
function parseCallMessage(message: unknown): Parsed {
  if (typeof message !== 'object' || message === null) return invalid('the call must be an object { method, input }', 'method');
  const { method, input } = message as { method?: unknown; input?: unknown };
  if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH) {
    return invalid('method must be a method name such as "orders.list"', 'method');
  }
  return { ok: true, method, input };
}

function invalid(message: string, field: string): Parsed {
  return { ok: false, reply: { ok: false, error: { code: 'VALIDATION', message, field } } };
}
