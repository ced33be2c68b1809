import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseCount, saveScreen } from './helpers';

/**
 * First run with the built-in demo store: its own empty folder served by its
 * own `oms serve` (the shared first-run server is left to first-run.spec.ts).
 */
const OMS = join(process.cwd(), 'bin', 'oms.js');

function serve(dir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [OMS, 'serve', '--workspace', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no address from oms serve: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Orderhouse is serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.on('exit', (code) => reject(new Error(`oms serve exited (${code}): ${out}`)));
  });
}

test.describe('First run: the demo store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oms-e2e-demo-store-'));
  let server: ChildProcess | null = null;
  test.afterAll(() => {
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  test('"Try the demo store" imports through the sync engine with a progress bar per resource, then the queue has the orders', async ({ page }) => {
    test.setTimeout(180_000);
    const s = await serve(dir);
    server = s.child;
    await page.goto(s.url);
    await expect(page.getByTestId('owner-setup-screen')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Try the demo store' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Explore the demo shop' })).toBeVisible();
    await saveScreen(page, 'demo-store-offer');

    await page.getByRole('button', { name: 'Try the demo store' }).click();
    await expect(page.getByTestId('login-screen')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('demo-hint')).toBeVisible();
    await page.getByLabel('Username').fill('manager');
    await page.getByLabel('Password').fill('demo');
    await page.getByTestId('login-submit').click();

    // Straight to the Sync screen, where the first import is running.
    await expect(page.getByTestId('sync-screen')).toBeVisible();
    await expect(page.getByText('built-in demo store').first()).toBeVisible();
    const ordersBar = page.getByTestId('sync-resource-orders').getByRole('progressbar');
    await expect(ordersBar).toBeVisible({ timeout: 60_000 });
    await expect(ordersBar).toHaveAttribute('aria-valuemax', '5000');
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'running');
    await saveScreen(page, 'demo-store-importing');

    await expect(page.getByTestId('sync-last-run')).toContainText('ok', { timeout: 120_000 });
    await expect(page.getByTestId('sync-resource-orders')).toContainText('up to date');
    await expect(page.getByTestId('sync-resource-orders')).toContainText('5,000');
    await expect(page.getByTestId('sync-runs')).toContainText('first import');
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'ok');
    await saveScreen(page, 'demo-store-imported');

    await page.getByTestId('nav-orders').click();
    await expect(page.getByTestId('screen-orders')).toBeVisible();
    await expect(page.getByTestId('order-row').first()).toBeVisible();
    expect(parseCount(await page.getByTestId('queue-count-all').textContent())).toBeGreaterThanOrEqual(5000);
    await saveScreen(page, 'demo-store-queue');
  });
});
