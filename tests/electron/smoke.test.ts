import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectron } from './electron-binary';

/**
 * Smoke test of the real Electron shell: the built app starts on a fresh
 * workspace, shows the sign-in/setup screen from our own scheme, exposes
 * exactly `window.oms`, keeps Node out of the page and refuses to leave home.
 * It needs the Electron binary; where there is none it says so and skips.
 */
const root = resolve(__dirname, '../..');
const electron = findElectron(root);
if (!electron.available) {
  console.warn(`[electron smoke] SKIPPED: ${electron.reason}.`);
}

describe.skipIf(!electron.available)('Electron shell (smoke)', () => {
  let app: ElectronApplication;
  let page: Page;
  let scratch: string;

  beforeAll(async () => {
    if (!electron.available) return;
    // The build is part of `npm test`; without it this would test nothing.
    expect(existsSync(join(root, 'out/main/main.js')), 'out/main/main.js missing: run `npm run build` first').toBe(true);
    scratch = mkdtempSync(join(tmpdir(), 'oms-electron-smoke-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    delete env.ELECTRON_RENDERER_URL; // the built renderer, never a dev server
    env.OMS_WORKSPACE = join(scratch, 'workspace');
    env.OMS_USER_DATA_DIR = join(scratch, 'profile');
    app = await _electron.launch({ executablePath: electron.executablePath, args: [root], cwd: root, env });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('loads the app from app://orderhouse and shows the sign-in or setup screen', async () => {
    expect(page.url()).toMatch(/^app:\/\/orderhouse\//);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 15_000 }).toMatch(/sign in|log in|set up|create .*owner|owner account/i);
    expect(await page.locator('body').innerText()).not.toMatch(/could not start|cannot open|is damaged/i);
  });

  it('exposes window.oms and nothing of Node or Electron', async () => {
    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const oms = w.oms as { transport?: unknown; call?: unknown; on?: unknown } | undefined;
      return {
        oms: typeof oms,
        transport: oms?.transport,
        call: typeof oms?.call,
        on: typeof oms?.on,
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        Buffer: typeof w.Buffer,
        ipcRenderer: typeof w.ipcRenderer,
        electron: typeof w.electron,
      };
    });
    expect(globals).toEqual({
      oms: 'object',
      transport: 'electron',
      call: 'function',
      on: 'function',
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
    });
  });

  it('enforces the Content-Security-Policy (no eval, no inline script)', async () => {
    const result = await page.evaluate(() => {
      let evalResult = 'ran';
      try {
        (0, eval)('1');
      } catch {
        evalResult = 'blocked';
      }
      const marker = '__omsInlineRan';
      const script = document.createElement('script');
      script.textContent = `window.${marker} = true`;
      document.head.appendChild(script);
      return { eval: evalResult, inline: (window as unknown as Record<string, unknown>)[marker] === true ? 'ran' : 'blocked' };
    });
    expect(result).toEqual({ eval: 'blocked', inline: 'blocked' });
  });

  it('answers contract calls through the core and keeps the session token in main', async () => {
    const info = await page.evaluate(() => window.oms.call('app.info', {}));
    expect(info).toMatchObject({ ok: true, result: { needsOwner: true } });

    const setup = await page.evaluate(() =>
      window.oms.call('auth.setupOwner', { username: 'smoke-owner', displayName: 'Smoke Owner', password: 'Smoke-test-passphrase-2026!' }),
    );
    expect(setup.ok, JSON.stringify(setup)).toBe(true);
    expect(JSON.stringify(setup)).not.toMatch(/"token"/);

    const me = await page.evaluate(() => window.oms.call('auth.whoami', {}));
    expect(me).toMatchObject({ ok: true, result: { user: { username: 'smoke-owner', role: 'owner' } } });
  });

  it('blocks navigation to an external site', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1000);
    expect(page.url()).toMatch(/^app:\/\/orderhouse\//);
  });

  it('blocks remote requests and new windows', async () => {
    const fetched = await page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'loaded',
        () => 'blocked',
      ),
    );
    expect(fetched).toBe('blocked');
    const opened = await page.evaluate(() => window.open('about:blank') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
