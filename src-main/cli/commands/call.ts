import type { CallReply } from '../../../src-shared/contract';
import { parseFlags, requireFlag, UsageError } from '../args';
import { openExistingWorkspace } from '../open-core';

export const CALL_USAGE = 'oms call METHOD JSON --workspace DIR --user NAME   (password in OMS_PASSWORD)';

/**
 * One contract call as a user, through the same validation and permission
 * checks as the UI. Result JSON on stdout; the typed error on stderr, exit 1.
 */
export async function callCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { workspace: { type: 'string' }, user: { type: 'string' } }, 2);
  const [method, json = '{}'] = positionals;
  if (!method) throw new UsageError('METHOD is required, e.g. orders.list');
  const workspace = requireFlag(values.workspace, 'workspace');
  const user = requireFlag(values.user, 'user');
  const password = process.env.OMS_PASSWORD;
  if (!password) throw new UsageError('set OMS_PASSWORD to the password of --user');
  let input: unknown;
  try {
    input = JSON.parse(json);
  } catch (err) {
    throw new UsageError(`JSON is not valid JSON: ${(err as Error).message}`);
  }

  const core = openExistingWorkspace(workspace);
  try {
    const login = await core.call({ method: 'auth.login', input: { username: user, password }, token: null, client: 'cli' });
    if (!login.ok) return fail(login);
    const token = (login.result as { token: string }).token;
    const reply = await core.call({ method, input, token, client: 'cli' });
    await core.call({ method: 'auth.logout', input: {}, token, client: 'cli' });
    if (!reply.ok) return fail(reply);
    const result = (method === 'auth.login' || method === 'auth.setupOwner') && reply.result ? { ...(reply.result as object), token: '[kept by the CLI]' } : reply.result;
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  } finally {
    core.close();
  }
}

function fail(reply: CallReply & { ok: false }): number {
  process.stderr.write(JSON.stringify({ error: reply.error }, null, 2) + '\n');
  return 1;
}
