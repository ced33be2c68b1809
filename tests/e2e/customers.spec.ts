import { expect, test } from '@playwright/test';
import { saveScreen, signInToQueue } from './helpers';

test.describe('Customers', () => {
  test('search a customer, read the profile with its timeline, and add a note', async ({ page }) => {
    await signInToQueue(page, 'backoffice');
    await page.getByTestId('nav-customers').click();
    await expect(page.getByTestId('screen-customers')).toBeVisible();
    await expect(page.getByTestId('customer-row').first()).toBeVisible();

    // Open a customer who has bought something, then find them again by search.
    const rows = page.getByTestId('customer-row');
    let i = 0;
    while ((await rows.nth(i).locator('td').last().textContent()) === '0') i++;
    const name = (await rows.nth(i).locator('td').first().textContent())!.trim();
    await page.getByTestId('customer-search').fill(name);
    await expect(page.getByTestId('customer-row').first()).toContainText(name);
    await page.getByTestId('customer-row').first().click();

    const profile = page.getByTestId('customer-profile');
    await expect(page.getByTestId('profile-name')).toHaveText(name);
    await expect(page.getByTestId('profile-stats')).toContainText('Lifetime value');
    await expect(page.getByTestId('profile-segment')).not.toBeEmpty();
    await expect(page.getByTestId('profile-timeline').locator('.ctl-order').first()).toBeVisible();

    await page.getByTestId('note-input').fill('Called about a late parcel; promised an update by Friday.');
    await page.getByTestId('note-add').click();
    await expect(profile.locator('.ctl-note-body').first()).toContainText('promised an update by Friday');
    await saveScreen(page, 'customers-profile');
  });

  test('review a duplicate pair side by side, merge it with the keyboard, then undo', async ({ page }) => {
    await signInToQueue(page, 'backoffice');
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customers-tab-duplicates').click();

    // A full scan fills the review queue (progress is shown while it runs).
    await page.getByTestId('scan-run').click();
    await expect(page.getByTestId('dup-message')).toContainText('Scan finished', { timeout: 60_000 });
    const pair = page.getByTestId('dup-pair');
    await expect(pair).toBeVisible();
    await expect(page.getByTestId('dup-probability')).toContainText('% same person');
    await expect(pair.locator('.dup-ev').first()).toBeVisible();
    await saveScreen(page, 'customers-duplicate-review');

    const before = Number((await page.getByTestId('duplicates-count').textContent())!.replace(/\D/g, ''));
    const a = await pair.getAttribute('data-a');
    const b = await pair.getAttribute('data-b');

    // Keep the second record's email, then merge with M.
    await page.getByTestId('pick-email-b').click();
    await expect(page.getByTestId('pick-email-b')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('m');
    await expect(page.getByTestId('dup-message')).toContainText('Merged');
    await expect(page.getByTestId('duplicates-count')).not.toHaveText(String(before));
    await expect(page.getByTestId('dup-pair')).not.toHaveAttribute('data-b', b!);
    await saveScreen(page, 'customers-merged');

    // Undo with U: the pair is back in the queue.
    await page.keyboard.press('u');
    await expect(page.getByTestId('dup-message')).toContainText('Undone');
    await expect(page.getByTestId('duplicates-count')).toHaveText(String(before));
    await expect(page.locator(`[data-testid="dup-pair"][data-a="${a}"][data-b="${b}"]`)).toBeVisible();

    // "Not the same person" (N) removes the pair for good; S skips to the next one.
    await page.keyboard.press('n');
    await expect(page.getByTestId('dup-message')).toContainText('will not be suggested again');
    await expect(page.getByTestId('duplicates-count')).toHaveText(String(before - 1));
    const next = await page.getByTestId('dup-pair').getAttribute('data-b');
    await page.keyboard.press('s');
    await expect(page.getByTestId('dup-pair')).not.toHaveAttribute('data-b', next!);
  });
});
