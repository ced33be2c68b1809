import { protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, isAbsolute } from 'node:path';
import { APP_HOST, APP_SCHEME, ERROR_PAGE_PATH } from './origins';
import { securityHeaders } from './csp';

/**
 * Must run before `app.whenReady()`: `standard` gives the scheme real origins
 * and relative URL resolution, `secure` makes it a secure context, and
 * `supportFetchAPI` lets Vite's module scripts load. It gets no other powers
 * (no CSP bypass, no service workers).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface AppProtocolOptions {
  rendererDir: string;
  /** The error page's HTML when start-up failed, else null (then the path is a 404). */
  errorPage: () => string | null;
}

/**
 * Serves `app://orderhouse/…` from the built renderer folder and nothing else:
 * paths are confined to that folder, only GET/HEAD are answered, and every
 * response carries the CSP.
 */
export function serveAppProtocol(opts: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad request');
    }
    if (url.host !== APP_HOST) return plain(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');

    if (url.pathname === ERROR_PAGE_PATH) {
      const html = opts.errorPage();
      return html === null ? plain(404, 'Not found') : respond(request.method, Buffer.from(html, 'utf8'), CONTENT_TYPES['.html']!);
    }

    const file = await resolveFile(opts.rendererDir, url.pathname);
    if (file === null) return plain(404, 'Not found');
    try {
      const body = await readFile(file);
      return respond(request.method, body, CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
    } catch {
      return plain(404, 'Not found');
    }
  });
}

/**
 * Maps a URL path to a file inside `root`, or null. Paths without an
 * extension fall back to index.html so client-side routes survive a reload.
 */
async function resolveFile(root: string, pathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = normalize(join(root, decoded.endsWith('/') ? `${decoded}index.html` : decoded));
  const rel = relative(root, candidate);
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  if (await isFile(candidate)) return candidate;
  if (extname(candidate) === '') {
    const index = join(root, 'index.html');
    return (await isFile(index)) ? index : null;
  }
  return null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function respond(method: string, body: Buffer, contentType: string): Response {
  // Copy into a plain ArrayBuffer-backed view: Response wants BufferSource, not a pooled Node Buffer.
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: securityHeaders(contentType) });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}
