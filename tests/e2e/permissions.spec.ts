import { expect, test } from '@playwright/test';
import { saveScreen, signInToQueue } from './helpers';

test.describe('Roles', () => {
  test('a packer cannot see or open the Users screen', async ({ page }) => {
    await signInToQueue(page, 'packer');
    await expect(page.getByTestId('topbar-role')).toHaveText('Packer');
    await expect(page.getByTestId('nav-orders')).toBeVisible();
    await expect(page.getByTestId('nav-users')).toHaveCount(0);
    await expect(page.getByTestId('nav-settings')).toHaveCount(0);

    // Typing the address does not help: the screen says no, and shows no user data.
    await page.goto('/#/users');
    await expect(page.getByTestId('no-access')).toBeVisible();
    await expect(page.getByTestId('users-table')).toHaveCount(0);
    await saveScreen(page, 'packer-no-access');
  });

  test('a packer calling users.create directly gets FORBIDDEN from the core', async ({ page }) => {
    await signInToQueue(page, 'packer');
    const reply = await page.evaluate(() =>
      window.oms.call('users.create', { username: 'sneaky', displayName: 'Sneaky', role: 'owner', password: 'correct horse battery staple' }),
    );
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('FORBIDDEN');
    const list = await page.evaluate(() => window.oms.call('users.list', {}));
    expect(list.ok).toBe(false);
    if (!list.ok) expect(list.error.code).toBe('FORBIDDEN');
  });

  test('the owner sees the users and gets field errors from the add-user form', async ({ page }) => {
    await signInToQueue(page, 'owner');
    await page.getByTestId('nav-users').click();
    await expect(page.getByTestId('users-table')).toBeVisible();
    await expect(page.getByTestId('users-table')).toContainText('packer');
    const before = await page.getByTestId('user-row').count();
    expect(before).toBeGreaterThanOrEqual(4);

    const form = page.getByTestId('add-user-form');
    await form.getByLabel('Name', { exact: true }).fill('New Person');
    await form.getByLabel('Username', { exact: true }).fill('not a valid name!');
    await form.getByLabel('Initial password').fill('a long enough passphrase for this');
    await form.getByTestId('add-user-submit').click();
    // The core's VALIDATION error names the field; the message appears right under it.
    await expect(page.getByTestId('user-username-error')).toBeVisible();
    await expect(page.getByTestId('user-row')).toHaveCount(before);
    await saveScreen(page, 'users-owner');
  });
});
