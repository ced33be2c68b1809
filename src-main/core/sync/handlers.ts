import { OmsError } from '../../../src-shared/contract';
import type { Caller, CoreContext } from '../context';
import type { Handlers } from '../rpc/dispatch';
import { createUsers } from '../users/users';
import { createConnectActions } from './connect';
import { syncServiceFor } from './runtime';
import type { SyncService } from './service';

type SyncMethods = 'sync.status' | 'sync.run' | 'sync.runs' | 'sync.schedule.set' | 'sync.connect' | 'sync.disconnect' | 'workspace.createDemoStore' | 'sync.outbox.list' | 'sync.outbox.retry' | 'sync.outbox.cancel' | 'sync.quarantine.list' | 'sync.quarantine.retry' | 'sync.quarantine.discard';

const who = (caller: Caller | null): number => {
  if (!caller) throw new OmsError('UNAUTHENTICATED', 'Please sign in.');
  return caller.userId;
};

export function createSyncHandlers(ctx: CoreContext, sync: SyncService = syncServiceFor(ctx)): Pick<Handlers, SyncMethods> {
  const actions = createConnectActions(ctx, sync, createUsers(ctx));
  return {
    'sync.status': () => sync.status(),
    'sync.run': (input) => sync.run(input.resources),
    'sync.runs': (input) => sync.runs(input.limit),
    'sync.schedule.set': (input, caller) => sync.setSchedule(input, who(caller)),
    'sync.connect': (input, caller) => actions.connect(input.shop, input.token, who(caller)),
    'sync.disconnect': (_input, caller) => actions.disconnect(who(caller)),
    'workspace.createDemoStore': () => actions.createDemoStore(),
    'sync.outbox.list': (input) => sync.outboxList(input.status, input.limit),
    'sync.outbox.retry': (input, caller) => sync.outboxRetry(input.id, who(caller)),
    'sync.outbox.cancel': (input, caller) => sync.outboxCancel(input.id, input.reason, who(caller)),
    'sync.quarantine.list': (input) => sync.quarantineList(input.status, input.limit),
    'sync.quarantine.retry': (input, caller) => sync.quarantineRetry(input.id, who(caller)),
    'sync.quarantine.discard': (input, caller) => sync.quarantineDiscard(input.id, input.reason, who(caller)),
  };
}
