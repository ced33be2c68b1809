import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { SESSION_ISSUING_METHODS, type CallReply } from '../../src-shared/contract';
import type { CoreApi } from '../core/api';
import { hashToken } from '../core/auth/tokens';
import { SECURITY_HEADERS, hostAllowed, originAllowed, readCookie } from './http-security';
import { serveStatic } from './static-files';

const COOKIE = 'oms_session';
// Large enough for an 8 MB customer CSV (IMPORT_MAX_CHARS) after JSON escaping and UTF-8; the contract
// refuses oversize inputs with a clear message, this only stops runaway bodies.
const MAX_BODY = 24 * 1024 * 1024;

export interface BrowserServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Browser mode: the built renderer and the contract over HTTP + WebSocket,
 * bound to 127.0.0.1 only. The session token lives in an HttpOnly,
 * SameSite=Strict cookie; the page never sees it.
 */
export async function startBrowserServer(core: CoreApi, opts: { port: number; rendererDir: string }): Promise<BrowserServer> {
  let port = opts.port;
  const sockets = new Map<WebSocket, string | null>();

  const server: Server = createServer((req, res) => {
    if (!hostAllowed(req, port)) return plain(res, 421, 'Misdirected request: use http://127.0.0.1 to reach Orderhouse.');
    const url = req.url ?? '/';
    if (url === '/api/call') {
      if (req.method !== 'POST') return plain(res, 405, 'POST only');
      void handleCall(req, res);
      return;
    }
    if (url.startsWith('/api/')) return plain(res, 404, 'No such endpoint');
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'GET only');
    serveStatic(opts.rendererDir, url, res, SECURITY_HEADERS);
  });

  async function handleCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!originAllowed(req, port) || req.headers['x-oms-call'] !== '1') {
      return json(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Cross-site calls are not allowed.' } });
    }
    let body: { method?: unknown; input?: unknown };
    try {
      body = JSON.parse(await readBody(req)) as { method?: unknown; input?: unknown };
      if (typeof body !== 'object' || body === null) throw new Error('not an object');
    } catch (err) {
      return json(res, 400, { ok: false, error: { code: 'VALIDATION', field: 'body', message: `The request body must be JSON {"method", "input"} (${(err as Error).message}).` } });
    }
    const token = readCookie(req, COOKIE);
    const method = typeof body.method === 'string' ? body.method : '';
    const reply = await core.call({ method, input: body.input, token, client: 'browser' });
    const headers: Record<string, string> = {};
    if (reply.ok && (SESSION_ISSUING_METHODS as readonly string[]).includes(method)) {
      const result = reply.result as { token: string } & Record<string, unknown>;
      headers['set-cookie'] = `${COOKIE}=${encodeURIComponent(result.token)}; HttpOnly; SameSite=Strict; Path=/`;
      const { token: _omit, ...rest } = result;
      return json(res, 200, { ok: true, result: rest }, headers);
    }
    if (method === 'auth.logout' || (!reply.ok && reply.error.code === 'UNAUTHENTICATED' && token)) {
      headers['set-cookie'] = `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
    }
    json(res, 200, reply, headers);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    if (req.url !== '/api/events' || !hostAllowed(req, port) || !originAllowed(req, port)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const token = readCookie(req, COOKIE);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
      if (!token) return void sockets.set(ws, null);
      // Only a live session receives events; a stale or forged cookie gets nothing.
      void core.call({ method: 'auth.whoami', input: {}, token, client: 'browser' }).then((who) => {
        if (ws.readyState === ws.OPEN) sockets.set(ws, who.ok ? hashToken(token) : null);
      });
    });
  });

  const unsubscribe = core.onEvent((event, payload, audience) => {
    const data = JSON.stringify({ event, payload });
    for (const [ws, tokenHash] of sockets) {
      if (audience.kind === 'public') {
        ws.send(data);
        continue;
      }
      if (!tokenHash) continue;
      if (audience.kind === 'session' && audience.tokenHash !== tokenHash) continue;
      ws.send(data);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const ws of sockets.keys()) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function json(res: ServerResponse, status: number, body: CallReply | Record<string, unknown>, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error(`body larger than ${MAX_BODY / 1024 / 1024} MiB`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
