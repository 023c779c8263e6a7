// Timer trigger schedules: NCRONTAB expressions (six fields, seconds first) and TimeSpan intervals, as Azure reads them.
import { Cron } from 'croner';

/** A parsed timer schedule. */
export interface TimerSchedule {
  /** The expression after `%APP_SETTING%` references were resolved. */
  readonly expression: string;
  readonly kind: 'ncrontab' | 'timespan';
  /** The first occurrence strictly after `after` (default now). */
  next(after?: Date): Date;
  /** The next `count` occurrences after `after`. */
  nextRuns(count: number, after?: Date): Date[];
}

/**
 * Parses a timer schedule the way the Functions host does: an NCRONTAB expression
 * `{second} {minute} {hour} {day} {month} {day-of-week}` (a five-field one means second 0), evaluated in UTC
 * unless `WEBSITE_TIME_ZONE` names a zone, with day-of-month AND day-of-week both required like NCrontab;
 * or a TimeSpan `hh:mm:ss` / `d.hh:mm:ss` repeating interval. `%NAME%` is replaced by that app setting.
 * @example parseTimerSchedule('0 *\/5 * * * *').next(new Date('2024-01-01T00:01:00Z')) // 2024-01-01T00:05:00Z
 */
export function parseTimerSchedule(
  schedule: string,
  env: Record<string, string | undefined> = process.env,
): TimerSchedule {
  const expression = schedule
    .replace(/%([^%]+)%/g, (_whole, name: string) => {
      const value = env[name];
      if (value === undefined || value === '') {
        throw new Error(`Timer schedule "${schedule}" refers to app setting ${name}, which is not set`);
      }
      return value;
    })
    .trim();

  const timespan = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(expression);
  if (timespan) {
    const [, days, hours, minutes, seconds] = timespan;
    const periodMs =
      ((Number(days ?? 0) * 24 + Number(hours)) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1000;
    if (periodMs <= 0) throw new Error(`Timer schedule "${schedule}" must be a positive interval`);
    const next = (after: Date = new Date()) => new Date(after.getTime() + periodMs);
    return {
      expression,
      kind: 'timespan',
      next,
      nextRuns(count, after = new Date()) {
        const runs: Date[] = [];
        let at = after;
        for (let i = 0; i < count; i += 1) runs.push((at = next(at)));
        return runs;
      },
    };
  }

  const fields = expression.split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    throw new Error(
      `Timer schedule "${schedule}" must have six NCRONTAB fields (second minute hour day month day-of-week)`,
    );
  }
  const pattern = fields.length === 5 ? `0 ${expression}` : expression;
  let cron: Cron;
  try {
    cron = new Cron(pattern, {
      paused: true,
      mode: '6-part',
      domAndDow: true,
      timezone: env.WEBSITE_TIME_ZONE || 'UTC',
    });
  } catch (error) {
    throw new Error(
      `Timer schedule "${schedule}" is not a valid NCRONTAB expression: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return {
    expression,
    kind: 'ncrontab',
    next(after = new Date()) {
      const at = cron.nextRun(after);
      if (!at) throw new Error(`Timer schedule "${schedule}" never fires again`);
      return at;
    },
    nextRuns(count, after = new Date()) {
      return cron.nextRuns(count, after);
    },
  };
}
