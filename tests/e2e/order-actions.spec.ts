import { expect, test, type Page } from '@playwright/test';
import { listSettled, queueCount, saveScreen, signInToQueue } from './helpers';

async function openQueue(page: Page, queue: string): Promise<void> {
  await page.getByTestId(`queue-tab-${queue}`).click();
  await expect(page.getByTestId(`queue-tab-${queue}`)).toHaveAttribute('aria-selected', 'true');
  await listSettled(page);
}

async function onHoldIds(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const r = await window.oms.call('orders.list', { queue: 'on_hold', limit: 500 });
    return r.ok ? r.result.items.map((o) => o.id) : [];
  });
}

test.describe('Queue actions', () => {
  test.beforeEach(async ({ page }) => {
    await signInToQueue(page, 'backoffice');
    await listSettled(page);
  });

  test('hold, release, tag and note the open order from the keyboard', async ({ page }) => {
    await openQueue(page, 'new');
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('order-detail');
    await expect(detail.getByTestId('order-actions')).toBeVisible();
    const holdsBefore = await queueCount(page, 'on_hold');

    await page.keyboard.press('h');
    await expect(detail.getByTestId('action-text')).toBeFocused();
    await page.keyboard.type('Customer asked to wait');
    await page.keyboard.press('Enter');
    await expect(detail.getByTestId('action-release')).toBeVisible();
    await expect(detail).toContainText('Put on hold: Customer asked to wait');
    await expect.poll(() => queueCount(page, 'on_hold')).toBe(holdsBefore + 1);
    await saveScreen(page, 'order-actions-held');

    await page.keyboard.press('u');
    await page.keyboard.type('Customer confirmed');
    await page.keyboard.press('Enter');
    await expect(detail.getByTestId('action-hold')).toBeVisible();
    await expect(detail).toContainText('Released from hold');

    await page.keyboard.press('t');
    await page.keyboard.type('e2e-check, gift');
    await page.keyboard.press('Enter');
    await expect(detail).toContainText('Tagged');

    await page.keyboard.press('n');
    await page.keyboard.type('Phoned the customer about the colour');
    await page.keyboard.press('Enter');
    await expect(detail).toContainText('Phoned the customer about the colour');
  });

  test('bulk hold of every order in view: progress, one result per order, bad ones refused without stopping the rest', async ({ page }) => {
    const heldBefore = await onHoldIds(page);
    const before = await queueCount(page, 'on_hold');
    // Collect the progress events the page receives, as the progress bar does.
    await page.evaluate(() => {
      const w = window as unknown as { progressSeen: { done: number; total: number }[] };
      w.progressSeen = [];
      window.oms.on('job.progress', (p) => w.progressSeen.push({ done: p.done, total: p.total }));
    });

    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await expect(page.getByTestId('bulk-count')).toHaveText('1 selected');
    await page.getByTestId('bulk-select-all').click();
    const all = await queueCount(page, 'all');
    await expect(page.getByTestId('bulk-count')).toHaveText(`${Math.min(all, 10_000).toLocaleString('en-US')} selected`);
    expect(all).toBeGreaterThanOrEqual(1000);

    await page.getByTestId('bulk-hold').click();
    await page.getByTestId('bulk-text').fill('Stock take');
    await page.getByTestId('bulk-apply').click();
    // The bar shows while the job runs; on a fast machine 3,000 orders can finish before a
    // look lands, so accept the result too. The progress itself is checked from the events below.
    await expect(page.getByTestId('bulk-progress').or(page.getByTestId('bulk-result'))).toBeVisible();

    await expect(page.getByTestId('bulk-result')).toBeVisible({ timeout: 20_000 });
    const summary = (await page.getByTestId('bulk-summary').textContent()) ?? '';
    const [changed, unchanged, refused] = (summary.match(/[\d,]+/g) ?? []).map((x) => Number(x.replace(/,/g, '')));
    expect((changed ?? 0) + (unchanged ?? 0) + (refused ?? 0)).toBe(Math.min(all, 10_000));
    expect(changed).toBeGreaterThan(0);
    // Shipped and cancelled orders cannot be held: each is listed with the reason, and the rest went through.
    expect(refused).toBeGreaterThan(0);
    await expect(page.getByTestId('bulk-failure').first()).toContainText(/already fulfilled|cancelled/);
    await expect.poll(() => queueCount(page, 'on_hold')).toBe(before + (changed ?? 0));
    await saveScreen(page, 'bulk-result');

    const seen = await page.evaluate(() => (window as unknown as { progressSeen: { done: number; total: number }[] }).progressSeen);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.some((p) => p.done > 0 && p.done < p.total)).toBe(true);
    expect(seen.at(-1)).toEqual({ done: all, total: all });

    // Put the shop back as it was for the other tests: release what this test held.
    const mine = (await onHoldIds(page)).filter((id) => !heldBefore.includes(id));
    const released = await page.evaluate(async (orderIds) => window.oms.call('orders.bulk', { action: 'release', orderIds, reason: 'e2e clean-up' }), mine);
    expect(released.ok && released.result.changed).toBe(mine.length);
  });
});
