import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { scrubCardNumbers } from '../../src-shared/security/pan';

/**
 * The workspace log: one JSON line per entry in logs/core.log. Every line is
 * scrubbed of card numbers before it touches the disk.
 */
export function createLogger(logDir: string) {
  mkdirSync(logDir, { recursive: true });
  const file = join(logDir, 'core.log');
  const write = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => {
    const line = JSON.stringify({ at: new Date().toISOString(), level, message, detail: detail instanceof Error ? { name: detail.name, message: detail.message, stack: detail.stack } : detail });
    try {
      appendFileSync(file, scrubCardNumbers(line) + '\n', { mode: 0o600 });
    } catch {
      // A full disk must not take the core down with it; the caller still gets its answer.
    }
  };
  return {
    info: (m: string, d?: unknown) => write('info', m, d),
    warn: (m: string, d?: unknown) => write('warn', m, d),
    error: (m: string, d?: unknown) => write('error', m, d),
  };
}
export type Logger = ReturnType<typeof createLogger>;
