import { describe, expect, it } from 'vitest';
import { parseTimerSchedule } from './timer-schedule.ts';

const at = (iso: string) => new Date(iso);

describe('parseTimerSchedule', () => {
  it('reads six NCRONTAB fields with seconds first, in UTC', () => {
    const schedule = parseTimerSchedule('30 */5 * * * *', {});
    expect(schedule.next(at('2024-01-01T00:01:00Z')).toISOString()).toBe('2024-01-01T00:05:30.000Z');
    expect(schedule.nextRuns(2, at('2024-01-01T00:05:30Z')).map((d) => d.toISOString())).toEqual([
      '2024-01-01T00:10:30.000Z',
      '2024-01-01T00:15:30.000Z',
    ]);
  });

  it('runs every second when asked to', () => {
    expect(parseTimerSchedule('* * * * * *', {}).next(at('2024-01-01T00:00:00Z')).toISOString()).toBe(
      '2024-01-01T00:00:01.000Z',
    );
  });

  it('requires both day-of-month and day-of-week like NCrontab', () => {
    // The 13th that is also a Friday: 2024-09-13.
    const schedule = parseTimerSchedule('0 0 9 13 * 5', {});
    expect(schedule.next(at('2024-06-01T00:00:00Z')).toISOString()).toBe('2024-09-13T09:00:00.000Z');
  });

  it('accepts day and month names', () => {
    expect(parseTimerSchedule('0 0 2 * * Mon', {}).next(at('2024-01-01T03:00:00Z')).toISOString()).toBe(
      '2024-01-08T02:00:00.000Z',
    );
  });

  it('treats a five-field expression as second zero', () => {
    expect(parseTimerSchedule('15 3 * * *', {}).next(at('2024-01-01T00:00:00Z')).toISOString()).toBe(
      '2024-01-01T03:15:00.000Z',
    );
  });

  it('reads a TimeSpan as a repeating interval', () => {
    const schedule = parseTimerSchedule('00:10:00', {});
    expect(schedule.kind).toBe('timespan');
    expect(schedule.next(at('2024-01-01T00:00:00Z')).toISOString()).toBe('2024-01-01T00:10:00.000Z');
    expect(parseTimerSchedule('1.00:00:00', {}).next(at('2024-01-01T00:00:00Z')).toISOString()).toBe(
      '2024-01-02T00:00:00.000Z',
    );
  });

  it('resolves %APP_SETTING% references from the environment', () => {
    const schedule = parseTimerSchedule('%RETRAIN_SCHEDULE%', { RETRAIN_SCHEDULE: '0 0 * * * *' });
    expect(schedule.expression).toBe('0 0 * * * *');
    expect(() => parseTimerSchedule('%MISSING%', {})).toThrow(/MISSING/);
  });

  it('honours WEBSITE_TIME_ZONE', () => {
    const schedule = parseTimerSchedule('0 0 9 * * *', { WEBSITE_TIME_ZONE: 'Europe/Paris' });
    expect(schedule.next(at('2024-01-01T00:00:00Z')).toISOString()).toBe('2024-01-01T08:00:00.000Z');
  });

  it('names the problem in an invalid expression', () => {
    expect(() => parseTimerSchedule('0 0 * *', {})).toThrow(/six NCRONTAB fields/);
    expect(() => parseTimerSchedule('0 99 * * * *', {})).toThrow(/not a valid NCRONTAB/);
  });
});
