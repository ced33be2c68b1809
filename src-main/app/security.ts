import { app, shell, type Session, type WebContents } from 'electron';
import { devCsp } from './csp';
import { isOwnUrl } from './origins';

/**
 * The Electron security checklist, applied in one place:
 * - no remote content: every request leaving the app (other than our own
 *   scheme, devtools and inline data) is cancelled;
 * - no permissions (camera, geolocation, notifications…) for anyone;
 * - no navigation away from our origin, no new windows, no <webview>.
 * The core's own network traffic (shop sync) runs in the utilityProcess and
 * does not go through this session, so it is unaffected.
 */
export function hardenSession(ses: Session, devServer: URL | null): void {
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, devServer);
    if (!allowed) console.warn(`[orderhouse] blocked request to ${redact(details.url)}`);
    callback({ cancel: !allowed });
  });

  // Our scheme's handler sets the CSP itself; the dev server does not, so add it there.
  if (devServer) {
    const policy = devCsp(devServer);
    ses.webRequest.onHeadersReceived((details, callback) => {
      if (!details.url.startsWith(devServer.origin)) return callback({});
      const headers = { ...details.responseHeaders, 'Content-Security-Policy': [policy] };
      callback({ responseHeaders: headers });
    });
  }

  ses.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(isClipboardWrite(permission, details.requestingUrl, devServer));
  });
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isClipboardWrite(permission, requestingOrigin, devServer),
  );
  ses.setDevicePermissionHandler(() => false);
}

/**
 * The one permission we grant: writing text to the clipboard from our own
 * page ("copy order number"). Reading the clipboard stays denied.
 */
function isClipboardWrite(permission: string, requestingUrl: string, devServer: URL | null): boolean {
  return permission === 'clipboard-sanitized-write' && isOwnUrl(requestingUrl, devServer);
}

function isAllowedRequest(raw: string, devServer: URL | null): boolean {
  if (isOwnUrl(raw, devServer)) return true;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (['devtools:', 'chrome-devtools:', 'data:', 'blob:', 'about:'].includes(url.protocol)) return true;
  // Vite's HMR socket in development.
  if (devServer && (url.protocol === 'ws:' || url.protocol === 'wss:') && url.host === devServer.host) return true;
  return false;
}

/**
 * Guards every webContents the app ever creates (windows, devtools, anything
 * future code adds), so a forgotten option on one window cannot open a hole.
 */
export function guardAllWebContents(devServer: URL | null): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, devServer));
}

function guardWebContents(contents: WebContents, devServer: URL | null): void {
  const stayHome = (event: { url: string; preventDefault(): void }): void => {
    if (isOwnUrl(event.url, devServer) || event.url.startsWith('devtools://')) return;
    event.preventDefault();
    console.warn(`[orderhouse] blocked navigation to ${redact(event.url)}`);
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);

  contents.on('will-attach-webview', (event) => event.preventDefault());

  // No new windows, ever. A plain http(s) link the user clicked opens in their
  // own browser instead, where it has none of our powers.
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebLink(url)) void shell.openExternal(url).catch(() => undefined);
    else console.warn(`[orderhouse] blocked window.open(${redact(url)})`);
    return { action: 'deny' };
  });
}

function isExternalWebLink(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** Logs keep the scheme and host only: query strings may carry personal data. */
function redact(raw: string): string {
  try {
    const url = new URL(raw);
    return url.protocol === 'data:' ? 'data:…' : `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

