#!/usr/bin/env node
// End-to-end run, the last step of `npm test`:
//   1. make a throwaway demo workspace with the built CLI,
//   2. start browser mode on a free port (`oms serve --port 0`) and read its URL
//      (plus a second server on an empty folder for the first-run screens),
//   3. run Playwright in Debian's Chromium against it,
//   4. stop the server, remove the workspace, exit with Playwright's code.
// Extra arguments are passed to Playwright: `node scripts/e2e.mjs --grep Roles`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const orders = process.env.OMS_E2E_ORDERS ?? '3000';
const oms = join(root, 'bin', 'oms.js');

function fail(message) {
  process.stderr.write(`\ne2e: ${message}\n`);
  process.exit(1);
}

// A missing browser is a broken machine, not a reason to skip: CI installs it (.ci/run).
if (!existsSync(chromium)) {
  fail(`Chromium was not found at ${chromium}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH. The end-to-end tests cannot run without it.`);
}
if (!existsSync(join(root, 'out', 'main', 'cli.js')) || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  fail('the app is not built (out/main/cli.js or out/renderer/index.html is missing). Run `npm run build` first.');
}

const workspace = mkdtempSync(join(tmpdir(), 'orderhouse-e2e-'));
const emptyWorkspace = mkdtempSync(join(tmpdir(), 'orderhouse-e2e-empty-'));
const servers = [];
let cleanedUp = false;

function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const server of servers) if (server.exitCode === null) server.kill('SIGTERM');
  for (const dir of [workspace, emptyWorkspace]) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A file still held open by a dying server; the OS temp cleaner will get it.
    }
  }
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}

console.log(`e2e: creating a demo workspace with ${orders} orders in ${workspace}`);
const demo = spawnSync(process.execPath, [oms, 'demo', '--workspace', workspace, '--orders', orders], { cwd: root, stdio: 'inherit', timeout: 180_000 });
if (demo.status !== 0) fail(`\`oms demo\` failed (exit ${demo.status ?? demo.signal}).`);

/** Starts `oms serve` on a folder and resolves with the URL it prints. */
function serve(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [oms, 'serve', '--workspace', dir, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    servers.push(child);
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`\`oms serve\` printed no URL within 30 s.\nstdout:\n${out}\nstderr:\n${err}`)), 30_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /Orderhouse is serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
      process.stderr.write(chunk);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`\`oms serve\` exited early (${code ?? signal}).\nstdout:\n${out}\nstderr:\n${err}`));
    });
  });
}

const baseUrl = await serve(workspace).catch((e) => fail(e.message));
// A second server on an empty folder: the first-run screens (owner setup, "Explore the demo shop").
const firstRunUrl = await serve(emptyWorkspace).catch((e) => fail(e.message));

console.log(`e2e: browser mode is up at ${baseUrl}; running Playwright in ${chromium}`);
const cli = join(root, 'node_modules', '@playwright', 'test', 'cli.js');
const [cmd, args] = existsSync(cli) ? [process.execPath, [cli]] : ['npx', ['playwright']];
const run = spawnSync(cmd, [...args, 'test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BASE_URL: baseUrl, FIRST_RUN_URL: firstRunUrl, CHROMIUM_PATH: chromium, OMS_E2E_WORKSPACE: workspace },
});

// Stop the servers before deciding, and wait for them so the workspaces can be removed.
await Promise.all(
  servers
    .filter((server) => server.exitCode === null)
    .map(async (server) => {
      // (The start-up promise's own exit handler is harmless now: it has already settled.)
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      const killTimer = setTimeout(() => server.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killTimer);
    }),
);
cleanup();
const code = run.status ?? 1;
console.log(code === 0 ? 'e2e: passed. Screens for people: test-results/screens/' : `e2e: FAILED (exit ${code}). Failure screenshots and traces: test-results/e2e/`);
process.exit(code);
