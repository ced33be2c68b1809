/**
 * The sync schedule: a run at start, then one every `minutes` while it is on.
 * One per core, started only by long-running hosts (browser mode, the Electron
 * core process); CLI one-shot commands never start it. A tick that comes while
 * a run is still going is skipped, not queued: the engine never overlaps runs.
 */
export interface SyncSchedule { enabled: boolean; minutes: number }

export interface SchedulerOptions {
  schedule(): SyncSchedule;
  /** Runs one sync; resolves when it ends (failures are the run's business, not the timer's). */
  run(trigger: 'start' | 'schedule'): Promise<unknown>;
  isRunning(): boolean;
  now?: () => number;
  /** First run this long after start (the window and its first screens come first). */
  startDelayMs?: number;
  /** How long a "minute" of the schedule is (tests shorten it). */
  minuteMs?: () => number;
}

export function createSyncScheduler(opts: SchedulerOptions) {
  const now = opts.now ?? Date.now;
  const minute = () => opts.minuteMs?.() ?? 60_000;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let nextAt: number | null = null;
  let lastTickAt: number | null = null;

  function arm(ms: number) {
    if (timer) clearTimeout(timer);
    nextAt = now() + ms;
    timer = setTimeout(() => void tick('schedule'), ms);
    timer.unref?.();
  }

  async function tick(trigger: 'start' | 'schedule') {
    timer = null;
    if (stopped) return;
    const s = opts.schedule();
    if (!s.enabled) {
      nextAt = null;
      return;
    }
    lastTickAt = now();
    if (!opts.isRunning()) {
      try {
        await opts.run(trigger);
      } catch {
        // recorded by the run itself
      }
    }
    if (!stopped && !timer) arm(Math.max(1, opts.schedule().minutes) * minute());
  }

  return {
    start(startDelayMs = opts.startDelayMs ?? 1000) {
      if (!stopped) return;
      stopped = false;
      nextAt = now() + startDelayMs;
      timer = setTimeout(() => void tick('start'), startDelayMs);
      timer.unref?.();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      nextAt = null;
    },
    /** The schedule changed: the next run is `minutes` after the last one (or now, if that is past); off clears it. */
    reschedule() {
      if (stopped) return;
      const s = opts.schedule();
      if (!s.enabled) {
        if (timer) clearTimeout(timer);
        timer = null;
        nextAt = null;
        return;
      }
      const due = (lastTickAt ?? now()) + s.minutes * minute();
      arm(Math.max(0, due - now()));
    },
    get running() {
      return !stopped;
    },
    get nextRunAt(): number | null {
      return nextAt;
    },
  };
}
export type SyncScheduler = ReturnType<typeof createSyncScheduler>;
