import { OmsError } from '../../../src-shared/contract';
import type { Caller, CoreContext } from '../context';
import type { Handlers } from '../rpc/dispatch';
import { createSyncService, type SyncService } from './service';

type SyncMethods = 'sync.status' | 'sync.run' | 'sync.outbox.list' | 'sync.outbox.retry' | 'sync.outbox.cancel' | 'sync.quarantine.list' | 'sync.quarantine.retry' | 'sync.quarantine.discard';

const who = (caller: Caller | null): number => {
  if (!caller) throw new OmsError('UNAUTHENTICATED', 'Please sign in.');
  return caller.userId;
};

export function createSyncHandlers(ctx: CoreContext, sync: SyncService = createSyncService(ctx)): Pick<Handlers, SyncMethods> {
  return {
    'sync.status': () => sync.status(),
    'sync.run': (input) => sync.run(input.resources),
    'sync.outbox.list': (input) => sync.outboxList(input.status, input.limit),
    'sync.outbox.retry': (input, caller) => sync.outboxRetry(input.id, who(caller)),
    'sync.outbox.cancel': (input, caller) => sync.outboxCancel(input.id, input.reason, who(caller)),
    'sync.quarantine.list': (input) => sync.quarantineList(input.status, input.limit),
    'sync.quarantine.retry': (input, caller) => sync.quarantineRetry(input.id, who(caller)),
    'sync.quarantine.discard': (input, caller) => sync.quarantineDiscard(input.id, input.reason, who(caller)),
  };
}
