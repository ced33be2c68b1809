import { StoreOpenError } from '../db/open';
import { UsageError } from './args';
import { CALL_USAGE, callCommand } from './commands/call';
import { CUSTOMERS_USAGE, customersCommand } from './commands/customers';
import { DEMO_USAGE, demoCommand } from './commands/demo';
import { INIT_USAGE, initCommand } from './commands/init';
import { SERVE_USAGE, serveCommand } from './commands/serve';
import { CONNECT_USAGE, connectCommand } from './commands/connect';
import { EMULATOR_USAGE, emulatorCommand } from './commands/emulator';
import { SYNC_USAGE, syncCommand } from './commands/sync';

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; usage: string }> = {
  init: { run: initCommand, usage: INIT_USAGE },
  demo: { run: demoCommand, usage: DEMO_USAGE },
  serve: { run: serveCommand, usage: SERVE_USAGE },
  call: { run: callCommand, usage: CALL_USAGE },
  emulator: { run: emulatorCommand, usage: EMULATOR_USAGE },
  connect: { run: connectCommand, usage: CONNECT_USAGE },
  sync: { run: syncCommand, usage: SYNC_USAGE },
  customers: { run: customersCommand, usage: CUSTOMERS_USAGE },
};

const HELP = `Orderhouse command line

Usage:
${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join('\n')}

A workspace is one folder holding the database, keys, backups and logs.
Exit codes: 0 ok, 1 the core refused the call (typed error on stderr), 2 usage mistake, 3 workspace cannot be opened.
`;

/** Exit codes: 0 ok, 1 typed error from the core, 2 usage mistake, 3 the workspace cannot be opened. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`oms: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`oms ${name}: ${err.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    if (err instanceof StoreOpenError) {
      process.stderr.write(`oms ${name}: ${err.message}\n`);
      return 3;
    }
    process.stderr.write(`oms ${name}: ${(err as Error).message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`oms: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
