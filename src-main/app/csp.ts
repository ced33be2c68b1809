/**
 * The Content-Security-Policy sent with every page. Scripts only from our own
 * origin (no inline, no eval), nothing fetched from anywhere else, no plugins,
 * no framing, no form posts. Inline styles are allowed because React style
 * props and Vite's CSS injection need them; they cannot run code.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * Development only: the same policy plus the dev server's HMR WebSocket, which
 * `'self'` does not cover on every Chromium version.
 */
export function devCsp(devServer: URL): string {
  const ws = `${devServer.protocol === 'https:' ? 'wss' : 'ws'}://${devServer.host}`;
  return CSP.replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}

/** Headers that go with every response we serve. */
export function securityHeaders(contentType: string, csp: string = CSP): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}
