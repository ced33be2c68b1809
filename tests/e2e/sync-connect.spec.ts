import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { saveScreen } from './helpers';
import { OMS, startOms } from './oms-process';

/** The owner connects a shop from the Sync screen (here `oms emulator`), sees the import, and disconnects after confirming. */
const PASSWORD = 'Connect-e2e-pass1';
const TOKEN = 'shpat_connect_e2e_token_123456';

const start = (args: string[], pattern: RegExp) => startOms(args, pattern, PASSWORD);

test.describe('Sync screen: connect from the app', () => {
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'oms-e2e-connect-'));
  test.afterAll(() => {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  test('the owner connects with shop address and token (a wrong token is refused), the import runs, and disconnect asks first', async ({ page }) => {
    test.setTimeout(150_000);
    const emu = await start(['emulator', '--port', '0', '--orders', '300', '--plan', 'plus', '--token', TOKEN], /Shopify emulator at (http:\/\/127\.0\.0\.1:\d+)/);
    children.push(emu.child);
    const ws = join(dir, 'shop');
    expect(spawnSync(process.execPath, [OMS, 'init', '--workspace', ws, '--owner', 'boss'], { env: { ...process.env, OMS_PASSWORD: PASSWORD } }).status).toBe(0);
    const server = await start(['serve', '--workspace', ws, '--port', '0'], /Orderhouse is serving (http:\/\/127\.0\.0\.1:\d+)/);
    children.push(server.child);

    await page.goto(server.url);
    await page.getByLabel('Username').fill('boss');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('sync-indicator')).toHaveText('No shop connected');
    await page.getByTestId('sync-indicator').click();
    await expect(page.getByTestId('sync-screen')).toBeVisible();
    await expect(page.getByTestId('sync-connect-form')).toBeVisible();

    await page.getByTestId('sync-connect-shop').fill(emu.url);
    await page.getByTestId('sync-connect-token').fill('shpat_not_the_right_one_000');
    await page.getByTestId('sync-connect-submit').click();
    await expect(page.getByTestId('sync-connect-form')).toContainText('refused this access token');
    await saveScreen(page, 'sync-connect-refused');

    await page.getByTestId('sync-connect-token').fill(TOKEN);
    await page.getByTestId('sync-connect-submit').click();
    await expect(page.getByTestId('sync-connection')).toContainText("owner-only key file");
    await expect(page.getByTestId('sync-last-run')).toContainText('ok', { timeout: 60_000 });
    await expect(page.getByTestId('sync-resource-orders')).toContainText('300');
    await expect(page.getByTestId('sync-runs')).toContainText('first import');
    await expect(page.getByTestId('sync-indicator')).toContainText('Synced');
    await saveScreen(page, 'sync-connected');

    // Schedule: on every 5 minutes by default; turned off here, it says so and stays off after a reload.
    await expect(page.getByTestId('sync-schedule')).toContainText('every 5 min');
    await page.getByTestId('sync-schedule-enabled').uncheck();
    await page.getByTestId('sync-schedule-save').click();
    await expect(page.getByTestId('sync-schedule')).toContainText('off');
    await page.reload();
    await expect(page.getByTestId('sync-schedule')).toContainText('off');
    await expect(page.getByTestId('sync-schedule-enabled')).not.toBeChecked();

    await page.getByTestId('sync-disconnect').click();
    await expect(page.getByRole('alertdialog', { name: 'Disconnect the shop?' })).toBeVisible();
    await page.getByRole('button', { name: 'Keep connected' }).click();
    await expect(page.getByTestId('sync-connection')).toContainText('Shopify');
    await page.getByTestId('sync-disconnect').click();
    await page.getByTestId('sync-disconnect-confirm').click();
    await expect(page.getByTestId('sync-connect-form')).toBeVisible();
    await expect(page.getByTestId('sync-indicator')).toHaveText('No shop connected');
  });
});
