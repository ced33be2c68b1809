import type { CallReply, InputOf, MethodName, OmsErrorShape, OutputOf } from '../../../src-shared/contract';

/**
 * Every screen calls the core through here rather than window.oms directly, so
 * one place notices an expired session (UNAUTHENTICATED from any call) and
 * sends the user back to the sign-in screen.
 */
type UnauthenticatedHandler = (error: OmsErrorShape, method: MethodName) => void;
let onUnauthenticated: UnauthenticatedHandler | null = null;

export function setUnauthenticatedHandler(handler: UnauthenticatedHandler | null): void {
  onUnauthenticated = handler;
}

export async function call<M extends MethodName>(method: M, input?: InputOf<M>): Promise<CallReply<OutputOf<M>>> {
  let reply: CallReply<OutputOf<M>>;
  try {
    reply = await window.oms.call(method, input);
  } catch (err) {
    // The bridge promises never to reject; if one does anyway, show it as an error rather than a blank screen.
    reply = { ok: false, error: { code: 'INTERNAL', message: `The call ${method} failed unexpectedly: ${(err as Error)?.message ?? String(err)}` } };
  }
  if (!reply.ok && reply.error.code === 'UNAUTHENTICATED') onUnauthenticated?.(reply.error, method);
  return reply;
}

/** A short heading for an error, so the message below it can stay specific. */
export function errorTitle(error: OmsErrorShape): string {
  switch (error.code) {
    case 'VALIDATION':
      return 'Check the highlighted field';
    case 'UNAUTHENTICATED':
      return 'Signed out';
    case 'FORBIDDEN':
      return 'Not allowed for your role';
    case 'NOT_FOUND':
      return 'Not found';
    case 'CONFLICT':
      return 'Changed by someone else';
    case 'RATE_LIMITED':
      return 'Too many attempts';
    case 'UNAVAILABLE':
      return 'Cannot reach Orderhouse';
    case 'INTERNAL':
    default:
      return 'Something went wrong';
  }
}

/**
 * A VALIDATION message shown right under its field: the core writes
 * "username: may use letters…" so it reads on its own elsewhere; beside the
 * field the name is redundant, so it is dropped and the sentence capitalised.
 */
export function fieldMessage(error: OmsErrorShape): string {
  let text = error.message;
  if (error.field && text.toLowerCase().startsWith(`${error.field.toLowerCase()}:`)) text = text.slice(error.field.length + 1).trim();
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
