/**
 * Where our own pages come from. The renderer is served from a custom,
 * privileged scheme rather than file:// so that a page can only ever read what
 * the protocol handler chooses to serve (file:// would expose the whole disk to
 * any script that got in). Everything else is "remote" and refused.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'orderhouse';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
/** The plain error page main serves itself when the workspace cannot be opened. */
export const ERROR_PAGE_PATH = '/__startup-error.html';
export const ERROR_PAGE_URL = `${APP_ORIGIN}${ERROR_PAGE_PATH}`;

/**
 * True when `raw` is one of our pages: the app scheme and host, or (in
 * development only) the electron-vite dev server's origin.
 *
 * Compares scheme + host rather than `URL.origin`, because WHATWG URL reports
 * the origin of a non-special scheme like `app:` as the string "null".
 */
export function isOwnUrl(raw: string, devServer: URL | null): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  return devServer !== null && url.origin === devServer.origin;
}
