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
/** Points further than this in the future are rejected: clocks drift, but not by a day. */
const MAX_FUTURE_MS = 86_400_000;

function parseTimestamp(raw: unknown): number | string {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return 'timestamp must be a finite number of epoch milliseconds';
    return raw;
  }
  if (typeof raw !== 'string') return 'timestamp must be an ISO 8601 string or epoch milliseconds';
  // Date.parse accepts many shapes; demand a date, a time and an explicit zone so a point means one instant.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) {
    return 'timestamp must be ISO 8601 with a time zone, e.g. 2024-05-01T12:00:00Z';
  }
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? 'timestamp is not a real date' : ms;
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
    points.push({ index, series: p['series'], timestampMs: ts, value });
  });
  return { points, rejected };
}
