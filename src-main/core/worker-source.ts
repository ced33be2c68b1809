import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Where a worker thread's script is, for `new Worker(file, { eval })`. The
 * built app has each worker as its own bundle in out/main (electron.vite.config.ts
 * inputs), next to the chunk that starts it or one folder up; packaged, the
 * bundle is unpacked beside app.asar (electron-builder.yml asarUnpack), where a
 * worker can load it. From source (tests, scripts) the TypeScript entry runs
 * through tsx. Null when neither is there: the caller does the work on its own thread.
 */
export interface WorkerSource { file: string; eval: boolean }

export function workerSource(bundle: string, sourceFile: string): WorkerSource | null {
  for (const dir of [__dirname, join(__dirname, '..')]) {
    const built = join(dir, bundle);
    if (!existsSync(built)) continue;
    const unpacked = built.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    return { file: unpacked !== built && existsSync(unpacked) ? unpacked : built, eval: false };
  }
  if (!existsSync(sourceFile)) return null;
  try {
    const tsx = createRequire(__filename).resolve('tsx/cjs');
    return { file: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(sourceFile)});`, eval: true };
  } catch {
    return null;
  }
}
