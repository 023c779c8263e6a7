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
  /** The field at fault (`point` when the item is not an object at all). */
  field: 'point' | 'series' | 'timestamp' | 'value';
  reason: string;
}

/** Series ids appear in URLs and logs: letters, digits and . _ : - only. */
export const SERIES_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * What is wrong with a series id, to follow the word "series" (undefined when it is fine). "1-128 characters of
 * letters, digits ..." read as allowing 温度 (letters too); the reason now names the first character refused.
 */
export function seriesIdProblem(id: unknown): string | undefined {
  if (id === undefined || id === null) return 'is missing: every point names its series';
  if (typeof id !== 'string') return 'must be a string id';
  if (SERIES_ID_PATTERN.test(id)) return undefined;
  if (id.length === 0) return 'must not be empty';
  if (id.length > 128) return `is ${id.length} characters long, more than 128`;
  const allowed = ' (ids appear in URLs and logs: ASCII letters and digits, and . _ : - after the first)';
  const first = String.fromCodePoint(id.codePointAt(0)!);
  if (!/[A-Za-z0-9]/.test(first))
    return `must start with an ASCII letter or digit, not ${describeChar(first)}${allowed}`;
  const bad = [...id].find((c) => !/[A-Za-z0-9._:-]/.test(c))!;
  return `holds ${describeChar(bad)}, which ids cannot${allowed}`;
}

/** A character as a reason quotes it: itself and its code point (a space or a lookalike shows only as U+...). */
function describeChar(c: string): string {
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c) ? `"${c}" (${code})` : code;
}
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
/**
 * Each unit a thousand times finer takes the next three decades of numbers: from 1e14 (the year 5138 in
 * milliseconds, 1973-03-03 in microseconds) a number looks like epoch microseconds (Java's Instant, OpenTSDB,
 * ClickHouse DateTime64(6)), from 1e17 like epoch nanoseconds (InfluxDB line protocol, Go's UnixNano, OTLP).
 * Read as milliseconds they lie thousands of years ahead and were refused only as "in the future", hiding the unit.
 */
export const MIN_EPOCH_US_NUMBER = 1e14;
export const MIN_EPOCH_NS_NUMBER = 1e17;
/** Points further than this in the future are rejected: clocks drift, but not by a day. */
const MAX_FUTURE_MS = 86_400_000;

/** The sentence for a number in another unit than milliseconds, or undefined when it may be milliseconds. */
function wrongUnit(raw: number): string | undefined {
  const [unit, fix] =
    raw >= MIN_EPOCH_NS_NUMBER
      ? ['nanoseconds', 'one from 1e17 on (after the year 5138) is refused; divide nanoseconds by 1000000']
      : raw >= MIN_EPOCH_US_NUMBER
        ? [
            'microseconds',
            'one from 1e14 to 1e17 (after the year 5138) is refused; divide microseconds by 1000',
          ]
        : raw >= 0 && raw < MIN_EPOCH_MS_NUMBER
          ? ['seconds', 'one below 1e11 (before 1973-03-03) is refused; multiply seconds by 1000']
          : [];
  if (unit === undefined) return undefined;
  return `timestamp ${raw} looks like epoch ${unit}: numbers are epoch milliseconds, and ${fix} or send ISO 8601 text`;
}

// RFC 3339's date-time (T and Z may be lower case); the seconds may be left out, as Date.parse allows.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):\d{2}(:\d{2}(\.\d+)?)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

function parseTimestamp(raw: unknown): number | string {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return 'timestamp must be a finite number of epoch milliseconds';
    const unit = wrongUnit(raw);
    if (unit !== undefined) return unit;
    // The database keeps whole milliseconds here (as Date.parse does for ISO text); a fraction kept in memory
    // would no longer match the stored row, and the point would be answered as a duplicate and never scored.
    return Math.floor(raw);
  }
  if (typeof raw !== 'string') return 'timestamp must be an ISO 8601 string or epoch milliseconds';
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(raw))
    return 'timestamp is a number inside a string: send epoch milliseconds as a JSON number, or ISO 8601 text';
  // Date.parse accepts many shapes; demand a date, a time and an explicit zone so a point means one instant.
  const m = ISO_DATE_TIME.exec(raw);
  if (!m) return 'timestamp must be ISO 8601 with a time zone, e.g. 2024-05-01T12:00:00Z';
  if (m[8] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59))
    return `timestamp's offset ${m[8]}${m[9]}:${m[10]} is not a UTC offset (at most 23:59 either way)`;
  const ms = Date.parse(raw.toUpperCase());
  // Date.parse rolls 2024-02-30 over to March 1st and reads hour 24 as the next day: a different instant.
  const [year, month, day, hour] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (Number.isNaN(ms) || day < 1 || day > daysInMonth || hour > 23) return 'timestamp is not a real date';
  return ms;
}

/** ISO text for an instant, or the number itself beyond what a Date holds (toISOString would throw). */
function describeInstant(ms: number): string {
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}

/** Why a value is not a finite number, saying what came instead when that tells the sender more. */
function describeBadValue(value: unknown): string {
  if (value === undefined || value === null) return 'value must be a finite number; it is missing';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    return `value must be a finite number, not text (${JSON.stringify(shown)}): send it as a JSON number`;
  }
  return 'value must be a finite number';
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
      rejected.push({ index, field: 'point', reason: 'point must be an object {series, timestamp, value}' });
      return;
    }
    const p = item as Record<string, unknown>;
    const seriesProblem = seriesIdProblem(p['series']);
    if (seriesProblem !== undefined || typeof p['series'] !== 'string') {
      rejected.push({ index, field: 'series', reason: `series ${seriesProblem ?? 'must be a string id'}` });
      return;
    }
    const ts = parseTimestamp(p['timestamp']);
    if (typeof ts === 'string') {
      rejected.push({ index, field: 'timestamp', reason: ts });
      return;
    }
    if (ts > now + MAX_FUTURE_MS) {
      rejected.push({
        index,
        field: 'timestamp',
        reason: `timestamp ${describeInstant(ts)} is more than a day ahead of the server's clock (${describeInstant(now)})`,
      });
      return;
    }
    if (ts < Date.UTC(1970, 0, 1)) {
      rejected.push({
        index,
        field: 'timestamp',
        reason: `timestamp ${describeInstant(ts)} is before 1970-01-01T00:00:00Z`,
      });
      return;
    }
    const value = p['value'];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      rejected.push({ index, field: 'value', reason: describeBadValue(value) });
      return;
    }
    if (Math.abs(value) > MAX_ABS_VALUE) {
      rejected.push({ index, field: 'value', reason: `value must be at most ${MAX_ABS_VALUE} in magnitude` });
      return;
    }
    points.push({ index, series: p['series'], timestampMs: ts, value });
  });
  return { points, rejected };
}
