import { randomUUID } from 'node:crypto';
import { closeSync, createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { EmuContext } from './context';
import type { GraphqlAnswer, GraphqlRequest } from './execute';
import { simulateChanges, summary, type SimulateRequest } from './simulate';

/**
 * The HTTP front: the emulator's own /_emulator routes (summary, simulate, bulk files), then
 * for the Admin API path the checks the platform makes before running a query — API version,
 * access token — and the transport faults (slow, dropped, 5xx, 429) before execution.
 */
export function createHttpHandler(ctx: EmuContext, opts: { token: string; apiVersions: readonly string[]; execute: (body: GraphqlRequest) => Promise<GraphqlAnswer>; bulkFile: (n: number) => { fd: number; size: number } | null }) {
  const { faults } = ctx;
  const { token, execute, bulkFile } = opts;
  // Operation numbers start at 1 in every emulator: the ETag of a bulk file also names this instance.
  const instance = randomUUID().slice(0, 8);
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    ctx.stats.requests++;
    const url = new URL(req.url ?? '/', 'http://emulator');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (url.pathname === '/_emulator/summary' && req.method === 'GET') return send(200, summary(ctx));
    if (url.pathname === '/_emulator/simulate' && req.method === 'POST') {
      try {
        return send(200, simulateChanges(ctx, JSON.parse(raw || '{}') as SimulateRequest));
      } catch (err) {
        return send(400, { error: (err as Error).message });
      }
    }
    const bulkPath = /^\/_emulator\/bulk\/(\d+)\.jsonl$/.exec(url.pathname);
    if (bulkPath && req.method === 'GET') {
      const file = bulkFile(Number(bulkPath[1]));
      if (file === null) return send(404, { errors: 'Not Found' });
      // Like the platform's file storage: byte ranges, and a strong ETag so a cut download can be continued (If-Range).
      const { fd, size } = file;
      const etag = `"bulk-${instance}-${bulkPath[1]}-${size}"`;
      const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
      const ifRange = req.headers['if-range'];
      let start = 0;
      if (range && (!ifRange || ifRange === etag)) {
        start = Number(range[1]);
        if (start >= size) {
          closeSync(fd);
          return send(416, { errors: 'Range Not Satisfiable' }, { 'content-range': `bytes */${size}` });
        }
        res.writeHead(206, { 'content-type': 'application/jsonl', etag, 'accept-ranges': 'bytes', 'content-length': String(size - start), 'content-range': `bytes ${start}-${size - 1}/${size}` });
      } else res.writeHead(200, { 'content-type': 'application/jsonl', etag, 'accept-ranges': 'bytes', 'content-length': String(size) });
      // Streamed from the file (the stream closes the descriptor); a client that hangs up ends it early.
      await pipeline(createReadStream('', { fd, start, end: size - 1 }), res).catch(() => {});
      return;
    }
    const m = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
    if (!m) return send(404, { errors: 'Not Found' });
    if (req.method !== 'POST') return send(405, { errors: 'Method Not Allowed' }, { allow: 'POST' });
    if (!opts.apiVersions.includes(m[1] as string)) return send(404, { errors: `API version ${m[1]} is not supported by this emulator (${opts.apiVersions.join(', ')})` });
    if (req.headers['x-shopify-access-token'] !== token) return send(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });

    if (faults.slowMs) await new Promise((r) => setTimeout(r, faults.slowMs));
    if (faults.drop && ctx.random() < faults.drop) {
      ctx.stats.dropped++;
      req.socket.destroy();
      return;
    }
    for (const [status, p] of [[500, faults.status500], [502, faults.status502], [503, faults.status503]] as const) {
      if (p && ctx.random() < p) {
        ctx.stats.errors5xx++;
        return send(status, status === 500 ? { errors: 'Internal Server Error' } : `<html><body>${status} Service unavailable</body></html>`, status === 500 ? {} : { 'content-type': 'text/html' });
      }
    }
    if (faults.status429 && ctx.random() < faults.status429) {
      ctx.stats.status429++;
      return send(429, { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, { 'retry-after': '1.0' });
    }
    let body: { query: string; variables?: Record<string, unknown> };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return send(400, { errors: 'Bad Request: body is not JSON' });
    }
    const out = await execute(body);
    if (ctx.pendingDrop) {
      // The change is made, the answer is lost: the client must find out by retrying with the same key.
      ctx.pendingDrop = false;
      ctx.stats.dropped++;
      req.socket.destroy();
      return;
    }
    send(out.status, out.body, out.headers);
  };
}
