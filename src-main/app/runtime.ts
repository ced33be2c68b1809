import { app } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Everything main decides once at start from the environment: where the built
 * bundles are, which workspace to open, whether this is a development run.
 * Read once so every module agrees.
 */
export interface Runtime {
  packaged: boolean;
  /** electron-vite's dev server (`npm run dev`); never honoured in a packaged app. */
  devServer: URL | null;
  preloadPath: string;
  coreProcessPath: string;
  rendererDir: string;
  workspaceDir: string;
  /** better-sqlite3 built for Electron's ABI by scripts/electron-native.mjs (unpackaged runs only). */
  sqliteBinding: string | null;
}

export function resolveRuntime(): Runtime {
  const packaged = app.isPackaged;
  // electron-vite emits CommonJS for main (package.json has no "type": "module"):
  // out/main/main.js, out/main/core-process.js, out/preload/preload.js, out/renderer/.
  const mainDir = __dirname;
  return {
    packaged,
    devServer: packaged ? null : parseDevServer(process.env.ELECTRON_RENDERER_URL),
    preloadPath: join(mainDir, '../preload/preload.js'),
    coreProcessPath: join(mainDir, 'core-process.js'),
    rendererDir: join(mainDir, '../renderer'),
    workspaceDir: process.env.OMS_WORKSPACE ? resolve(process.env.OMS_WORKSPACE) : join(app.getPath('userData'), 'workspace'),
    sqliteBinding: packaged ? null : findDevSqliteBinding(),
  };
}

function parseDevServer(raw: string | undefined): URL | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    // Only a local dev server: a remote URL here would load remote code with our preload.
    if ((url.protocol === 'http:' || url.protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return url;
  } catch {
    // fall through
  }
  console.warn(`[orderhouse] ignoring ELECTRON_RENDERER_URL=${raw}: only a local dev server is allowed`);
  return null;
}

/**
 * node_modules/better-sqlite3/build stays built for plain Node (so `npm test`
 * works); scripts/electron-native.mjs puts an Electron-ABI copy here. Packaged
 * apps get theirs from electron-builder's rebuild instead.
 */
function findDevSqliteBinding(): string | null {
  const dir = `electron-${process.versions.electron}-${process.platform}-${process.arch}`;
  const file = join(app.getAppPath(), '.native', dir, 'better_sqlite3.node');
  if (existsSync(file)) return file;
  console.warn(`[orderhouse] ${file} not found; run \`node scripts/electron-native.mjs\` (npm start does this) if the core fails to load SQLite`);
  return null;
}
