import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * Electron's BrowserWindow and webContents, faked for tests of main-side code
 * that creates the window and checks who sent an IPC message (the real package
 * cannot run here: no Electron binary). Every window made is kept in `all`.
 */
export class FakeContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeContents.nextId++;
  readonly send = vi.fn();
  isDestroyed(): boolean {
    return false;
  }
}

export class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  readonly webContents = new FakeContents();
  constructor() {
    super();
    FakeWindow.all.push(this);
  }
  static fromWebContents(contents: unknown): FakeWindow | null {
    return FakeWindow.all.find((w) => w.webContents === contents) ?? null;
  }
  loadURL(): Promise<void> {
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return false;
  }
  isVisible(): boolean {
    return true;
  }
  show(): void {}
}

/** A packaged app's runtime paths and window hooks, as createMainWindow takes them. */
export const packagedRuntime = {
  packaged: true,
  devServer: null,
  preloadPath: '/x/preload.js',
  coreProcessPath: '/x/core-process.js',
  rendererDir: '/x/renderer',
  workspaceDir: '/x/ws',
  sqliteBinding: null,
};
export const windowHooks = { hasStartupFailure: () => false, onRendererLoadFailed: () => undefined };
