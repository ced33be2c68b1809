import { can, OmsError, type CaseDetail, type Role } from '../../../src-shared/contract';
import type { Caller, CoreContext } from '../context';
import { showEmail } from '../customers/contact-policy';
import type { Handlers } from '../rpc/dispatch';
import { createCases } from './cases';
import { createCaseSettings } from './case-settings';
import { saveSmtp, smtpInfo } from './smtp';
import { PLACEHOLDERS } from './templates';

type CaseMethods =
  | 'cases.list'
  | 'cases.get'
  | 'cases.create'
  | 'cases.update'
  | 'cases.addNote'
  | 'cases.renderReply'
  | 'cases.sendReply'
  | 'cases.settings'
  | 'cases.saveTargets'
  | 'cases.saveTemplates'
  | 'cases.saveSmtp';

const signedIn = (caller: Caller | null): Caller => {
  if (!caller) throw new OmsError('UNAUTHENTICATED', 'Please sign in.');
  return caller;
};
/** The customer's email on a case, as the caller's role may see it. */
const forRole = (d: CaseDetail, role: Role): CaseDetail => ({ ...d, customerEmail: showEmail(d.customerEmail, role) });

export function createCaseHandlers(ctx: CoreContext): Pick<Handlers, CaseMethods> {
  const cases = createCases(ctx);
  const settings = createCaseSettings(ctx);
  return {
    'cases.list': (input) => cases.list(input),
    'cases.get': (input, caller) => forRole(cases.get(input.id), signedIn(caller).role),
    'cases.create': (input, caller) => forRole(cases.create(input, signedIn(caller).userId), signedIn(caller).role),
    'cases.update': (input, caller) => forRole(cases.update(input, signedIn(caller).userId), signedIn(caller).role),
    'cases.addNote': (input, caller) => forRole(cases.addNote(input, signedIn(caller).userId), signedIn(caller).role),
    'cases.renderReply': (input) => cases.renderReply(input),
    'cases.sendReply': async (input, caller) => forRole(await cases.sendReply(input, signedIn(caller).userId), signedIn(caller).role),
    'cases.settings': (_input, caller) => {
      // Who signs in to the mail server is for the people who set it up; the others see only that it is there.
      const smtp = smtpInfo(ctx);
      const full = can(signedIn(caller).role, 'cases.configure');
      return { targets: settings.targets(), templates: settings.templates(), placeholders: [...PLACEHOLDERS], smtp: smtp && !full ? { ...smtp, user: null } : smtp };
    },
    'cases.saveTargets': (input, caller) => settings.saveTargets(input.targets, signedIn(caller).userId),
    'cases.saveTemplates': (input, caller) => settings.saveTemplates(input.templates, signedIn(caller).userId),
    'cases.saveSmtp': (input, caller) => saveSmtp(ctx, input, signedIn(caller).userId),
  };
}
