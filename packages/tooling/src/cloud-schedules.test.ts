import { describe, expect, it } from 'vitest';
import { toEventBridge, toFcCron, toUnixCron } from '../scripts/lib/schedules.mjs';

describe('timer schedules on the other clouds', () => {
  it('writes EventBridge cron with one day field "?", increments from 0 and Sunday = 1', () => {
    expect(toEventBridge('0 0 3 * * *')).toBe('cron(0 3 * * ? *)');
    expect(toEventBridge('0 */10 * * * *')).toBe('cron(0/10 * * * ? *)');
    expect(toEventBridge('0 30 2 * * 1-5')).toBe('cron(30 2 ? * 2-6 *)');
    expect(toEventBridge('0 0 0 * * 0,6')).toBe('cron(0 0 ? * 1,7 *)');
  });

  it('writes five-field unix cron for Cloud Scheduler and six-field UTC cron for FC', () => {
    expect(toUnixCron('0 30 3 * * *')).toBe('30 3 * * *');
    expect(toFcCron('0 30 3 * * *')).toBe('CRON_TZ=UTC 0 30 3 * * *');
  });

  it('turns a sub-minute schedule into every minute, the platforms floor', () => {
    expect(toEventBridge('*/10 * * * * *')).toBe('rate(1 minute)');
    expect(toUnixCron('*/10 * * * * *')).toBe('* * * * *');
    expect(toFcCron('*/10 * * * * *')).toBe('@every 1m');
  });

  it('refuses an expression without six fields', () => {
    expect(() => toEventBridge('0 3 * * *')).toThrow(/six NCRONTAB fields/);
  });
});
