import { expect, test } from '@playwright/test';
import { listSettled, saveScreen, signInToQueue } from './helpers';

test.beforeEach(async ({ page }) => {
  await signInToQueue(page, 'backoffice');
  await listSettled(page);
});

/** 13–19 digits passing Luhn: what a card number looks like. Must never be on screen. */
function looksLikePan(text: string): boolean {
  for (const m of text.replace(/[ -]/g, '').match(/\d{13,19}/g) ?? []) {
    let sum = 0;
    for (let i = 0; i < m.length; i++) {
      let d = Number(m[m.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return true;
  }
  return false;
}

test.describe('Order detail', () => {
  test('opening an order shows lines, customer, shipping address, payment and timeline', async ({ page }) => {
    const row = page.getByTestId('order-row').nth(2);
    const name = (await row.locator('.cell-name').textContent())!.trim();
    await row.click();

    const detail = page.getByTestId('order-detail');
    await expect(detail.getByTestId('detail-name')).toHaveText(name);
    await expect(row).toHaveAttribute('aria-selected', 'true');

    const lines = detail.getByTestId('detail-line');
    await expect(lines.first()).toBeVisible();
    await expect(lines.first().getByTestId('line-sku')).not.toBeEmpty();
    await expect(detail.getByTestId('detail-totals')).toContainText('Total');

    await expect(detail.getByTestId('detail-customer')).toBeVisible();
    await expect(detail.getByTestId('detail-shipping')).toBeVisible();

    // Payment: at most brand and last four ("Visa •••• 4242"), never a card number.
    const payment = detail.getByTestId('detail-payment');
    await expect(payment).toBeVisible();
    const method = (await payment.getByTestId('payment-card').textContent())!.trim();
    if (method.includes('••••')) expect(method).toMatch(/^[A-Z][\w .-]* •••• \d{4}$/);
    for (const section of ['detail-lines', 'detail-customer', 'detail-shipping', 'detail-payment', 'detail-timeline']) {
      expect(looksLikePan(await detail.getByTestId(section).innerText())).toBe(false);
    }

    // Timeline, newest first.
    const times = await detail.getByTestId('timeline-entry').locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
    expect(times.length).toBeGreaterThan(0);
    expect([...times].sort().reverse()).toEqual(times);
    await saveScreen(page, 'order-detail');
  });

  test('a card payment shows brand and last four only', async ({ page }) => {
    // Walk the first orders until one was paid by card (demo shops also have other gateways).
    const rows = page.getByTestId('order-row');
    const detail = page.getByTestId('order-detail');
    for (let i = 0; i < 15; i++) {
      const name = (await rows.nth(i).locator('.cell-name').textContent())!.trim();
      await rows.nth(i).click();
      await expect(detail.getByTestId('detail-name')).toHaveText(name);
      const method = (await detail.getByTestId('payment-card').textContent())!.trim();
      if (method.includes('••••')) {
        expect(method).toMatch(/^[A-Z][\w .-]* •••• \d{4}$/);
        return;
      }
    }
    throw new Error('none of the first 15 orders was paid by card');
  });

  test('an order in Exceptions says why, prominently', async ({ page }) => {
    await page.getByTestId('queue-tab-exceptions').click();
    await listSettled(page);
    const first = page.getByTestId('order-row').first();
    test.skip((await first.count()) === 0, 'the demo has no exceptions');
    await first.click();
    await expect(page.getByTestId('detail-exception')).toBeVisible();
    await expect(page.getByTestId('detail-exception')).toContainText('Exception:');
    await saveScreen(page, 'order-detail-exception');
  });

  test('keyboard: j/k move the selection, Enter opens, Esc closes, / focuses search', async ({ page }) => {
    const rows = page.getByTestId('order-row');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('k');
    await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'false');
    await page.keyboard.press('ArrowDown');
    await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowUp');

    const name = (await rows.nth(1).locator('.cell-name').textContent())!.trim();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('detail-name')).toHaveText(name);

    // With an order open, j moves to the next order and shows it.
    const next = (await rows.nth(2).locator('.cell-name').textContent())!.trim();
    await page.keyboard.press('j');
    await expect(page.getByTestId('detail-name')).toHaveText(next);

    await page.keyboard.press('Escape');
    await expect(page.getByTestId('order-detail')).toHaveCount(0);

    await page.keyboard.press('?');
    await expect(page.getByTestId('keyboard-help')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('keyboard-help')).toHaveCount(0);

    await page.keyboard.press('/');
    await expect(page.getByTestId('order-search')).toBeFocused();
  });
});
