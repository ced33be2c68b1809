import type { CallReply, EventMap, EventName, OmsBridge } from '../../../src-shared/contract';
import { EVENT_NAMES } from '../../../src-shared/contract/events';

/**
 * `window.oms` for browser mode: the same contract over HTTP (calls) and a
 * WebSocket (events). The session lives in an HttpOnly cookie the page cannot
 * read; the custom header makes every call a CORS-preflighted request, so
 * another site cannot forge one.
 */
export function createBrowserBridge(): OmsBridge {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  let retryMs = 500;

  function connect(): void {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(`${proto}//${location.host}/api/events`);
    socket.onopen = () => {
      retryMs = 500;
    };
    socket.onmessage = (msg) => {
      let data: { event?: unknown; payload?: unknown };
      try {
        data = JSON.parse(String(msg.data)) as { event?: unknown; payload?: unknown };
      } catch {
        return;
      }
      if (typeof data.event !== 'string' || !(EVENT_NAMES as readonly string[]).includes(data.event)) return;
      for (const handler of listeners.get(data.event as EventName) ?? []) handler(data.payload);
    };
    socket.onclose = () => {
      socket = null;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  }

  return {
    transport: 'browser',
    async call(method, input) {
      try {
        const res = await fetch('/api/call', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', 'x-oms-call': '1' },
          body: JSON.stringify({ method, input: input ?? {} }),
        });
        const reply = (await res.json()) as CallReply;
        // A fresh sign-in gets a fresh event stream bound to the new session.
        if (reply.ok && (method === 'auth.login' || method === 'auth.setupOwner' || method === 'auth.logout')) socket?.close();
        return reply as never;
      } catch (err) {
        return {
          ok: false,
          error: { code: 'UNAVAILABLE', message: `Cannot reach the Orderhouse server (${(err as Error).message}). Is \`oms serve\` still running?` },
        } as CallReply as never;
      }
    },
    on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void) {
      if (!socket) connect();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const h = handler as (payload: unknown) => void;
      set.add(h);
      return () => set.delete(h);
    },
  };
}
