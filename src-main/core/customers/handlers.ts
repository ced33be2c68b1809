import { OmsError } from '../../../src-shared/contract';
import type { Caller, CoreContext } from '../context';
import type { Handlers } from '../rpc/dispatch';
import { customerListFor as listFor } from './contact-policy';
import { onCustomersChanged } from './customer-changes';
import { createCustomerProfile } from './customer-profile';
import { createDuplicateQueue, createReviewQueue, type DuplicateQueue } from './duplicate-queue';
import { createInAppImport, previewImport } from './import-in-app';
import { createListCustomers } from './list-customers';
import { createMerges } from './merge';
import { createMergeCertain } from './merge-certain';
import { createCustomerNotes } from './notes';

type CustomerMethods =
  | 'customers.list'
  | 'customers.get'
  | 'customers.addNote'
  | 'customers.importPreview'
  | 'customers.import'
  | 'duplicates.review'
  | 'duplicates.scan'
  | 'duplicates.merge'
  | 'duplicates.mergeCertain'
  | 'duplicates.unmerge'
  | 'duplicates.notSame';

const signedIn = (caller: Caller | null): Caller => {
  if (!caller) throw new OmsError('UNAUTHENTICATED', 'Please sign in.');
  return caller;
};

export function createCustomerHandlers(ctx: CoreContext, queue: DuplicateQueue = createDuplicateQueue(ctx)): Pick<Handlers, CustomerMethods> {
  const list = createListCustomers(ctx.sqlite);
  const profile = createCustomerProfile(ctx.sqlite);
  const addNote = createCustomerNotes(ctx);
  const review = createReviewQueue(ctx);
  const merges = createMerges(ctx);
  const runImport = createInAppImport(ctx, queue);
  const mergeCertain = createMergeCertain(ctx, merges, queue);
  // New or changed customers from a sync page are checked for duplicates as a batch.
  onCustomersChanged(ctx.sqlite, (ids) => queue.queueRecheck(ids));
  return {
    'customers.list': (input, caller) => listFor(list(input), signedIn(caller).role),
    'customers.get': (input, caller) => profile(input.id, { role: signedIn(caller).role, now: ctx.clock.now(), currency: ctx.meta.currency }),
    'customers.addNote': (input, caller) => addNote(input.customerId, input.body, signedIn(caller).userId),
    'customers.importPreview': (input) => previewImport(ctx, input),
    'customers.import': (input, caller) => runImport(input, signedIn(caller).userId),
    'duplicates.review': (input) => review(input),
    'duplicates.scan': () => queue.scan(),
    'duplicates.merge': (input, caller) => {
      const out = merges.merge(input, signedIn(caller).userId);
      queue.recheck([input.survivorId, input.mergedId]);
      return out;
    },
    'duplicates.mergeCertain': (input, caller) => mergeCertain(input, signedIn(caller).userId),
    'duplicates.unmerge': (input, caller) => {
      const { survivorId, mergedId } = merges.unmerge(input.mergeId, signedIn(caller).userId);
      queue.recheck([survivorId, mergedId]);
      return { ok: true as const };
    },
    'duplicates.notSame': (input, caller) => {
      merges.notSame(input.aId, input.bId, signedIn(caller).userId);
      return { ok: true as const };
    },
  };
}
