import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';

/**
 * Electron's `utilityProcess.fork`, imitated with a Node child process and the
 * parentPort shim, so CoreHost can be tested without the Electron binary.
 * Emits the same events: 'spawn', 'message', 'exit' (with the exit code).
 */
export class FakeUtilityProcess extends EventEmitter {
  readonly child: ChildProcess;

  constructor(modulePath: string, env: Record<string, string> | undefined) {
    super();
    this.child = fork(modulePath, [], {
      execArgv: ['--import', join(__dirname, 'parent-port-shim.mjs')],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env,
    });
    this.child.stderr?.resume();
    this.child.once('spawn', () => this.emit('spawn'));
    this.child.on('message', (message) => this.emit('message', message));
    // Electron reports a signal death with a non-zero code; Node gives null + signal.
    this.child.once('exit', (code) => this.emit('exit', code ?? 1));
  }

  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as never);
  }

  kill(): boolean {
    return this.child.kill();
  }
}

export const spawned: FakeUtilityProcess[] = [];

export const fakeUtilityProcess = {
  fork(modulePath: string, _args: string[], options: { env?: Record<string, string> } = {}): FakeUtilityProcess {
    const p = new FakeUtilityProcess(modulePath, options.env);
    spawned.push(p);
    return p;
  },
};
