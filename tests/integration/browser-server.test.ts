import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserServer, type BrowserServer } from '../../src-main/host/browser-server';
import { demoWorkspace, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace;
let server: BrowserServer;

beforeAll(async () => {
  ws = await demoWorkspace();
  const renderer = mkdtempSync(join(tmpdir(), 'oms-renderer-'));
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Orderhouse</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  server = await startBrowserServer(ws.core, { port: 0, rendererDir: renderer });
});
afterAll(async () => {
  await server.close();
  ws.dispose();
});

/** Raw HTTP so the test controls Host and Origin headers exactly as an attacker could. */
function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
const call = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  send('/api/call', { method: 'POST', headers: { 'content-type': 'application/json', 'x-oms-call': '1', ...headers }, body: JSON.stringify({ method, input }) });

describe('browser mode', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the renderer with a strict CSP and no-sniff', async () => {
    const res = await send('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Orderhouse');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await send('/../../../../etc/passwd');
    expect(res.body).not.toContain('root:');
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const res = await send('/', { headers: { host: `evil.example:${server.port}` } });
    expect(res.status).toBe(421);
  });

  it('refuses calls from another origin or without the call header', async () => {
    expect((await call('app.info', {}, { origin: 'https://evil.example' })).status).toBe(403);
    const noHeader = await send('/api/call', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"method":"app.info"}' });
    expect(noHeader.status).toBe(403);
  });

  it('keeps the session in an HttpOnly cookie and never shows the token to the page', async () => {
    const res = await call('auth.login', { username: 'backoffice', password: 'demo' });
    const reply = JSON.parse(res.body) as { ok: boolean; result: Record<string, unknown> };
    expect(reply.ok).toBe(true);
    expect(reply.result.token).toBeUndefined();
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/oms_session=[^;]+; HttpOnly; SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    const list = JSON.parse((await call('orders.counts', {}, { cookie: session })).body) as { ok: boolean };
    expect(list.ok).toBe(true);
    const anonymous = JSON.parse((await call('orders.counts', {})).body) as { ok: boolean; error: { code: string } };
    expect(anonymous.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers malformed bodies with VALIDATION, not a crash', async () => {
    const res = await send('/api/call', { method: 'POST', headers: { 'content-type': 'application/json', 'x-oms-call': '1' }, body: '{not json' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'body' } });
    const stillUp = await send('/');
    expect(stillUp.status).toBe(200);
  });

  it('pushes events only to sockets with a live session', async () => {
    const res = await call('auth.login', { username: 'owner', password: 'demo' });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const signedIn = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: { cookie, origin: server.url } });
    const anonymous = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: { origin: server.url, cookie: 'oms_session=forged' } });
    await Promise.all([signedIn, anonymous].map((s) => new Promise((r) => s.once('open', r))));
    await new Promise((r) => setTimeout(r, 50));
    const got: string[] = [];
    const gotAnon: string[] = [];
    signedIn.on('message', (m) => got.push(String(m)));
    anonymous.on('message', (m) => gotAnon.push(String(m)));
    ws.core.ctx.emit('orders.changed', { counts: { all: 1 } as never });
    await new Promise((r) => setTimeout(r, 100));
    expect(got.map((g) => (JSON.parse(g) as { event: string }).event)).toContain('orders.changed');
    expect(gotAnon).toEqual([]);
    signedIn.close();
    anonymous.close();
  });

  it('refuses an event socket from another origin', async () => {
    const evil = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: { origin: 'https://evil.example' } });
    const outcome = await new Promise<string>((r) => {
      evil.once('open', () => r('open'));
      evil.once('error', () => r('refused'));
    });
    expect(outcome).toBe('refused');
  });
});
