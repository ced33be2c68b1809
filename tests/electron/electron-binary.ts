import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const DEFAULT_EXECUTABLE: Partial<Record<NodeJS.Platform, string>> = {
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron',
};

export type ElectronLookup = { available: true; executablePath: string } | { available: false; reason: string };

/**
 * Finds the Electron executable the way the `electron` package does, but
 * without `require('electron')`: that call tries to download the binary when
 * it is missing, which these build machines cannot do.
 */
export function findElectron(projectRoot: string): ElectronLookup {
  const require = createRequire(join(projectRoot, 'package.json'));
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { available: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!existsSync(pathFile) && !override) {
    return { available: false, reason: 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); run `npm install` without it to get the binary' };
  }
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : (DEFAULT_EXECUTABLE[process.platform] ?? 'electron');
  const executablePath = join(override ?? join(pkgDir, 'dist'), executable);
  if (!existsSync(executablePath)) return { available: false, reason: `Electron binary missing at ${executablePath}` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { available: false, reason: 'no display on this Linux machine; run the tests under xvfb-run' };
  }
  return { available: true, executablePath };
}
