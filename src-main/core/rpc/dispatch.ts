import type { z } from 'zod';
import { can, contract, isMethodName, OmsError, type CallReply, type MethodName, type OutputOf, type ParsedInputOf } from '../../../src-shared/contract';
import type { CallRequest } from '../api';
import type { Caller } from '../context';
import type { Logger } from '../log';

/** A core-side implementation of one contract method. `caller` is null only for methods with `permission: null`. */
export type Handler<M extends MethodName> = (input: ParsedInputOf<M>, caller: Caller | null, req: CallRequest) => OutputOf<M> | Promise<OutputOf<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

export function formatIssue(issue: z.core.$ZodIssue): { field: string; message: string } {
  const field = issue.path.length ? issue.path.map(String).join('.') : 'input';
  return { field, message: `${field}: ${issue.message}` };
}

/**
 * The one door into the core: method known → session valid → role allowed →
 * input valid → handler. Anything unexpected becomes INTERNAL with the detail
 * in the log, never a crash and never a stack trace to the caller.
 */
export function createDispatcher(deps: { handlers: Handlers; authenticate: (token: string | null, client: string) => Caller; log: Logger }) {
  return async function dispatch(req: CallRequest): Promise<CallReply> {
    try {
      if (!isMethodName(req.method)) throw new OmsError('NOT_FOUND', `There is no method "${String(req.method).slice(0, 80)}".`, { field: 'method' });
      const def = contract[req.method];
      let caller: Caller | null = null;
      if (def.permission !== null) {
        caller = deps.authenticate(req.token, req.client);
        if (!can(caller.role, def.permission)) {
          throw new OmsError('FORBIDDEN', `Your role (${caller.role}) may not use ${req.method}; ask an owner if you need it.`);
        }
      }
      const parsed = (def.input as z.ZodType).safeParse(req.input ?? undefined);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        const { field, message } = first ? formatIssue(first) : { field: 'input', message: 'input is invalid' };
        throw new OmsError('VALIDATION', message, { field });
      }
      const handler = deps.handlers[req.method] as Handler<MethodName>;
      const result = await handler(parsed.data as never, caller, req);
      return { ok: true, result };
    } catch (err) {
      if (err instanceof OmsError) return { ok: false, error: err.toJSON() };
      deps.log.error(`unexpected error in ${String(req.method)}`, err);
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Orderhouse; nothing was changed. The details are in the workspace log.' } };
    }
  };
}
