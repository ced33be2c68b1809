import { expect, test } from '@playwright/test';
import { saveScreen } from './helpers';

// A second browser-mode server on an empty folder (scripts/e2e.mjs): what a new user sees first.
const firstRunUrl = process.env.FIRST_RUN_URL;

test.describe('First run', () => {
  test.skip(!firstRunUrl, 'FIRST_RUN_URL is set by scripts/e2e.mjs');

  test('an empty workspace offers the owner account or the demo shop; the demo builds with a progress bar and its logins work', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(firstRunUrl!);
    await expect(page.getByTestId('owner-setup-screen')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Create the owner account' })).toBeVisible();
    await saveScreen(page, 'first-run');

    await page.getByRole('button', { name: 'Explore the demo shop' }).click();
    await expect(page.getByRole('progressbar', { name: 'Building the demo shop' })).toBeVisible();
    await expect(page.getByTestId('login-screen')).toBeVisible({ timeout: 90_000 });
    await expect(page.getByText('Harbor & Pine (demo)').first()).toBeVisible();

    await page.getByLabel('Username').fill('owner');
    await page.getByLabel('Password').fill('demo');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('screen-orders')).toBeVisible();
    await expect(page.getByTestId('queue-count-all')).toHaveText('20,000');
  });
});
