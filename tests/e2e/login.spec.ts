import { expect, test } from '@playwright/test';
import { QUEUE_TABS, queueCount, saveScreen, signIn, signInToQueue } from './helpers';

test.describe('Signing in', () => {
  test('the sign-in screen names the workspace and, for a demo, the demo logins', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await expect(page.getByTestId('workspace-name')).not.toBeEmpty();
    await expect(page.getByTestId('demo-hint')).toContainText('backoffice');
    await saveScreen(page, 'login');
  });

  test('a wrong password shows a clear error and stays on the sign-in screen', async ({ page }) => {
    await signIn(page, 'backoffice', 'not-the-password');
    const error = page.getByTestId('login-error');
    await expect(error).toBeVisible();
    await expect(error).toHaveText(/password/i);
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await expect(page.getByTestId('screen-orders')).toHaveCount(0);
    // The password is cleared for retyping; the username is kept.
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(page.getByLabel('Username')).toHaveValue('backoffice');
    await saveScreen(page, 'login-wrong-password');
  });

  test('repeated wrong passwords are slowed down with a countdown, then sign-in works again', async ({ page }) => {
    // "manager" is used by no other test, so its back-off cannot disturb them.
    await signIn(page, 'manager', 'wrong-1');
    const error = page.getByTestId('login-error');
    for (const attempt of ['wrong-2', 'wrong-3', 'wrong-4']) {
      await expect(error).toBeVisible();
      await expect(page.getByTestId('login-submit')).toBeEnabled({ timeout: 20_000 });
      await page.getByLabel('Password').fill(attempt);
      await page.getByTestId('login-submit').click();
    }
    await expect(error).toHaveAttribute('data-code', 'RATE_LIMITED');
    await expect(error).toContainText(/Too many attempts, try again in \d+ s/);
    await expect(page.getByTestId('login-submit')).toBeDisabled();
    await saveScreen(page, 'login-rate-limited');
    // When the wait is over the right password gets in (and resets the count).
    await expect(page.getByTestId('login-submit')).toBeEnabled({ timeout: 20_000 });
    await page.getByLabel('Password').fill('demo');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('screen-orders')).toBeVisible();
  });

  test('back office signs in and sees the order queue with a count on every tab', async ({ page }) => {
    await signInToQueue(page, 'backoffice');
    await expect(page.getByTestId('topbar-role')).toHaveText('Back office');
    for (const queue of QUEUE_TABS) await expect(page.getByTestId(`queue-count-${queue}`)).toHaveText(/^\d[\d,.\s]*$/);
    // Every order sits in exactly one queue, so the queues add up to All.
    const all = await queueCount(page, 'all');
    let sum = 0;
    for (const queue of QUEUE_TABS.slice(1)) sum += await queueCount(page, queue);
    expect(all).toBeGreaterThan(0);
    expect(sum).toBe(all);
    await saveScreen(page, 'queue');
  });

  test('logging out returns to the sign-in screen and ends the session', async ({ page }) => {
    await signInToQueue(page, 'backoffice');
    await page.getByTestId('logout').click();
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await expect(page.getByTestId('login-notice')).toContainText(/signed out/i);
    // The session is gone in the core too, not just hidden by the screen.
    const reply = await page.evaluate(() => window.oms.call('orders.counts', {}));
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('UNAUTHENTICATED');
    // A reload does not sign back in.
    await page.reload();
    await expect(page.getByTestId('login-screen')).toBeVisible();
  });
});
