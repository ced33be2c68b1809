import { resolve } from 'node:path';
import { ConnectorError } from '../../core/sync/connector';
import { connectionInfo, saveConnection, verifyShopify } from '../../core/sync/connection';
import { parseFlags, requireFlag, UsageError } from '../args';
import { openExistingWorkspace } from '../open-core';

export const CONNECT_USAGE = 'oms connect shopify --workspace DIR --shop URL --token-env VAR   (the Admin API token is read from the environment variable VAR)';

/** Checks the shop and the token, then stores the connection in the workspace's key folder (never in the database). */
export async function connectCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { workspace: { type: 'string' }, shop: { type: 'string' }, 'token-env': { type: 'string' } }, 1);
  if (positionals[0] !== 'shopify') throw new UsageError(positionals[0] ? `unknown platform "${positionals[0]}"; only "shopify" is supported` : 'say which platform: oms connect shopify …');
  const dir = resolve(requireFlag(values.workspace, 'workspace'));
  const shop = requireFlag(values.shop, 'shop');
  const envName = requireFlag(values['token-env'], 'token-env');
  const token = process.env[envName];
  if (!token) throw new UsageError(`the environment variable ${envName} is empty; put the Admin API access token in it`);
  const core = openExistingWorkspace(dir);
  try {
    // The demo store's orders must never mix with a real shop's: a real shop gets its own workspace.
    if (connectionInfo(core.ctx.paths)?.demo) {
      process.stderr.write(`oms connect: ${dir} is connected to the built-in demo store; connect a real shop in a new workspace (oms init) so demo data never mixes with it\n`);
      return 1;
    }
    let conn;
    try {
      conn = await verifyShopify(shop, token, core.ctx.clock.now());
    } catch (err) {
      if (err instanceof ConnectorError || err instanceof Error) {
        process.stderr.write(`oms connect: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
    saveConnection(core.ctx.paths, conn);
    core.ctx.audit.record({ at: core.ctx.clock.now().toISOString(), userId: null, action: 'sync.connect', entityType: 'shop', entityId: conn.shopUrl, detail: { platform: 'shopify', shop: conn.shopName, via: 'cli' } });
    process.stdout.write(`Connected ${dir} to ${conn.shopName} (${conn.shopUrl}, ${conn.currency}).\n  Next: oms sync --workspace ${dir} --once\n`);
    if (conn.currency !== core.ctx.meta.currency) process.stderr.write(`oms connect: note: the shop sells in ${conn.currency}, the workspace was created for ${core.ctx.meta.currency}\n`);
    return 0;
  } finally {
    core.close();
  }
}
