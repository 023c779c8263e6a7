// Checks each posted point on its own, so one bad point is rejected with a reason and the rest are kept.

/** A point that passed validation. `index` is its position in the posted batch. */
export interface MetricPoint {
  index: number;
  series: string;
  timestampMs: number;
  value: number;
}

export interface RejectedPoint {
  index: number;
  reason: string;
}

/** Series ids appear in URLs and logs: letters, digits and . _ : - only. */
export const SERIES_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/**
 * Largest magnitude a value may have. The detector squares differences of recent values (the 60-point z-score,
 * the 10-point deviation) and the forest splits between a window's extremes, so beyond about 1e154 features turn
 * Infinity or NaN (a point of 1e308 beside one of -1e308 also left the console's chart blank: its value range
 * overflowed). No metric comes near 1e150.
 */
export const MAX_ABS_VALUE = 1e150;
/**
 * Numbers below this (1973-03-03T09:46:40Z in milliseconds) are taken for epoch seconds and rejected: `date +%s`,
 * Python's time.time() and Prometheus send seconds, which read as milliseconds were stored in January 1970. As
 * seconds the bound is the year 5138, so every real seconds value falls under it; a metric genuinely from before
 * March 1973 can still be sent as ISO 8601 text.
 */
export const MIN_EPOCH_MS_NUMBER = 1e11;
/** Points further than this in the future are rejected: clocks drift, but not by a day. */
const MAX_FUTURE_MS = 86_400_000;

function parseTimestamp(raw: unknown): number | string {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return 'timestamp must be a finite number of epoch milliseconds';
    if (raw >= 0 && raw < MIN_EPOCH_MS_NUMBER)
      return (
        `timestamp ${raw} looks like epoch seconds: numbers are epoch milliseconds, and one below 1e11 ` +
        '(before 1973-03-03) is refused; multiply seconds by 1000 or send ISO 8601 text'
      );
    // The database keeps whole milliseconds here (as Date.parse does for ISO text); a fraction kept in memory
    // would no longer match the stored row, and the point would be answered as a duplicate and never scored.
    return Math.floor(raw);
  }
  if (typeof raw !== 'string') return 'timestamp must be an ISO 8601 string or epoch milliseconds';
  // Date.parse accepts many shapes; demand a date, a time and an explicit zone so a point means one instant.
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(raw);
  if (!m) return 'timestamp must be ISO 8601 with a time zone, e.g. 2024-05-01T12:00:00Z';
  const ms = Date.parse(raw);
  // Date.parse rolls 2024-02-30 over to March 1st and reads hour 24 as the next day: a different instant.
  const [year, month, day, hour] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (Number.isNaN(ms) || day < 1 || day > daysInMonth || hour > 23) return 'timestamp is not a real date';
  return ms;
}

/** Splits a posted batch into valid points and per-point rejections with reasons. */
export function validatePoints(
  raw: readonly unknown[],
  now = Date.now(),
): { points: MetricPoint[]; rejected: RejectedPoint[] } {
  const points: MetricPoint[] = [];
  const rejected: RejectedPoint[] = [];
  raw.forEach((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      rejected.push({ index, reason: 'point must be an object {series, timestamp, value}' });
      return;
    }
    const p = item as Record<string, unknown>;
    if (typeof p['series'] !== 'string' || !SERIES_ID_PATTERN.test(p['series'])) {
      rejected.push({ index, reason: 'series must be 1-128 characters of letters, digits, . _ : -' });
      return;
    }
    const ts = parseTimestamp(p['timestamp']);
    if (typeof ts === 'string') {
      rejected.push({ index, reason: ts });
      return;
    }
    if (ts > now + MAX_FUTURE_MS) {
      rejected.push({ index, reason: 'timestamp is more than a day in the future' });
      return;
    }
    if (ts < Date.UTC(1970, 0, 1)) {
      rejected.push({ index, reason: 'timestamp is before 1970' });
      return;
    }
    const value = p['value'];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      rejected.push({ index, reason: 'value must be a finite number' });
      return;
    }
    if (Math.abs(value) > MAX_ABS_VALUE) {
      rejected.push({ index, reason: `value must be at most ${MAX_ABS_VALUE} in magnitude` });
      return;
    }
    points.push({ index, series: p['series'], timestampMs: ts, value });
  });
  return { points, rejected };
}
