import { app, BrowserWindow, session } from 'electron';
import { resolve } from 'node:path';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { CoreHost } from './core-host';
import { IpcRelay } from './ipc-relay';
import { PdfOutput } from './pdf-output';
import { keychainSecrets } from './keychain';
import { installAppMenu } from './menu';
import { resolveRuntime, type Runtime } from './runtime';
import { guardAllWebContents, hardenSession } from './security';
import { StartupFailureScreen } from './startup-failure';
import { createMainWindow, ourWindows } from './windows';

/**
 * Electron main: owns windows, menus and the IPC relay; the core (SQLite and
 * every business rule) runs in a utilityProcess so windows never freeze.
 * Everything before `whenReady` must happen before the first window exists.
 */

// Tests and support sessions can keep Chromium's profile (and the
// single-instance lock, which is per profile) out of the user's real one.
if (process.env.OMS_USER_DATA_DIR) app.setPath('userData', resolve(process.env.OMS_USER_DATA_DIR));
app.enableSandbox();
registerAppScheme();
if (process.platform === 'win32') app.setAppUserModelId('com.orderhouse.app');

// One instance per profile: two apps writing the same workspace would fight over the database.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run(resolveRuntime());
}

function run(runtime: Runtime): void {
  const failures = new StartupFailureScreen(runtime.workspaceDir);
  const core = new CoreHost({
    modulePath: runtime.coreProcessPath,
    workspaceDir: runtime.workspaceDir,
    env: coreEnv(runtime),
    onEvent: (name, payload, audience) => relay.forwardEvent(name, payload, audience),
    onRestarted: (message) => relay.broadcastRestart(message),
    onFailed: (failure) => failures.show(failure),
    secrets: keychainSecrets,
  });
  const relay = new IpcRelay(core, runtime.devServer);
  guardAllWebContents(runtime.devServer);

  const openWindow = (): void => {
    const win = createMainWindow(runtime, {
      hasStartupFailure: () => failures.has(),
      onRendererLoadFailed: (_win, reason) => failures.show({ kind: 'no_renderer', message: `The interface did not load: ${reason}.` }),
    });
    relay.track(win.webContents, runtime.devServer !== null);
  };

  app.on('second-instance', () => {
    const win = ourWindows()[0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, runtime.devServer);
    serveAppProtocol({ rendererDir: runtime.rendererDir, errorPage: () => failures.page() });
    installAppMenu(!runtime.packaged);
    relay.install();
    new PdfOutput(runtime.devServer).install();
    // Start the core and the window together: the first calls wait in the
    // core's queue while the page loads, which keeps cold start short.
    core.start();
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Let the core finish its calls and close SQLite cleanly before we exit.
  let coreStopped = false;
  app.on('will-quit', (event) => {
    if (coreStopped) return;
    event.preventDefault();
    void core.stop().finally(() => {
      coreStopped = true;
      app.quit();
    });
  });
}

/**
 * The core's environment: ours, plus the Electron-ABI SQLite binary in
 * development. A packaged app always uses the binary it ships with.
 */
function coreEnv(runtime: Runtime): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  if (runtime.packaged) delete env.OMS_SQLITE_BINDING;
  else if (runtime.sqliteBinding) env.OMS_SQLITE_BINDING = runtime.sqliteBinding;
  return env;
}
