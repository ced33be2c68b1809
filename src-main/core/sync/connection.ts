import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspacePaths } from '../workspace/workspace';
import { createShopifyClient } from './shopify/client';

/**
 * The shop connection of a workspace. The access token lives in the
 * workspace's key folder (owner-only file, 0600, in a 0700 folder), never in
 * the database; the database only knows that a connection exists.
 */
export interface ShopifyConnection {
  platform: 'shopify';
  shopUrl: string;
  token: string;
  shopName: string;
  currency: string;
  connectedAt: string;
}

export const connectionFile = (paths: WorkspacePaths) => join(paths.keys, 'shopify-connection.json');

export function loadConnection(paths: WorkspacePaths): ShopifyConnection | null {
  const file = connectionFile(paths);
  if (!existsSync(file)) return null;
  const c = JSON.parse(readFileSync(file, 'utf8')) as Partial<ShopifyConnection>;
  if (typeof c.shopUrl !== 'string' || typeof c.token !== 'string' || typeof c.currency !== 'string') throw new Error(`${file} is incomplete; connect the shop again`);
  return { platform: 'shopify', shopUrl: c.shopUrl, token: c.token, shopName: c.shopName ?? c.shopUrl, currency: c.currency, connectedAt: c.connectedAt ?? '' };
}

export function saveConnection(paths: WorkspacePaths, c: ShopifyConnection): void {
  const file = connectionFile(paths);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(c, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}

/** Normalises what a person types: "my-shop", "my-shop.myshopify.com", "https://…", or the emulator's http://127.0.0.1:PORT. */
export function normaliseShopUrl(input: string): string {
  const s = input.trim().replace(/\/+$/, '');
  if (/^https?:\/\//i.test(s)) {
    const u = new URL(s);
    if (u.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) throw new Error('a shop must be reached over https (plain http only for a local emulator)');
    return `${u.protocol}//${u.host}`;
  }
  if (/^[a-z0-9][a-z0-9-]*$/i.test(s)) return `https://${s.toLowerCase()}.myshopify.com`;
  if (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(s)) return `https://${s.toLowerCase()}`;
  throw new Error(`"${input}" is not a shop address (expected e.g. my-shop.myshopify.com)`);
}

/** Checks the token against the shop and returns what to store. */
export async function verifyShopify(shopInput: string, token: string, now: Date): Promise<ShopifyConnection> {
  const shopUrl = normaliseShopUrl(shopInput);
  const client = createShopifyClient({ shopUrl, token, maxAttempts: 3, baseBackoffMs: 200 });
  const res = await client.request<{ shop: { name: string; currencyCode: string; myshopifyDomain: string } }>('query Shop { shop { name currencyCode myshopifyDomain } }');
  return { platform: 'shopify', shopUrl, token, shopName: res.shop.name, currency: res.shop.currencyCode, connectedAt: now.toISOString() };
}
