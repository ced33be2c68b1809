import { join } from 'node:path';
import { startBrowserServer } from '../../host/browser-server';
import { intFlag, parseFlags, requireFlag } from '../args';
import { openWorkspaceForServing } from '../open-core';
import { startSyncBackground } from '../../core/sync/runtime';

export const SERVE_USAGE = 'oms serve --workspace DIR [--port 5170]   (browser mode on 127.0.0.1; --port 0 picks a free port; an empty folder becomes a new workspace)';

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { workspace: { type: 'string' }, port: { type: 'string' } });
  const core = openWorkspaceForServing(requireFlag(values.workspace, 'workspace'));
  const port = intFlag(values.port, 'port', 5170, 0, 65535);
  const server = await startBrowserServer(core, { port, rendererDir: join(__dirname, '../renderer') });
  // Browser mode is a long-running host: scheduled sync (and the demo store's arriving orders) run here.
  startSyncBackground(core.ctx);
  process.stdout.write(`Orderhouse is serving ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  core.close();
  return 0;
}
