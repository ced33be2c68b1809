import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspacePaths } from '../workspace/workspace';
import type { SecretStore } from './secret-store';
import { createShopifyClient } from './shopify/client';

/**
 * The shop connection of a workspace, in the workspace's key folder
 * (owner-only file, 0600, in a 0700 folder), never in the database: the
 * database only knows that a connection exists. The access token is written
 * as the host's secret store seals it: in the Electron app encrypted with the
 * OS keychain (safeStorage), in browser mode and the CLI as is (the key file).
 * The built-in demo store is a connection too, marked `demo`, with no token.
 */
export interface ShopifyConnection {
  platform: 'shopify';
  shopUrl: string;
  token: string;
  shopName: string;
  currency: string;
  connectedAt: string;
  /** The built-in demo store (an emulator inside the core), never a real shop. */
  demo?: boolean;
}

/** The file's form: `token` (key file) or `sealedToken` (OS keychain); neither for the demo store. */
interface StoredConnection extends Omit<ShopifyConnection, 'token'> {
  token?: string;
  sealedToken?: string;
}

export const connectionFile = (paths: WorkspacePaths) => join(paths.keys, 'shopify-connection.json');

function readStored(paths: WorkspacePaths): StoredConnection | null {
  const file = connectionFile(paths);
  if (!existsSync(file)) return null;
  const c = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredConnection>;
  const hasToken = typeof c.token === 'string' || typeof c.sealedToken === 'string' || c.demo === true;
  if (typeof c.shopUrl !== 'string' || !hasToken || typeof c.currency !== 'string') throw new Error(`${file} is incomplete; connect the shop again`);
  return { platform: 'shopify', shopUrl: c.shopUrl, shopName: c.shopName ?? c.shopUrl, currency: c.currency, connectedAt: c.connectedAt ?? '', demo: c.demo === true, token: c.token, sealedToken: c.sealedToken };
}

/** What the Sync screen may show: never the token. */
export function connectionInfo(paths: WorkspacePaths): { shopUrl: string; shopName: string; demo: boolean; connectedAt: string; tokenIn: 'os-keychain' | 'key-file' | null } | null {
  const c = readStored(paths);
  if (!c) return null;
  return { shopUrl: c.shopUrl, shopName: c.shopName, demo: c.demo === true, connectedAt: c.connectedAt, tokenIn: c.demo ? null : c.sealedToken ? 'os-keychain' : 'key-file' };
}

/** The connection with its token in clear (in memory only). */
export async function loadConnectionWith(paths: WorkspacePaths, secrets: SecretStore): Promise<ShopifyConnection | null> {
  const c = readStored(paths);
  if (!c) return null;
  const { sealedToken, token, ...rest } = c;
  if (c.demo) return { ...rest, token: '' };
  if (typeof sealedToken === 'string') {
    if (secrets.kind !== 'os-keychain') throw new Error('The shop\'s access token was locked with the desktop app\'s keychain; open this workspace in the Orderhouse app, or connect the shop again here.');
    return { ...rest, token: await secrets.unseal(sealedToken) };
  }
  return { ...rest, token: token ?? '' };
}

/** Synchronous read for callers that only handle key-file tokens (the CLI). */
export function loadConnection(paths: WorkspacePaths): ShopifyConnection | null {
  const c = readStored(paths);
  if (!c) return null;
  const { sealedToken, token, ...rest } = c;
  if (sealedToken && !c.demo) throw new Error('The shop\'s access token is locked with the desktop app\'s keychain; run this from the Orderhouse app.');
  return { ...rest, token: token ?? '' };
}

function writeStored(paths: WorkspacePaths, c: StoredConnection): void {
  const file = connectionFile(paths);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(c, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}

/** Writes the connection with the token in the key file as is (CLI, browser mode). */
export function saveConnection(paths: WorkspacePaths, c: ShopifyConnection): void {
  writeStored(paths, c);
}

/** Writes the connection with the token sealed by the host's secret store. */
export async function saveConnectionWith(paths: WorkspacePaths, c: ShopifyConnection, secrets: SecretStore): Promise<void> {
  if (c.demo || secrets.kind === 'key-file') return writeStored(paths, c.demo ? { ...c, token: undefined } : c);
  const { token, ...rest } = c;
  writeStored(paths, { ...rest, sealedToken: await secrets.seal(token) });
}

export function removeConnection(paths: WorkspacePaths): void {
  rmSync(connectionFile(paths), { force: true });
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
