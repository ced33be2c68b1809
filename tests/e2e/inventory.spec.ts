import { expect, test, type Page } from '@playwright/test';
import type { CallReply, InputOf, MethodName, OutputOf } from '../../src-shared/contract';
import { saveScreen, signInToQueue } from './helpers';

type Oms = { call<M extends MethodName>(method: M, input: InputOf<M>): Promise<CallReply<OutputOf<M>>> };

/** A demo SKU that no order waits for, with its fullest location, found through the same contract the screen uses. */
async function stockedSku(page: Page): Promise<{ sku: string; code: string; locationId: number; onHand: number; total: number }> {
  return page.evaluate(async () => {
    const oms = (window as unknown as { oms: Oms }).oms;
    const r = await oms.call('stock.levels', { limit: 200 });
    if (!r.ok) throw new Error(r.error.message);
    for (const item of r.result.items) {
      const level = [...item.levels].sort((a, b) => b.onHand - a.onHand)[0];
      if (item.sku && level && !item.short) return { sku: item.sku, code: r.result.locations.find((l) => l.id === level.locationId)!.code, locationId: level.locationId, onHand: level.onHand, total: item.onHand };
    }
    throw new Error('no stocked demo SKU');
  });
}

test.describe('Inventory', () => {
  test('search a SKU, adjust its stock with a reason, see the level change, undo it', async ({ page }) => {
    await signInToQueue(page, 'manager');
    const target = await stockedSku(page);
    await page.getByTestId('nav-inventory').click();
    await expect(page.getByTestId('stock-table')).toBeVisible();
    await saveScreen(page, 'inventory-list');

    // "/" jumps to the search box.
    await page.keyboard.press('/');
    await expect(page.getByTestId('stock-search')).toBeFocused();
    await page.keyboard.type(target.sku);
    const row = page.locator(`[data-testid="stock-row"][data-sku="${target.sku}"]`);
    await expect(row).toBeVisible();
    await expect(page.getByTestId('stock-row')).toHaveCount(1);
    await expect(row.getByTestId(`onhand-${target.code}`)).toHaveText(String(target.onHand));

    await row.click();
    await expect(page.getByTestId('stock-panel-title')).toBeVisible();
    await expect(page.getByTestId(`panel-level-${target.code}`)).toHaveText(String(target.onHand));
    await page.getByLabel('Location').selectOption(String(target.locationId));

    // Receiving 20 applies at once with Enter.
    await page.getByTestId('adjust-reason').selectOption('received');
    await page.getByTestId('adjust-qty').fill('20');
    await page.getByTestId('adjust-qty').press('Enter');
    await expect(page.getByTestId('stock-notice')).toContainText('Added 20');
    await expect(page.getByTestId(`panel-level-${target.code}`)).toHaveText(String(target.onHand + 20));

    // Removing 12 asks first (more than 10 units); a second Enter confirms.
    await page.getByTestId('adjust-reason').selectOption('damaged');
    await page.getByTestId('adjust-qty').fill('12');
    await page.getByTestId('adjust-note').fill('water leak');
    await page.getByTestId('adjust-qty').press('Enter');
    await expect(page.getByTestId('adjust-confirm')).toContainText('Remove 12');
    await page.getByTestId('adjust-qty').press('Enter');
    await expect(page.getByTestId('stock-notice')).toContainText('Removed 12');
    const after = target.onHand + 8;
    await expect(page.getByTestId(`panel-level-${target.code}`)).toHaveText(String(after));
    await expect(row.getByTestId('onhand-total')).toHaveText(String(target.total + 8));
    await expect(page.getByTestId('stock-move').first()).toContainText('Damaged: water leak');
    await expect(page.getByTestId('stock-move').first()).toContainText('Marcus Manager');
    await saveScreen(page, 'inventory-adjusted');

    // A removal past what is on the shelf is refused with the reason, next to the field.
    await page.getByTestId('adjust-reason').selectOption('count_correction');
    await page.getByTestId('adjust-remove').click();
    await page.getByTestId('adjust-qty').fill(String(after + 3));
    await page.getByTestId('adjust-qty').press('Enter');
    await page.getByTestId('adjust-confirm-yes').click();
    await expect(page.getByTestId('adjust-qty-error')).toContainText(`would leave -3`);
    await expect(page.getByTestId(`panel-level-${target.code}`)).toHaveText(String(after));

    // Undo the last adjustment: a reverse entry, and the level is back.
    await page.getByTestId('stock-undo').click();
    await expect(page.getByTestId('stock-notice')).toContainText('Undone');
    await expect(page.getByTestId(`panel-level-${target.code}`)).toHaveText(String(after + 12));
    await expect(page.getByTestId('stock-move').first()).toContainText('Undo of adjustment');

    // Esc closes the panel; an unknown search says so.
    await page.getByTestId('stock-table').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('stock-panel')).toHaveCount(0);
    await page.getByTestId('stock-search').fill('no-such-sku-xyz');
    await expect(page.getByTestId('stock-empty')).toContainText('No SKU matches');
  });

  test('writing off stock orders count on sends them to Exceptions; undoing it brings them back', async ({ page }) => {
    await signInToQueue(page, 'manager');
    // A SKU open orders reserve, and a location whose whole level, written off, leaves less than they need.
    const target = await page.evaluate(async () => {
      const oms = (window as unknown as { oms: Oms }).oms;
      const r = await oms.call('stock.levels', { limit: 200 });
      if (!r.ok) throw new Error(r.error.message);
      for (const item of r.result.items) {
        if (!item.sku || item.reserved < 1 || item.short) continue;
        const level = item.levels.find((l) => l.onHand >= 1 && item.onHand - l.onHand < item.reserved);
        if (level) return { sku: item.sku, locationId: level.locationId, onHand: level.onHand, total: item.onHand };
      }
      throw new Error('no reserved demo SKU');
    });
    const exceptionsBefore = await page.evaluate(async () => {
      const r = await (window as unknown as { oms: Oms }).oms.call('orders.exceptionCounts', {});
      return r.ok ? r.result.stock_short : -1;
    });
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('stock-search').fill(target.sku);
    const row = page.locator(`[data-testid="stock-row"][data-sku="${target.sku}"]`);
    await expect(page.getByTestId('stock-row')).toHaveCount(1);
    await row.click();
    await page.getByLabel('Location').selectOption(String(target.locationId));
    await page.getByTestId('adjust-reason').selectOption('damaged');
    await page.getByTestId('adjust-qty').fill(String(target.onHand));
    await page.getByTestId('adjust-qty').press('Enter');
    // Available would go below zero: it asks first, and says why.
    await expect(page.getByTestId('adjust-confirm')).toContainText('go to Exceptions');
    await page.getByTestId('adjust-qty').press('Enter');
    await expect(page.getByTestId('stock-notice')).toContainText('moved into Exceptions');
    await expect(row).toHaveClass(/is-short/);
    await expect(row).toContainText('Short');
    const exceptionsAfter = await page.evaluate(async () => {
      const r = await (window as unknown as { oms: Oms }).oms.call('orders.exceptionCounts', {});
      return r.ok ? r.result.stock_short : -1;
    });
    expect(exceptionsAfter).toBeGreaterThan(exceptionsBefore);
    await page.getByTestId('stock-filter-short').click();
    await expect(page.getByTestId('stock-row')).toHaveCount(1);
    await saveScreen(page, 'inventory-short');

    await page.getByTestId('stock-undo').click();
    await expect(page.getByTestId('stock-notice')).toContainText('moved out of Exceptions');
    await expect(page.getByTestId('stock-empty')).toBeVisible();
    const exceptionsUndone = await page.evaluate(async () => {
      const r = await (window as unknown as { oms: Oms }).oms.call('orders.exceptionCounts', {});
      return r.ok ? r.result.stock_short : -1;
    });
    expect(exceptionsUndone).toBe(exceptionsBefore);
  });

  test('a packer sees stock but no adjust form', async ({ page }) => {
    await signInToQueue(page, 'packer');
    await page.getByTestId('nav-inventory').click();
    await page.getByTestId('stock-row').first().click();
    await expect(page.getByTestId('stock-panel-title')).toBeVisible();
    await expect(page.getByTestId('adjust-form')).toHaveCount(0);
    await expect(page.getByTestId('stock-panel')).toContainText('Only managers and owners adjust stock');
  });
});
