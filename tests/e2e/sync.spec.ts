import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { saveScreen } from './helpers';
import { OMS, startOms } from './oms-process';

/**
 * The Sync screen against a real run: its own workspace connected to `oms emulator`
 * and served by its own `oms serve` (the shared demo workspace is left alone).
 */
const PASSWORD = 'Sync-e2e-pass1';

const start = (args: string[], pattern: RegExp) => startOms(args, pattern, PASSWORD);

test.describe('Sync screen', () => {
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'oms-e2e-sync-'));
  test.afterAll(() => {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  test('a connected workspace syncs with progress per resource, then shows the last run', async ({ page }) => {
    test.setTimeout(150_000);
    const emu = await start(['emulator', '--port', '0', '--orders', '600', '--plan', 'plus', '--faults', 'malformed=1'], /Shopify emulator at (http:\/\/127\.0\.0\.1:\d+)/);
    children.push(emu.child);
    const ws = join(dir, 'shop');
    const env = { ...process.env, OMS_PASSWORD: PASSWORD, SHOP_TOKEN: 'shpat_emulator_token' };
    expect(spawnSync(process.execPath, [OMS, 'init', '--workspace', ws, '--owner', 'boss'], { env }).status).toBe(0);
    const connect = spawnSync(process.execPath, [OMS, 'connect', 'shopify', '--workspace', ws, '--shop', emu.url, '--token-env', 'SHOP_TOKEN'], { env, encoding: 'utf8' });
    expect(connect.stderr).toBe('');
    // Scheduled sync would start a run as soon as the server is up; this test drives the run itself.
    const off = spawnSync(process.execPath, [OMS, 'call', 'sync.schedule.set', '{"enabled":false,"minutes":5}', '--workspace', ws, '--user', 'boss'], { env, encoding: 'utf8' });
    expect(off.status, off.stderr).toBe(0);
    const server = await start(['serve', '--workspace', ws, '--port', '0'], /Orderhouse is serving (http:\/\/127\.0\.0\.1:\d+)/);
    children.push(server.child);

    await page.goto(server.url);
    await page.getByLabel('Username').fill('boss');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-sync').click();
    await expect(page.getByTestId('sync-screen')).toBeVisible();
    await expect(page.getByText('Connected to')).toBeVisible();
    await expect(page.getByTestId('sync-last-run')).toHaveText('Not synced yet');
    await expect(page.getByTestId('sync-schedule')).toContainText('off');

    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-now')).toHaveText('Syncing…');
    await expect(page.getByRole('progressbar').first()).toBeVisible({ timeout: 30_000 });
    await saveScreen(page, 'sync-progress');

    await expect(page.getByTestId('sync-last-run')).toContainText('ok', { timeout: 120_000 });
    await expect(page.getByTestId('sync-resource-orders')).toContainText('up to date');
    await expect(page.getByTestId('sync-resource-orders')).toContainText('599');
    await expect(page.getByTestId('sync-quarantine')).toContainText('not a decimal amount');
    await saveScreen(page, 'sync-done');
  });
});
