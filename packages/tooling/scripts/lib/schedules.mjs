// NCRONTAB schedules (six fields, seconds first, as app.timer registers them) in each scheduler's own dialect.

/** Splits an NCRONTAB expression; throws on anything but six fields. */
function fields(ncrontab) {
  const parts = ncrontab.trim().split(/\s+/);
  if (parts.length !== 6)
    throw new Error(`schedule "${ncrontab}": expected six NCRONTAB fields (seconds first)`);
  return parts;
}

/** Whether the schedule fires more often than once a minute (no other scheduler goes below a minute). */
export function isSubMinute(ncrontab) {
  return fields(ncrontab)[0] !== '0';
}

/**
 * EventBridge Scheduler: `cron(min hour day-of-month month day-of-week year)`, one of the two day fields `?`, days
 * of the week 1-7 from Sunday (NCRONTAB: 0-6). A sub-minute schedule becomes `rate(1 minute)`.
 * @example toEventBridge('0 0 3 * * *') // 'cron(0 3 * * ? *)'
 */
export function toEventBridge(ncrontab) {
  const [, min, hour, dom, month, dow] = fields(ncrontab);
  if (isSubMinute(ncrontab)) return 'rate(1 minute)';
  // AWS writes an increment from the start of the range (`0/10`), not from `*`.
  const step = (field, start) => field.replace(/^\*\//, `${start}/`);
  const awsDow = dow === '*' ? '?' : dow.replace(/\d+/g, (n) => String((Number(n) % 7) + 1));
  const awsDom = dow === '*' ? step(dom, 1) : '?';
  return `cron(${step(min, 0)} ${step(hour, 0)} ${awsDom} ${step(month, 1)} ${awsDow} *)`;
}

/** Cloud Scheduler: unix cron, five fields; a sub-minute schedule becomes every minute. */
export function toUnixCron(ncrontab) {
  const [, min, hour, dom, month, dow] = fields(ncrontab);
  return isSubMinute(ncrontab) ? '* * * * *' : `${min} ${hour} ${dom} ${month} ${dow}`;
}

/** FC timer trigger: six fields, seconds first, like NCRONTAB; FC fires at most once a minute. */
export function toFcCron(ncrontab) {
  const [, min, hour, dom, month, dow] = fields(ncrontab);
  return isSubMinute(ncrontab) ? '@every 1m' : `CRON_TZ=UTC 0 ${min} ${hour} ${dom} ${month} ${dow}`;
}
