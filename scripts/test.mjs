// `npm test`: lint → typecheck → build → vitest (unit, integration, Electron smoke)
// → Playwright in Chromium. Stops at the first red step and ends with one plain
// summary line ("tests: N passed, N failed, N skipped").
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function step(name, cmd, args, env = {}) {
  const started = Date.now();
  process.stdout.write(`\n── ${name} ──\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`── ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${secs} s)\n`);
  return r.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
function addVitest(file) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
function addPlaywright(file) {
  if (!existsSync(file)) return;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
}
function finish(code) {
  process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  process.exit(code);
}

for (const [name, cmd, args] of [
  ['lint', npx, ['eslint', '.']],
  ['typecheck', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['build', npx, ['electron-vite', 'build']],
]) {
  const code = step(name, cmd, args);
  if (code !== 0) finish(code);
}

const vitestJson = join(reports, 'vitest.json');
const unit = step('vitest', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
addVitest(vitestJson);
if (unit !== 0) finish(unit);

const pwJson = join(reports, 'playwright.json');
const e2e = step('playwright (Chromium, browser mode)', process.execPath, [join(root, 'scripts/e2e.mjs')], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
addPlaywright(pwJson);
finish(e2e);
