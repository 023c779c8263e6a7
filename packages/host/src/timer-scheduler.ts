// Runs timer-triggered functions on their schedule, one run at a time per function, as the host's singleton lock does.
import type { TimerInput } from './trigger-input.ts';
import { parseTimerSchedule } from './timer-schedule.ts';
import type { TimerSchedule } from './timer-schedule.ts';

/** A timer function to schedule. */
export interface ScheduledTimer {
  name: string;
  schedule: string;
  runOnStartup: boolean;
}

/** A started scheduler. */
export interface TimerScheduler {
  /** The next planned run of each timer. */
  nextRuns(): Record<string, Date>;
  stop(): void;
}

// setTimeout cannot wait longer than 2^31-1 ms; longer waits re-arm on the way.
const MAX_DELAY_MS = 2 ** 31 - 1;
// A run that starts this much after its planned time is reported as past due, like the host does.
const PAST_DUE_MS = 1_000;

/**
 * Starts every timer: parses the schedules first (a bad one fails the start, naming the function),
 * fires `runOnStartup` timers at once, then each on its schedule. A run that is still going when the next is
 * due makes that occurrence be skipped rather than overlap.
 */
export function startTimerScheduler(
  timers: ScheduledTimer[],
  run: (name: string, input: TimerInput) => Promise<unknown>,
  env: Record<string, string | undefined> = process.env,
): TimerScheduler {
  const parsed: Array<{ timer: ScheduledTimer; schedule: TimerSchedule }> = timers.map((timer) => {
    try {
      return { timer, schedule: parseTimerSchedule(timer.schedule, env) };
    } catch (error) {
      throw new Error(`Timer function "${timer.name}": ${(error as Error).message}`, { cause: error });
    }
  });
  const handles = new Map<string, NodeJS.Timeout>();
  const planned: Record<string, Date> = {};
  const running = new Set<string>();
  let stopped = false;
  let last: Record<string, Date> = {};

  const fire = (timer: ScheduledTimer, schedule: TimerSchedule, plannedAt: Date) => {
    if (stopped || running.has(timer.name)) return;
    running.add(timer.name);
    const now = new Date();
    const input: TimerInput = {
      isPastDue: now.getTime() - plannedAt.getTime() > PAST_DUE_MS,
      next: schedule.next(now),
      ...(last[timer.name] ? { last: last[timer.name] } : {}),
    };
    last = { ...last, [timer.name]: now };
    run(timer.name, input)
      .catch(() => undefined)
      .finally(() => running.delete(timer.name));
  };

  const arm = (timer: ScheduledTimer, schedule: TimerSchedule, at: Date) => {
    if (stopped) return;
    planned[timer.name] = at;
    const delay = at.getTime() - Date.now();
    const handle = setTimeout(
      () => {
        if (Date.now() < at.getTime()) {
          arm(timer, schedule, at);
          return;
        }
        fire(timer, schedule, at);
        arm(timer, schedule, schedule.next(new Date(Math.max(Date.now(), at.getTime()))));
      },
      Math.min(Math.max(delay, 0), MAX_DELAY_MS),
    );
    handles.set(timer.name, handle);
  };

  for (const { timer, schedule } of parsed) {
    if (timer.runOnStartup) fire(timer, schedule, new Date());
    arm(timer, schedule, schedule.next());
  }

  return {
    nextRuns: () => ({ ...planned }),
    stop() {
      stopped = true;
      for (const handle of handles.values()) clearTimeout(handle);
      handles.clear();
    },
  };
}
