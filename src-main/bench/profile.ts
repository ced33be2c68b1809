import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

/**
 * CPU profile of one timed part of a bench, written where OMS_BENCH_CPUPROFILE
 * says (a .cpuprofile file, readable by Chrome's DevTools or any script).
 * `node --cpu-prof` profiles the whole process — with the emulator building
 * its shop and the baseline around it — so the part that is timed is hard to
 * tell apart; this profiles only what `fn` does. Without the variable it just
 * runs `fn`.
 */
export async function profiled<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const file = process.env.OMS_BENCH_CPUPROFILE;
  if (!file) return fn();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((done, fail) => session.post(method, params ?? {}, (err, res) => (err ? fail(err) : done(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    process.stderr.write(`[bench] ${label}: CPU profile written to ${file}\n`);
  }
}
