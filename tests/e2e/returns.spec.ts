import { expect, test, type Page } from '@playwright/test';
import type { CallReply, InputOf, MethodName, OutputOf } from '../../src-shared/contract';
import { saveScreen, signInToQueue } from './helpers';

/** window.oms as the page sees it (for test setup through the contract). */
type Oms = { call<M extends MethodName>(method: M, input: InputOf<M>): Promise<CallReply<OutputOf<M>>> };

interface Candidate {
  orderNumber: number;
  lineTitle: string;
}

/**
 * A recently shipped demo order whose first line can be returned for a wrong
 * size: found through the same contract the screens use.
 */
async function returnableOrder(page: Page): Promise<Candidate> {
  return page.evaluate(async () => {
    const oms = (window as unknown as { oms: Oms }).oms;
    const list = await oms.call('orders.list', { queue: 'fulfilled', limit: 60 });
    // Preferably one the carrier has delivered (the window counts from delivery); else one still on its way.
    let shipped: { orderNumber: number; lineTitle: string } | null = null;
    for (const o of list.ok ? list.result.items : []) {
      const detail = await oms.call('orders.get', { id: o.id });
      const line = detail.ok ? detail.result.lines[0] : undefined;
      if (!detail.ok || !line || line.refundedQuantity > 0 || detail.result.lines.length < 2) continue;
      const ev = await oms.call('returns.evaluate', { orderId: o.id, lines: [{ lineId: line.id, quantity: 1, reason: 'wrong_size', condition: 'like_new' }] });
      if (!ev.ok || ev.result.lines[0]?.verdict !== 'eligible') continue;
      if (ev.result.judgedFrom?.kind === 'delivered') return { orderNumber: o.number, lineTitle: line.title };
      shipped ??= { orderNumber: o.number, lineTitle: line.title };
    }
    if (shipped) return shipped;
    throw new Error('no returnable demo order found');
  });
}

test.describe('Returns', () => {
  test('the return wizard creates an RMA, which is approved, received by scan, inspected and refunded', async ({ page }) => {
    await signInToQueue(page, 'manager');
    const target = await returnableOrder(page);
    await page.getByTestId('nav-returns').click();
    await expect(page.getByTestId('screen-returns')).toBeVisible();
    await expect(page.getByTestId('returns-tab-open')).toBeVisible();

    // 1. Find the order by its number.
    await page.getByTestId('new-return').click();
    await expect(page.getByTestId('return-wizard')).toBeVisible();
    await page.getByTestId('wizard-order-search').fill(String(target.orderNumber));
    await page.getByTestId('wizard-order-search').press('Enter');
    // 2. Pick the line and quantity.
    await expect(page.getByTestId('wizard-qty').first()).toBeVisible();
    await page.getByTestId('wizard-qty').first().fill('1');
    await saveScreen(page, 'returns-wizard-items');
    await page.getByTestId('wizard-next').click();
    // 3. Reason and condition.
    await page.getByTestId('wizard-reason').first().selectOption('wrong_size');
    await page.getByTestId('wizard-condition').first().selectOption('like_new');
    await page.getByTestId('wizard-evaluate').click();
    // 4. The verdict, with its reasons in plain words.
    const verdict = page.getByTestId('wizard-verdict').first();
    await expect(verdict.getByTestId('verdict')).toHaveText('Eligible');
    await expect(verdict).toContainText('Within the 30-day return window');
    // Counted from the parcel's delivery when the carrier confirmed it, else from shipping.
    await expect(verdict).toContainText(/(delivered|shipped) \d{1,2} \w{3} \d{4}, returnable until the end of/);
    await saveScreen(page, 'returns-wizard-verdict');
    await page.getByTestId('wizard-next').click();
    // 5. Resolution, 6. summary with the amounts.
    await page.getByLabel('Refund to original payment').check();
    await page.getByTestId('wizard-next').click();
    await expect(page.getByTestId('wizard-summary')).toBeVisible();
    await expect(page.getByTestId('wizard-total')).toHaveText(/^\$\d+\.\d\d$/);
    const total = (await page.getByTestId('wizard-total').textContent())!.trim();
    await saveScreen(page, 'returns-wizard-summary');
    await page.getByTestId('wizard-create').click();
    await expect(page.getByTestId('wizard-done')).toBeVisible();
    const rma = (await page.getByTestId('wizard-rma').textContent())!.trim();
    expect(rma).toMatch(/^RMA-\d{6}$/);

    // The RMA opens in the returns list: approve it.
    await page.getByTestId('wizard-open-rma').click();
    const detail = page.getByTestId('return-detail');
    await expect(detail.getByTestId('return-number')).toHaveText(rma);
    await expect(detail.getByTestId('return-total')).toHaveText(total);
    await detail.getByTestId('return-approve').click();
    await expect(detail).toContainText('Approved');
    // The return slip downloads as a PDF carrying the RMA number.
    const download = page.waitForEvent('download');
    await detail.getByTestId('return-slip').click();
    expect((await download).suggestedFilename()).toBe(`return-slip-${rma}.pdf`);

    // The parcel arrives: scan the slip.
    await page.getByTestId('receive-rma').fill(rma.toLowerCase());
    await page.getByTestId('receive-rma').press('Enter');
    await expect(detail.getByTestId('inspect-form')).toBeVisible();
    // A condition other than the declared one warns that the line will be judged again.
    const found = detail.getByLabel(`Condition found for ${target.lineTitle}`);
    await found.selectOption('used');
    await expect(detail.getByTestId('inspect-form')).toContainText('Not as declared');
    await saveScreen(page, 'returns-inspect');
    await found.selectOption('like_new');
    await detail.getByLabel(`Inspection notes for ${target.lineTitle}`).fill('Tags still on, folded');
    await detail.getByTestId('inspect-save').click();
    await expect(detail).toContainText('“Tags still on, folded”');
    await expect(detail.getByTestId('return-resolve')).toHaveText(`Refund ${total}`);
    await detail.getByTestId('return-resolve').click();
    await expect(detail).toContainText(`Refunded ${total} to the original payment`);
    await expect(detail.getByTestId('return-steps').locator('li')).toHaveCount(5); // requested, approved, received, inspected, refunded

    await page.getByTestId('returns-tab-resolved').click();
    await expect(page.getByTestId('return-row').filter({ hasText: rma })).toBeVisible();
    await saveScreen(page, 'returns-resolved');

    // Managers see return rates by product, reason and customer.
    await page.getByTestId('returns-report-toggle').click();
    await expect(page.getByTestId('report-rate')).toHaveText(/^\d+(\.\d)? %$/);
    await expect(page.getByTestId('returns-report')).toContainText('Wrong size or fit');
    // Every order is counted: no "still counting" notice.
    await expect(page.getByTestId('report-incomplete')).toHaveCount(0);
    await saveScreen(page, 'returns-report');
  });

  test('back office sees why a line is not eligible and cannot override it', async ({ page }) => {
    await signInToQueue(page, 'backoffice');
    const target = await returnableOrder(page);
    await page.getByTestId('nav-returns').click();
    await page.getByTestId('new-return').click();
    await page.getByTestId('wizard-order-search').fill(String(target.orderNumber));
    await page.getByTestId('wizard-order-search').press('Enter');
    await page.getByTestId('wizard-qty').first().fill('1');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-reason').first().selectOption('changed_mind');
    await page.getByTestId('wizard-condition').first().selectOption('used');
    await page.getByTestId('wizard-evaluate').click();
    const verdict = page.getByTestId('wizard-verdict').first();
    await expect(verdict.getByTestId('verdict')).toHaveText('Not eligible');
    await expect(verdict).toContainText('does not meet the required');
    await expect(verdict).toContainText('Only a manager can accept this');
    await expect(page.getByTestId('wizard-override')).toHaveCount(0);
    await expect(page.getByTestId('wizard-next')).toBeDisabled();
    await saveScreen(page, 'returns-wizard-not-eligible');
  });

  test('a manager accepts a not-eligible line as an exception, with a written reason', async ({ page }) => {
    await signInToQueue(page, 'manager');
    const target = await returnableOrder(page);
    await page.getByTestId('nav-returns').click();
    await page.getByTestId('new-return').click();
    await page.getByTestId('wizard-order-search').fill(String(target.orderNumber));
    await page.getByTestId('wizard-order-search').press('Enter');
    await page.getByTestId('wizard-qty').first().fill('1');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-reason').first().selectOption('changed_mind');
    await page.getByTestId('wizard-condition').first().selectOption('used');
    await page.getByTestId('wizard-evaluate').click();
    await expect(page.getByTestId('wizard-verdict').first().getByTestId('verdict')).toHaveText('Not eligible');
    await expect(page.getByTestId('wizard-next')).toBeDisabled();
    await page.getByTestId('wizard-override').fill('Worn once for a wedding; loyal customer');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-next').click();
    await expect(page.getByTestId('wizard-summary')).toContainText('Manager exception: Worn once for a wedding; loyal customer');
    await page.getByTestId('wizard-create').click();
    await page.getByTestId('wizard-open-rma').click();
    const detail = page.getByTestId('return-detail');
    await expect(detail.getByTestId('verdict').first()).toHaveText('Manager exception');
    await expect(detail.getByTestId('return-steps')).toContainText('Manager exception for');
    await saveScreen(page, 'returns-manager-exception');
  });

  test('the open returns list shows status and age', async ({ page }) => {
    await signInToQueue(page, 'backoffice');
    const target = await returnableOrder(page);
    // One open return made through the contract, then looked at on screen.
    const rma = await page.evaluate(async (orderNumber) => {
      const oms = (window as unknown as { oms: Oms }).oms;
      const list = await oms.call('orders.list', { search: String(orderNumber), limit: 5 });
      const first = list.ok ? list.result.items[0] : undefined;
      if (!first) throw new Error(`order ${orderNumber} not found`);
      const order = await oms.call('orders.get', { id: first.id });
      if (!order.ok) throw new Error(order.error.message);
      const lines = order.result.lines.slice(0, 2).map((l) => ({ lineId: l.id, quantity: 1, reason: 'defective', condition: 'damaged' }));
      const created = await oms.call('returns.create', { orderId: order.result.id, resolution: 'store_credit', lines });
      if (!created.ok) throw new Error(created.error.message);
      return created.result.number;
    }, target.orderNumber);
    await page.getByTestId('nav-returns').click();
    const row = page.getByTestId('return-row').filter({ hasText: rma });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Requested');
    await expect(row).toContainText('today');
    await row.click();
    await expect(page.getByTestId('return-detail')).toContainText('Store credit');
    await saveScreen(page, 'returns-list');
  });

  test('an exchange for another size creates the replacement order', async ({ page }) => {
    await signInToQueue(page, 'backoffice');
    const target = await returnableOrder(page);
    // Up to inspection through the contract; the exchange itself on screen.
    const rma = await page.evaluate(async (orderNumber) => {
      const oms = (window as unknown as { oms: Oms }).oms;
      const list = await oms.call('orders.list', { search: String(orderNumber), limit: 5 });
      const first = list.ok ? list.result.items[0] : undefined;
      if (!first) throw new Error(`order ${orderNumber} not found`);
      const order = await oms.call('orders.get', { id: first.id });
      if (!order.ok) throw new Error(order.error.message);
      const line = order.result.lines[0];
      if (!line) throw new Error('no line');
      const created = await oms.call('returns.create', { orderId: order.result.id, resolution: 'exchange', lines: [{ lineId: line.id, quantity: 1, reason: 'wrong_size', condition: 'like_new' }] });
      if (!created.ok) throw new Error(created.error.message);
      await oms.call('returns.approve', { id: created.result.id });
      await oms.call('returns.receive', { rma: created.result.number });
      await oms.call('returns.inspect', { id: created.result.id, lines: [{ returnLineId: created.result.lines[0]?.id ?? 0, outcome: 'restock', locationId: created.result.restockLocations[0]?.id ?? 0 }] });
      return created.result.number;
    }, target.orderNumber);
    await page.getByTestId('nav-returns').click();
    await page.getByTestId('returns-tab-inspected').click();
    await page.getByTestId('return-row').filter({ hasText: rma }).click();
    const picker = page.getByTestId('exchange-picker');
    await expect(picker).toBeVisible();
    const select = picker.locator('select').first();
    const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const current = await select.inputValue();
    const other = values.find((v) => v !== current);
    if (other) await select.selectOption(other);
    // What the swap costs or gives back, in one sentence.
    await expect(picker.getByTestId('exchange-difference')).toContainText(/even exchange|pays the difference|is refunded/);
    await saveScreen(page, 'returns-exchange');
    await page.getByTestId('return-resolve').click();
    await expect(page.getByTestId('return-steps')).toContainText(/replacement order #R\d+/);
  });

  test('a manager edits the return policy, which is saved as a new version', async ({ page }) => {
    await signInToQueue(page, 'manager');
    await page.getByTestId('nav-returns').click();
    await page.getByTestId('returns-policy').click();
    const editor = page.getByTestId('policy-editor');
    await expect(editor).toContainText('30 days after delivery');
    await expect(editor).toContainText('Electronics: 14 days, unopened');
    await page.getByTestId('policy-edit').click();
    await page.getByTestId('policy-window').fill('45');
    // A new reason (its code follows the label), and one retired after a confirmation.
    await page.getByTestId('reason-add').click();
    const reasons = page.getByTestId('policy-reason');
    await reasons.last().getByRole('textbox').first().fill('Arrived too late');
    await expect(reasons.last().getByRole('textbox').nth(1)).toHaveValue('arrived_too_late');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Retire Changed mind' }).click();
    await expect(page.getByRole('button', { name: 'Restore Changed mind' })).toBeVisible();
    await page.getByLabel('What changed').fill('Longer window for the holidays');
    await saveScreen(page, 'returns-policy-edit');
    await page.getByTestId('policy-save').click();
    await expect(page.getByTestId('policy-saved')).toContainText('Saved as version');
    await expect(editor).toContainText('45 days after delivery');
    await expect(page.getByTestId('policy-version').first()).toContainText('Longer window for the holidays');
    await expect(page.getByTestId('policy-reasons')).toContainText('Arrived too late');
    await expect(page.getByTestId('policy-reason').filter({ hasText: 'Changed mind' })).toContainText('retired');
    await saveScreen(page, 'returns-policy');
  });

  test('back office reads the policy but cannot edit it', async ({ page }) => {
    await signInToQueue(page, 'backoffice');
    await page.getByTestId('nav-returns').click();
    await page.getByTestId('returns-policy').click();
    await expect(page.getByTestId('policy-editor')).toContainText('days after delivery');
    await expect(page.getByTestId('policy-edit')).toHaveCount(0);
  });
});
