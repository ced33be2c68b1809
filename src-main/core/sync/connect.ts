import { OmsError, type SyncStatus } from '../../../src-shared/contract';
import type { CoreContext } from '../context';
import { seedDemoUsers, type Users } from '../users/users';
import { writeMeta } from '../workspace/workspace';
import { ConnectorError } from './connector';
import { connectionInfo, normaliseShopUrl, removeConnection, saveConnection, saveConnectionWith, verifyShopify } from './connection';
import { DEMO_STORE_URL, initDemoStore } from './demo-store';
import { keyFileSecrets } from './secret-store';
import type { SyncService } from './service';

/**
 * Connecting and disconnecting a shop from the app, and the first-run
 * "Try the demo store". The token is checked against the shop before anything
 * is stored, sealed by the host's secret store, and never written to the
 * database, the audit log or the logs.
 */
export function createConnectActions(ctx: CoreContext, sync: SyncService, users: Pick<Users, 'count'>) {
  const hasOrders = () => (ctx.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM orders) AS x').get() as { x: number }).x === 1;

  return {
    async connect(shop: string, token: string, userId: number): Promise<SyncStatus> {
      if (ctx.meta.kind === 'demo') throw new OmsError('CONFLICT', 'This is a demo workspace; connect your real shop in a new, empty workspace so demo data never mixes with it.');
      if (sync.isRunning) throw new OmsError('CONFLICT', 'A sync is running; connect again when it has finished.');
      let shopUrl: string;
      try {
        shopUrl = normaliseShopUrl(shop);
      } catch (err) {
        throw new OmsError('VALIDATION', `shop: ${(err as Error).message}.`, { field: 'shop' });
      }
      const existing = connectionInfo(ctx.paths);
      if (existing && !existing.demo && existing.shopUrl !== shopUrl && hasOrders()) {
        throw new OmsError('CONFLICT', `This workspace holds ${existing.shopName}'s data; disconnect it first, or use a new workspace for ${shopUrl}.`, { field: 'shop' });
      }
      let conn;
      try {
        conn = await verifyShopify(shopUrl, token, ctx.clock.now());
      } catch (err) {
        if (err instanceof ConnectorError && err.kind === 'auth') throw new OmsError('VALIDATION', 'The shop refused this access token. Copy the Admin API access token of your custom app again (it starts with shpat_).', { field: 'token' });
        if (err instanceof ConnectorError && (err.kind === 'network' || err.kind === 'server' || err.kind === 'throttled')) throw new OmsError('UNAVAILABLE', `Cannot reach ${shopUrl}: ${err.message}. Check the address and the internet connection.`, { field: 'shop' });
        throw new OmsError('VALIDATION', `${shopUrl} did not answer as a Shopify shop: ${(err as Error).message}`, { field: 'shop' });
      }
      const secrets = ctx.secrets ?? keyFileSecrets;
      try {
        await saveConnectionWith(ctx.paths, conn, secrets);
      } catch (err) {
        // Without a working keychain the token is not written anywhere: better no connection than a token in clear.
        throw new OmsError('UNAVAILABLE', `The access token could not be stored safely, so the shop was not connected: ${(err as Error).message}`);
      }
      ctx.audit.record({ at: ctx.clock.now().toISOString(), userId, action: 'sync.connect', entityType: 'shop', entityId: conn.shopUrl, detail: { shop: conn.shopName, tokenIn: secrets.kind } });
      sync.connectionChanged();
      sync.runInBackground('first-import');
      return sync.status();
    },

    async disconnect(userId: number): Promise<SyncStatus> {
      const info = connectionInfo(ctx.paths);
      if (!info) throw new OmsError('CONFLICT', 'No shop is connected.');
      if (sync.isRunning) throw new OmsError('CONFLICT', 'A sync is running; disconnect when it has finished.');
      removeConnection(ctx.paths);
      await sync.source.close();
      sync.connectionChanged();
      ctx.audit.record({ at: ctx.clock.now().toISOString(), userId, action: 'sync.disconnect', entityType: 'shop', entityId: info.demo ? 'demo-store' : info.shopUrl, detail: { shop: info.shopName, demo: info.demo } });
      return sync.status();
    },

    /** First run: demo users, the demo store as the connection, and the first import through the engine (not awaited). */
    async createDemoStore(): Promise<{ users: number }> {
      if (users.count() > 0 || hasOrders() || connectionInfo(ctx.paths)) {
        throw new OmsError('CONFLICT', 'This workspace is already in use; the demo store can only be set up in a new, empty workspace.');
      }
      ctx.meta = { ...ctx.meta, kind: 'demo', name: 'Harbor & Pine (demo store)' };
      writeMeta(ctx.paths, ctx.meta);
      await seedDemoUsers(ctx);
      initDemoStore(ctx.paths, { now: ctx.clock.now() });
      saveConnection(ctx.paths, { platform: 'shopify', shopUrl: DEMO_STORE_URL, token: '', shopName: 'Harbor & Pine (demo store)', currency: ctx.meta.currency, connectedAt: ctx.clock.now().toISOString(), demo: true });
      ctx.audit.record({ at: ctx.clock.now().toISOString(), userId: null, action: 'workspace.createDemoStore', entityType: 'workspace', entityId: ctx.meta.name, detail: {} });
      sync.connectionChanged();
      sync.runInBackground('first-import');
      return { users: users.count() };
    },
  };
}
