import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../core/core';
import { workspacePaths } from '../core/workspace/workspace';
import { UsageError } from './args';

/** Opens an existing workspace for a CLI command; a missing one is a usage mistake, not a new workspace. */
export function openExistingWorkspace(dir: string, extra: Omit<CoreOptions, 'workspaceDir'> = {}): Core {
  const abs = resolve(dir);
  if (!existsSync(workspacePaths(abs).db)) {
    throw new UsageError(`${abs} is not an Orderhouse workspace (no orderhouse.db). Create one with \`oms init\` or \`oms demo\`.`);
  }
  return createCore({ workspaceDir: abs, ...extra });
}

/**
 * For `oms serve`: an existing workspace, or an existing EMPTY folder, which
 * becomes a new workspace whose first visitor creates the owner or the demo
 * shop in the browser. Anything else is a usage mistake.
 */
export function openWorkspaceForServing(dir: string): Core {
  const abs = resolve(dir);
  if (!existsSync(workspacePaths(abs).db) && existsSync(abs) && statSync(abs).isDirectory() && readdirSync(abs).length === 0) {
    return createCore({ workspaceDir: abs, newWorkspace: { kind: 'real' } });
  }
  return openExistingWorkspace(abs);
}
