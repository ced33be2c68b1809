import { OmsError } from '../../../src-shared/contract';
import type { Caller, CoreContext } from '../context';
import type { Handlers } from '../rpc/dispatch';
import { createCases } from './cases';

type CaseMethods = 'cases.list' | 'cases.get' | 'cases.create' | 'cases.update' | 'cases.addNote' | 'cases.renderReply';

const userOf = (caller: Caller | null): number => {
  if (!caller) throw new OmsError('UNAUTHENTICATED', 'Please sign in.');
  return caller.userId;
};

export function createCaseHandlers(ctx: CoreContext): Pick<Handlers, CaseMethods> {
  const cases = createCases(ctx);
  return {
    'cases.list': (input) => cases.list(input),
    'cases.get': (input) => cases.get(input.id),
    'cases.create': (input, caller) => cases.create(input, userOf(caller)),
    'cases.update': (input, caller) => cases.update(input, userOf(caller)),
    'cases.addNote': (input, caller) => cases.addNote(input, userOf(caller)),
    'cases.renderReply': (input) => cases.renderReply(input),
  };
}
