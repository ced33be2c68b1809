import { expect, test } from '@playwright/test';
import { listSettled, parseCount, queueCount, saveScreen, signInToQueue } from './helpers';

const REASONS = ['payment_pending', 'payment_failed', 'address_problem', 'stock_short', 'sync_error'] as const;

test.beforeEach(async ({ page }) => {
  await signInToQueue(page, 'backoffice');
  await listSettled(page);
});

test.describe('Saved views and the Exceptions breakdown', () => {
  test('Exceptions shows a live count per reason and filters by one', async ({ page }) => {
    await page.getByTestId('queue-tab-exceptions').click();
    await listSettled(page);
    const breakdown = page.getByTestId('exception-breakdown');
    await expect(breakdown).toBeVisible();
    const tab = await queueCount(page, 'exceptions');
    const perReason: Record<string, number> = {};
    for (const r of REASONS) perReason[r] = parseCount(await page.getByTestId(`reason-count-${r}`).textContent());
    // The reasons add up to the tab: every order in Exceptions has exactly one.
    expect(Object.values(perReason).reduce((a, b) => a + b, 0)).toBe(tab);

    const [reason, n] = Object.entries(perReason).sort((a, b) => b[1] - a[1])[0]!;
    expect(n).toBeGreaterThan(0);
    await page.getByTestId(`reason-${reason}`).click();
    await expect(page.getByTestId(`reason-${reason}`)).toHaveAttribute('aria-pressed', 'true');
    await listSettled(page);
    await expect(page.getByTestId('orders-total')).toHaveText(new RegExp(`^${n.toLocaleString('en-US')} orders?$`));
    const label = (await page.getByTestId(`reason-${reason}`).textContent())!.replace(/[\d,]+$/, '').trim();
    const badges = await page.getByTestId('order-row').locator('.cell-tags .badge').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    for (const b of badges) expect(b).toBe(label);
    await saveScreen(page, 'queue-exception-breakdown');

    // Another tab drops the reason; the breakdown belongs to Exceptions only.
    await page.getByTestId('queue-tab-new').click();
    await expect(breakdown).toHaveCount(0);
  });

  test('a view saved from the keyboard brings back queue, reason, sort and columns; rename and delete', async ({ page }) => {
    const name = `Stuck orders ${Date.now() % 100000}`;
    await page.getByTestId('queue-tab-exceptions').click();
    await listSettled(page);
    // The reason with the most orders, so the saved view has rows to show.
    let reason: string = REASONS[0];
    for (const r of REASONS) if (parseCount(await page.getByTestId(`reason-count-${r}`).textContent()) > parseCount(await page.getByTestId(`reason-count-${reason}`).textContent())) reason = r;
    await page.getByTestId(`reason-${reason}`).click();
    await page.getByTestId('sort-select').selectOption('oldest');
    await listSettled(page);

    // c: the columns chooser; hide Payment with the keyboard.
    await page.getByTestId('order-list').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await page.locator('body').press('c');
    await expect(page.getByTestId('columns-menu')).toBeVisible();
    await page.getByTestId('column-payment').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('columns-menu')).toHaveCount(0);
    await expect(page.locator('.order-header .cell-payment')).toBeHidden();
    await expect(page.getByTestId('columns-button')).toHaveText(/1 hidden/);
    // The other columns close up: the tags column still reaches the row's right edge.
    const edge = async (sel: string) => page.locator(sel).first().evaluate((el) => Math.round(el.getBoundingClientRect().right));
    expect(Math.abs((await edge('.order-header .cell-tags')) - (await edge('.order-header')))).toBeLessThan(24);

    // v: saved views; save the current one under a name.
    await page.locator('body').press('v');
    await expect(page.getByTestId('views-menu')).toBeVisible();
    await page.getByTestId('view-save').click();
    await page.getByTestId('view-name').fill(name);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('view-item').filter({ hasText: name })).toBeVisible();
    await expect(page.getByTestId('views-button')).toHaveText(new RegExp(`View: ${name}`));
    await saveScreen(page, 'queue-views-menu');
    await page.keyboard.press('Escape');

    // Somewhere else entirely…
    await page.getByTestId('queue-tab-all').click();
    await page.getByTestId('sort-select').selectOption('newest');
    await page.getByTestId('columns-button').click();
    await page.getByTestId('column-payment').check();
    await page.keyboard.press('Escape');
    await listSettled(page);
    await expect(page.getByTestId('views-button')).toHaveText(/^Views/);

    // …and back in one step, by keyboard: v, arrow to the view, Enter.
    await page.locator('body').press('v');
    const item = page.getByTestId('view-item').filter({ hasText: name });
    for (let i = 0; i < 60 && !(await item.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('views-menu')).toHaveCount(0);
    await listSettled(page);
    await expect(page.getByTestId('queue-tab-exceptions')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId(`reason-${reason}`)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('sort-select')).toHaveValue('oldest');
    await expect(page.locator('.order-header .cell-payment')).toBeHidden();
    await expect(page.getByTestId('views-button')).toHaveText(new RegExp(`View: ${name}`));

    // F2 renames, Delete asks first.
    await page.locator('body').press('v');
    await item.focus();
    await page.keyboard.press('F2');
    await page.getByTestId('view-name').fill(`${name} (renamed)`);
    await page.keyboard.press('Enter');
    const renamed = page.getByTestId('view-item').filter({ hasText: `${name} (renamed)` });
    await expect(renamed).toBeVisible();
    await renamed.focus();
    await page.keyboard.press('Delete');
    await expect(page.getByTestId('view-delete-confirm')).toBeVisible();
    await page.getByTestId('view-delete-confirm').click();
    await expect(page.getByTestId('view-item').filter({ hasText: name })).toHaveCount(0);
  });
});
