import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Screens for people to look at after a run (not for assertions). */
const SCREENS_DIR = join(process.cwd(), 'test-results', 'screens');

export async function saveScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

export async function signIn(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('login-screen')).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByTestId('login-submit').click();
}

export async function signInToQueue(page: Page, username: string): Promise<void> {
  await signIn(page, username);
  await expect(page.getByTestId('screen-orders')).toBeVisible();
  await expect(page.getByTestId('order-row').first()).toBeVisible();
}

/** "12,345" → 12345 */
export function parseCount(text: string | null): number {
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

/** "All" and the physical queues (their counts add up to All); Unfulfilled is a view over several of them. */
export const QUEUE_TABS = ['all', 'new', 'ready_to_pack', 'partially_fulfilled', 'on_hold', 'exceptions', 'fulfilled', 'cancelled'] as const;

export async function queueCount(page: Page, queue: (typeof QUEUE_TABS)[number] | 'unfulfilled'): Promise<number> {
  return parseCount(await page.getByTestId(`queue-count-${queue}`).textContent());
}

export async function visibleOrderIds(page: Page, n = 10): Promise<string[]> {
  const rows = page.getByTestId('order-row');
  const count = Math.min(n, await rows.count());
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await rows.nth(i).getAttribute('data-order-id')) ?? '');
  return ids;
}

/** Waits until the list has settled on its first page after a filter change. */
export async function listSettled(page: Page): Promise<void> {
  await expect(page.getByTestId('list-loading')).toHaveCount(0);
  await expect(page.getByTestId('orders-total')).not.toHaveText(/Loading/);
}
