import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { passwordProblem } from '../../core/auth/passwords';
import { createCore } from '../../core/core';
import { parseFlags, requireFlag, UsageError } from '../args';

export const INIT_USAGE = 'oms init --workspace DIR --owner NAME [--currency USD] [--name "Shop name"]   (owner password in OMS_PASSWORD)';

/** A new, empty, real workspace with its owner. Real workspaces require a strong password. */
export async function initCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    workspace: { type: 'string' },
    owner: { type: 'string' },
    currency: { type: 'string' },
    name: { type: 'string' },
  });
  const dir = resolve(requireFlag(values.workspace, 'workspace'));
  const owner = requireFlag(values.owner, 'owner');
  const password = process.env.OMS_PASSWORD;
  if (!password) throw new UsageError('set OMS_PASSWORD to the new owner\'s password');
  const currency = (values.currency ?? 'USD').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new UsageError(`--currency must be a 3-letter ISO code, got "${values.currency}"`);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${dir} is not empty; choose a new folder for the workspace`);
  // Checked before anything touches the disk, so a refused password leaves no half-made workspace behind.
  const weak = passwordProblem(password, owner);
  if (weak) {
    process.stderr.write(JSON.stringify({ error: { code: 'VALIDATION', field: 'password', message: `password ${weak}` } }, null, 2) + '\n');
    return 1;
  }

  const core = createCore({ workspaceDir: dir, newWorkspace: { kind: 'real', currency, ...(values.name ? { name: values.name } : {}) } });
  try {
    const reply = await core.call({ method: 'auth.setupOwner', input: { username: owner, displayName: owner, password }, token: null, client: 'cli' });
    if (!reply.ok) {
      process.stderr.write(JSON.stringify({ error: reply.error }, null, 2) + '\n');
      return 1;
    }
    process.stdout.write(`Created workspace ${dir} with owner "${owner}".\n`);
    return 0;
  } finally {
    core.close();
  }
}
