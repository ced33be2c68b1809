import type { CoreContext } from '../context';
import { createSyncService, type BackgroundOptions, type SyncService, type SyncServiceOptions } from './service';

/**
 * One sync service per open workspace: the contract handlers, the scheduler
 * and the demo store must share it (one engine, one "is a run going").
 */
const services = new WeakMap<CoreContext, SyncService>();

export function syncServiceFor(ctx: CoreContext, opts?: SyncServiceOptions): SyncService {
  let s = services.get(ctx);
  if (!s) {
    s = createSyncService(ctx, opts);
    services.set(ctx, s);
  }
  return s;
}

/**
 * For long-running hosts only (`oms serve`, the Electron core process): the
 * schedule (a run at start, then every N minutes) and the demo store's arriving
 * orders. CLI one-shot commands never call this.
 */
export function startSyncBackground(ctx: CoreContext, opts?: BackgroundOptions): SyncService {
  const s = syncServiceFor(ctx);
  s.startBackground(opts);
  return s;
}

export async function closeSync(ctx: CoreContext): Promise<void> {
  const s = services.get(ctx);
  services.delete(ctx);
  await s?.close();
}
