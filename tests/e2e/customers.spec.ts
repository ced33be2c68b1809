import { expect, test } from '@playwright/test';
import { smtpServer } from '../support/smtp-server';
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
  test('merge all certain pairs after confirming the count and a sample, then undo one of them', async ({ page }) => {
    await signInToQueue(page, 'backoffice');
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customers-tab-duplicates').click();
    await expect(page.getByTestId('merge-certain-open')).toBeVisible();
    const certain = Number((await page.getByTestId('merge-certain-open').textContent())!.replace(/\D/g, ''));
    expect(certain).toBeGreaterThan(0);

    // Esc cancels without merging anything.
    await page.getByTestId('merge-certain-open').click();
    const dialog = page.getByTestId('merge-certain-dialog');
    await expect(dialog).toContainText(`Merge all ${certain} certain pairs?`);
    await expect(page.getByTestId('merge-certain-sample').locator('li').first()).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('merge-certain-open')).toContainText(String(certain));

    await page.getByTestId('merge-certain-open').click();
    await expect(page.getByTestId('merge-certain-sample').locator('li').first()).toBeVisible();
    await saveScreen(page, 'customers-merge-certain-confirm');
    await page.getByTestId('merge-certain-confirm').click();
    await expect(page.getByTestId('merge-certain-result')).toBeVisible({ timeout: 60_000 });
    const items = page.getByTestId('merge-certain-item');
    const merged = await items.count();
    expect(merged).toBeGreaterThan(0);
    await items.first().getByTestId('merge-certain-undo').click();
    await expect(items.first()).toContainText('undone');
    await saveScreen(page, 'customers-merge-certain-done');
    await page.getByTestId('merge-certain-close').click();
    await expect(dialog).toBeHidden();
    // The undone merge's pair is back in the queue; the rest are gone.
    await expect(page.getByTestId('merge-certain-open')).toBeVisible();
    const left = Number((await page.getByTestId('merge-certain-open').textContent())!.replace(/\D/g, ''));
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(certain);
  });
});

test.describe('Contact data by role', () => {
  test('a packer sees the shipping address but masked email and phone on an order; the back office sees them in full', async ({ page }) => {
    await signInToQueue(page, 'packer');
    const row = page.getByTestId('order-row').nth(1);
    const orderName = (await row.locator('.cell-name').textContent())!.trim();
    await row.click();
    const customer = page.getByTestId('order-detail').getByTestId('detail-customer');
    await expect(customer).toContainText('•••@');
    await expect(customer).not.toContainText(/[a-z0-9._%+-]{2,}@[a-z0-9.-]+\.[a-z]{2,}/i);
    await expect(page.getByTestId('order-detail').getByTestId('detail-shipping')).toBeVisible();
    await saveScreen(page, 'customers-packer-masked-order');

    await page.getByRole('button', { name: 'Log out' }).click();
    await signInToQueue(page, 'backoffice');
    await page.getByTestId('order-search').fill(orderName);
    await page.getByTestId('order-row').filter({ hasText: orderName }).first().click();
    await expect(page.getByTestId('order-detail').getByTestId('detail-customer')).toContainText(/[a-z0-9._%+-]{2,}@[a-z0-9.-]+\.[a-z]{2,}/i);
  });
});

test.describe('Customer import', () => {
  test('import a CSV: mapping with preview, a broken row, progress, duplicates and the error report', async ({ page }) => {
    await signInToQueue(page, 'backoffice');
    await page.getByTestId('nav-customers').click();
    // Someone already in the shop, to be found again as a duplicate.
    const first = page.getByTestId('customer-row').first();
    await expect(first).toBeVisible();
    const [given, ...rest] = (await first.locator('td').nth(0).textContent())!.trim().split(' ');
    const email = (await first.locator('td').nth(1).textContent())!.trim();
    const tag = Date.now().toString(36);

    const csv = [
      'Customer No,Forename,Surname,Mail,Mobile,House,Street,Town,Zip,Area,Country',
      `E2E-${tag}-1,${given},${rest.join(' ')},${email},,,,,,,US`,
      `E2E-${tag}-2,Imogen,Fairweather-${tag},imogen.${tag}@example.com,(415) 555-0199,8,Birch Lane,Portland,97201,OR,US`,
      `E2E-${tag}-3,Olu,Adeyemi-${tag},not-an-email,,,,,,,US`,
      `E2E-${tag}-4,Broken,Row`,
    ].join('\n');

    await page.getByTestId('customers-tab-import').click();
    await expect(page.getByTestId('import-empty')).toBeVisible();
    await page.getByTestId('import-file').setInputFiles({ name: 'crm-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    // The mapping is guessed from the header names; the house number and street are joined.
    await expect(page.getByTestId('map-chip-first_name')).toHaveText(/Forename/);
    await expect(page.getByTestId('map-chip-address1')).toHaveCount(2);
    // "Area" is not a name the guess knows: map it by hand, and the preview follows.
    await page.getByTestId('map-region').selectOption('Area');
    await expect(page.getByTestId('map-chip-region')).toHaveText(/Area/);
    const preview = page.getByTestId('preview-row');
    await expect(preview).toHaveCount(4);
    await expect(preview.nth(1)).toContainText('8 Birch Lane');
    await expect(preview.nth(1)).toContainText('OR');
    await expect(preview.nth(2)).toContainText('not an email address');
    await expect(preview.nth(3)).toContainText('Not imported: has 3 fields, the header has 11');
    await saveScreen(page, 'customers-import-mapping');

    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('import-imported')).toHaveText('3');
    await expect(page.getByTestId('import-rejected')).toHaveText('1');
    await expect(page.getByTestId('import-errors')).toContainText('has 3 fields, the header has 11');
    await expect(page.getByTestId('import-dup-table')).toContainText(`${given}`);
    await saveScreen(page, 'customers-import-result');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors-download').click()]);
    expect(download.suggestedFilename()).toBe('crm-export-errors.csv');
    const text = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toBe('row,column,reason');
    expect(text).toContain('5,*,"has 3 fields, the header has 11"');

    // The duplicates are in the review queue.
    await page.getByTestId('import-review').click();
    await expect(page.getByTestId('dup-pair')).toBeVisible();
  });
});

test.describe('Service cases', () => {
  test('open a case from an order, answer with a template, and resolve it', async ({ page }) => {
    await signInToQueue(page, 'backoffice');
    await page.getByTestId('nav-customers').click();
    const rows = page.getByTestId('customer-row');
    await expect(rows.first()).toBeVisible();
    let i = 0;
    while ((await rows.nth(i).locator('td').last().textContent()) === '0') i++;
    await rows.nth(i).click();

    // From one of the customer's orders on the timeline.
    await page.getByTestId('case-open-order').first().click();
    await expect(page.getByTestId('case-new')).toContainText('About order #');
    await page.getByTestId('case-subject').fill('Parcel arrived without the scarf');
    await page.getByTestId('case-type').selectOption('missing_item');
    await page.getByTestId('case-create').click();

    const panel = page.getByTestId('case-panel');
    await expect(panel).toContainText('Parcel arrived without the scarf');
    await expect(page.getByTestId('case-row').filter({ hasText: 'Parcel arrived without the scarf' })).toBeVisible();

    // A reply from a template, with the placeholders filled.
    await page.getByTestId('case-template').selectOption('missing-item');
    await expect(page.getByTestId('case-reply')).toHaveValue(/^Hi \S+,[\s\S]*order #\d+/);
    await expect(page.getByTestId('case-reply')).not.toHaveValue(/\{\{|\[order number\]/);
    await saveScreen(page, 'customers-case');
    await page.getByTestId('case-record-reply').click();
    await expect(page.getByTestId('case-notes')).toContainText('Reply sent');

    // Resolve: it leaves the active list and the change is in the history.
    await page.getByTestId('case-status').selectOption('resolved');
    await expect(page.getByTestId('case-notes')).toContainText('status open → resolved');
    await expect(page.getByTestId('case-row').filter({ hasText: 'Parcel arrived without the scarf' })).toHaveCount(0);
    await page.getByTestId('cases-tab-resolved').click();
    await expect(page.getByTestId('case-row').filter({ hasText: 'Parcel arrived without the scarf' })).toBeVisible();
  });

  test('a manager sets up templates and the mail server, assigns a case with the keyboard, sends a templated reply by email, and resolves it', async ({ page }) => {
    const smtp = smtpServer({ password: 'Mail-pass-2026' });
    const port = await smtp.listen();
    try {
      await signInToQueue(page, 'manager');
      await page.getByTestId('nav-customers').click();
      await page.getByTestId('customers-tab-cases').click();

      // Settings: the mail server (password into the key file) and a template whose placeholder is checked as it is typed.
      await page.getByTestId('cases-settings').click();
      await page.getByTestId('smtp-host').fill('127.0.0.1');
      await page.getByTestId('smtp-port').fill(String(port));
      await page.getByTestId('smtp-security').selectOption('none');
      await page.getByTestId('smtp-user').fill('service');
      await page.getByTestId('smtp-password').fill('Mail-pass-2026');
      await page.getByTestId('smtp-from').fill('Harbor & Pine <service@harbor.example>');
      await page.getByTestId('smtp-save').click();
      await expect(page.getByTestId('case-settings-saved-smtp')).toBeVisible();
      await expect(page.getByTestId('smtp-password')).toHaveAttribute('placeholder', /stored/);

      await page.getByTestId('template-add').click();
      const row = page.getByTestId('template-row').last();
      await row.getByTestId('template-name').fill('Sorry for the wait');
      await row.getByTestId('template-body').fill('Hi {custmer_name},\n\nSorry for the wait on {case_number}.');
      await expect(row.getByTestId('template-problem')).toContainText('{custmer_name} is not a placeholder');
      await expect(page.getByTestId('templates-save')).toBeDisabled();
      await row.getByTestId('template-body').fill('Hi {customer_name},\n\nSorry for the wait on {case_number} about order {order_number}.\n\nKind regards');
      await page.getByTestId('templates-save').click();
      await expect(page.getByTestId('case-settings-saved-templates')).toBeVisible();
      await saveScreen(page, 'customers-case-settings');
      await page.getByTestId('case-settings-close').click();

      // A case from a customer's order.
      await page.getByTestId('customers-tab-list').click();
      const rows = page.getByTestId('customer-row');
      await expect(rows.first()).toBeVisible();
      let i = 0;
      while ((await rows.nth(i).locator('td').last().textContent()) === '0' || (await rows.nth(i).locator('td').nth(1).textContent())!.trim() === '—') i++;
      const email = (await rows.nth(i).locator('td').nth(1).textContent())!.trim();
      await rows.nth(i).click();
      await page.getByTestId('case-open-order').first().click();
      const subject = `Late parcel ${Date.now().toString(36)}`;
      await page.getByTestId('case-subject').fill(subject);
      await page.getByTestId('case-create').click();
      await expect(page.getByTestId('case-panel')).toContainText(subject);

      // Assign with the keyboard: A jumps to the assignee, arrows pick a person.
      await page.getByTestId('case-panel').locator('h2').click();
      await page.keyboard.press('a');
      await expect(page.getByTestId('case-assignee')).toBeFocused();
      await page.getByTestId('case-assignee').selectOption({ label: 'Bea Backoffice' });
      await expect(page.getByTestId('case-notes')).toContainText('assigned to Bea Backoffice');
      await expect(page.getByTestId('case-row').filter({ hasText: subject }).getByTestId('case-row-assignee')).toHaveText('Bea Backoffice');

      // The new template, then Send: the mail reaches the server and the reply is on the case.
      await page.getByTestId('case-template').selectOption({ label: 'Sorry for the wait' });
      await expect(page.getByTestId('case-reply')).toHaveValue(/^Hi \S+,\n\nSorry for the wait on CASE-\d{6} about order #\d+\./);
      await expect(page.getByTestId('case-send-hint')).toContainText(`To ${email} through 127.0.0.1`);
      await page.getByTestId('case-send').click();
      await expect(page.getByTestId('case-notes')).toContainText(`Emailed to ${email}`);
      await expect(page.getByTestId('case-send-hint')).toContainText(`Sent to ${email}`);
      expect(smtp.received.at(-1)).toMatchObject({ auth: 'service', from: 'service@harbor.example', to: [email] });
      expect(smtp.received.at(-1)!.data).toContain('Sorry for the wait on CASE-');
      await saveScreen(page, 'customers-case-sent');

      await page.getByTestId('case-status').selectOption('resolved');
      await expect(page.getByTestId('case-notes')).toContainText('status open → resolved');
      await expect(page.getByTestId('case-row').filter({ hasText: subject })).toHaveCount(0);
    } finally {
      await smtp.close();
    }
  });
});
