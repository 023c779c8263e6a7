import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTimerScheduler } from './timer-scheduler.ts';
import type { TimerInput } from './trigger-input.ts';

describe('startTimerScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2024-01-01T00:00:00.500Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires a runOnStartup timer at once and then on its schedule', async () => {
    const runs: Array<{ name: string; input: TimerInput; at: string }> = [];
    const scheduler = startTimerScheduler(
      [{ name: 'warm', schedule: '0 * * * * *', runOnStartup: true }],
      async (name, input) => {
        runs.push({ name, input, at: new Date().toISOString() });
      },
    );
    expect(runs.map((r) => r.at)).toEqual(['2024-01-01T00:00:00.500Z']);
    expect(scheduler.nextRuns().warm?.toISOString()).toBe('2024-01-01T00:01:00.000Z');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs.map((r) => r.at)).toEqual(['2024-01-01T00:00:00.500Z', '2024-01-01T00:01:00.000Z']);
    expect(runs[1]!.input).toMatchObject({ isPastDue: false, next: new Date('2024-01-01T00:02:00.000Z') });
    expect(runs[1]!.input.last?.toISOString()).toBe('2024-01-01T00:00:00.500Z');
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(300_000);
    expect(runs).toHaveLength(2);
  });

  it('does not fire a timer without runOnStartup before its first occurrence', async () => {
    const run = vi.fn(async () => undefined);
    const scheduler = startTimerScheduler(
      [{ name: 'hourly', schedule: '0 0 * * * *', runOnStartup: false }],
      run,
    );
    await vi.advanceTimersByTimeAsync(59 * 60_000);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(1);
    scheduler.stop();
  });

  it('skips an occurrence while the previous run is still going', async () => {
    let finish: () => void = () => undefined;
    const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const scheduler = startTimerScheduler(
      [{ name: 'slow', schedule: '* * * * * *', runOnStartup: false }],
      run,
    );
    await vi.advanceTimersByTimeAsync(3_000);
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('refuses to start with an invalid schedule, naming the function', () => {
    expect(() =>
      startTimerScheduler(
        [{ name: 'broken', schedule: 'every minute', runOnStartup: false }],
        async () => undefined,
      ),
    ).toThrow(/Timer function "broken"/);
  });
});
