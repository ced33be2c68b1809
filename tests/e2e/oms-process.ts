import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The built CLI; specs that need their own workspace or shop start it as a child process. */
export const OMS = join(process.cwd(), 'bin', 'oms.js');

/**
 * Starts `oms <args>` and resolves with the URL it prints (the first group of `pattern`);
 * rejects with its output when it exits first or prints no address within a minute.
 */
export function startOms(args: string[], pattern: RegExp, password: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [OMS, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OMS_PASSWORD: password } });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no address from oms ${args[0]}: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.on('exit', (code) => reject(new Error(`oms ${args[0]} exited (${code}): ${out}`)));
  });
}
