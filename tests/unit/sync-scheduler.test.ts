import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSyncScheduler, type SyncSchedule } from '../../src-main/core/sync/scheduler';

/** The sync schedule with Node's timers faked: a run at start, then every N minutes; off means none; never two at once. */
describe('sync scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(schedule: SyncSchedule, runMs = 0) {
    const state = { schedule, runs: [] as string[], active: 0, maxActive: 0 };
    const s = createSyncScheduler({
      schedule: () => state.schedule,
      isRunning: () => state.active > 0,
      startDelayMs: 1000,
      now: () => Date.now(),
      run: async (trigger) => {
        state.runs.push(trigger);
        state.active++;
        state.maxActive = Math.max(state.maxActive, state.active);
        if (runMs > 0) await new Promise((r) => setTimeout(r, runMs));
        state.active--;
      },
    });
    return { s, state };
  }

  it('runs at start, then every N minutes', async () => {
    const { s, state } = setup({ enabled: true, minutes: 5 });
    s.start();
    await vi.advanceTimersByTimeAsync(999);
    expect(state.runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.runs).toEqual(['start']);
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(state.runs).toEqual(['start']);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.runs).toEqual(['start', 'schedule']);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(state.runs).toEqual(['start', 'schedule', 'schedule', 'schedule']);
    s.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(state.runs).toHaveLength(4);
  });

  it('off: no run at start nor later; turned on, the next run comes one interval after now', async () => {
    const { s, state } = setup({ enabled: false, minutes: 1 });
    s.start();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(state.runs).toEqual([]);
    expect(s.nextRunAt).toBeNull();
    state.schedule = { enabled: true, minutes: 2 };
    s.reschedule();
    expect(s.nextRunAt).toBe(Date.now() + 2 * 60_000);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(state.runs).toEqual(['schedule']);
    state.schedule = { enabled: false, minutes: 2 };
    s.reschedule();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(state.runs).toEqual(['schedule']);
  });

  it('never overlaps: a run longer than the interval makes the next tick wait for it, and ticks are not queued up', async () => {
    const { s, state } = setup({ enabled: true, minutes: 1 }, 3.5 * 60_000);
    s.start();
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    expect(state.maxActive).toBe(1);
    // 20 minutes of 3.5-minute runs each followed by a 1-minute wait: about 4–5 runs, not 20.
    expect(state.runs.length).toBeGreaterThanOrEqual(4);
    expect(state.runs.length).toBeLessThanOrEqual(5);
    s.stop();
  });

  it('skips a tick while a run started elsewhere (Sync now) is going', async () => {
    let busy = true;
    const runs: string[] = [];
    const s = createSyncScheduler({ schedule: () => ({ enabled: true, minutes: 1 }), isRunning: () => busy, startDelayMs: 0, run: async (t) => void runs.push(t) });
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([]);
    busy = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toEqual(['schedule']);
    s.stop();
  });
});
