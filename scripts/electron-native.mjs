#!/usr/bin/env node
/**
 * Makes sure a better-sqlite3 binary built for Electron's ABI exists, without
 * touching node_modules/better-sqlite3/build.
 *
 * Why: `npm test` runs the core on plain Node, so node_modules keeps the
 * binary built for Node. Electron has its own ABI and needs a second binary.
 * We build it out of tree, in a temporary copy of the package, and keep it in
 * .native/electron-<version>-<platform>-<arch>/better_sqlite3.node; the main
 * process hands that path to the core via OMS_SQLITE_BINDING. No manual
 * rebuild is ever needed in either direction.
 *
 * Run by `npm start` (prestart) and `npm run dev`. Exits non-zero when
 * Electron itself is missing, so start fails loudly instead of mysteriously.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const log = (message) => console.log(`[electron-native] ${message}`);
/** Where Electron's installer puts the executable inside dist/, per platform. */
const DEFAULT_EXECUTABLE = { win32: 'electron.exe', darwin: 'Electron.app/Contents/MacOS/Electron' };

const electron = findElectron();
if (!electron) {
  console.error(
    '[electron-native] Electron binary not installed; run `npm install` without ELECTRON_SKIP_BINARY_DOWNLOAD to get it.',
  );
  process.exit(1);
}

const arch = process.arch;
const bsDir = dirname(require.resolve('better-sqlite3/package.json'));
const bsVersion = JSON.parse(readFileSync(join(bsDir, 'package.json'), 'utf8')).version;
const targetDir = join(root, '.native', `electron-${electron.version}-${process.platform}-${arch}`);
const target = join(targetDir, 'better_sqlite3.node');
const stampFile = join(targetDir, 'build-info.json');

if (existsSync(target) && readStamp()?.betterSqlite3 === bsVersion) {
  log(`up to date: ${relative(root, target)} (better-sqlite3 ${bsVersion} for Electron ${electron.version})`);
  process.exit(0);
}

log(`building better-sqlite3 ${bsVersion} for Electron ${electron.version} (${process.platform}-${arch}); node_modules stays built for Node`);
const work = mkdtempSync(join(tmpdir(), 'oms-better-sqlite3-'));
let failure = null;
try {
  // A copy of the package without its build/ folder: the build happens there, not in node_modules.
  cpSync(bsDir, work, {
    recursive: true,
    filter: (src) => {
      const rel = relative(bsDir, src);
      return rel !== 'build' && !rel.startsWith(`build${sep}`) && rel !== 'node_modules' && !rel.startsWith(`node_modules${sep}`);
    },
  });
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  let method = null;
  if (tryPrebuilt(work) && existsSync(built)) method = 'prebuild-install (downloaded prebuilt binary)';
  else if (tryCompile(work) && existsSync(built)) method = 'node-gyp (compiled from source)';
  if (method) {
    mkdirSync(targetDir, { recursive: true });
    // Copy then rename, so an interrupted run never leaves a half-written binary behind.
    copyFileSync(built, `${target}.tmp`);
    renameSync(`${target}.tmp`, target);
    writeFileSync(stampFile, JSON.stringify({ betterSqlite3: bsVersion, electron: electron.version, platform: process.platform, arch, method }, null, 2) + '\n');
    log(`built with ${method}: ${relative(root, target)}`);
  } else {
    failure =
      'could not get better-sqlite3 for Electron: no prebuilt binary could be downloaded (github.com) and compiling failed.\n' +
      '  Compiling downloads Electron headers (electronjs.org) and needs Python 3 and a C++ toolchain\n' +
      '  (Windows: Visual Studio Build Tools; macOS: xcode-select --install; Linux: build-essential).';
  }
} finally {
  // Clean up before any exit: process.exit() inside try would skip this.
  rmSync(work, { recursive: true, force: true });
}
if (failure) {
  console.error(`[electron-native] ${failure}`);
  process.exit(1);
}

if (!verify(target)) {
  rmSync(targetDir, { recursive: true, force: true });
  console.error('[electron-native] the built binary does not load in Electron; removed it. Run this script again with a working toolchain.');
  process.exit(1);
}
log('verified: the binary opens an in-memory database inside Electron');

/**
 * Finds the Electron executable without `require('electron')`: that call
 * tries to download the binary when it is missing, which hangs or fails on
 * machines that cannot reach Electron's download host.
 */
function findElectron() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  // path.txt is written by Electron's installer; ELECTRON_OVERRIDE_DIST_PATH points at a local build.
  const pathFile = join(pkgDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!existsSync(pathFile) && !override) return null;
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : DEFAULT_EXECUTABLE[process.platform] ?? 'electron';
  const dist = override ?? join(pkgDir, 'dist');
  const path = join(dist, executable);
  if (!existsSync(path)) return null;
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  return { path, version };
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return null;
  }
}

/** better-sqlite3 publishes prebuilt Electron binaries; prebuild-install fetches the one for our ABI. */
function tryPrebuilt(cwd) {
  let bin;
  try {
    bin = join(dirname(createRequire(join(bsDir, 'package.json')).resolve('prebuild-install/package.json')), 'bin.js');
  } catch {
    log('prebuild-install not found; compiling instead');
    return false;
  }
  log('trying prebuild-install…');
  return run(process.execPath, [bin, '--runtime=electron', `--target=${electron.version}`, `--arch=${arch}`, `--platform=${process.platform}`], cwd);
}

/** Compiles against Electron's headers with node-gyp (ours, npm's bundled copy, or via npx). */
function tryCompile(cwd) {
  const args = ['rebuild', '--release', `--target=${electron.version}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'];
  const gyp = findNodeGyp();
  log(`compiling with node-gyp (${gyp ?? 'npx node-gyp'})…`);
  if (gyp) return run(process.execPath, [gyp, ...args], cwd);
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  return run(npx, ['--yes', 'node-gyp', ...args], cwd, process.platform === 'win32');
}

function findNodeGyp() {
  const candidates = [];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a dependency here; try npm's own copy
  }
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  const nodeDir = dirname(process.execPath);
  candidates.push(
    process.platform === 'win32'
      ? join(nodeDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
      : join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  );
  return candidates.find((c) => c.endsWith('.js') && existsSync(c)) ?? null;
}

/**
 * npm passes the user's config to scripts as npm_config_* variables; ones like
 * nodedir or target would make node-gyp build against Node's headers instead
 * of Electron's, so they are dropped for the build commands.
 */
function buildEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|build_from_source|platform)$/i.test(key)) delete env[key];
  }
  return env;
}

function run(command, args, cwd, shell = false) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell, env: buildEnv() });
  return result.status === 0;
}

/** Loads the binary in Electron-as-Node and runs a query: proves the ABI matches. */
function verify(binding) {
  const script = `const D = require(${JSON.stringify(bsDir)}); const db = new D(':memory:', { nativeBinding: ${JSON.stringify(binding)} }); db.prepare('select 1').get(); db.close();`;
  const result = spawnSync(electron.path, ['-e', script], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: 'inherit' });
  return result.status === 0;
}
