// Cleaning of imported rows (CSV, tab-separated u.data style, or JSON): validation with a per-row reason,
// and duplicates collapsed so the newest rating of a (user, item) pair wins.
import { readCsvRecords } from '@suite/shared/ml';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from '@suite/shared/db';
import { ValidationError } from '@suite/shared/errors';
import { z } from 'zod';

export type ImportFormat = 'csv' | 'tsv' | 'json';

export interface RejectedRow {
  /** 1-based line (CSV/TSV) or element number (JSON). */
  line: number;
  reason: string;
  raw: string;
}

export interface Parsed<T> {
  rows: T[];
  rejected: RejectedRow[];
}

/**
 * A number, or a string holding a decimal one (CSV cells, or JSON written by hand). Unlike z.coerce this keeps JSON
 * true, [2] or null from turning into user 1, item 2 or time 0.
 */
const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i;
/** Decimal strings only: Number() would also read 0x10, 0b1 and Infinity. */
const num = () => z.preprocess((v) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v), z.number());
const id = num().pipe(
  z
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
);

/** Clock skew tolerated on client times. A future time would outrank every later rating of the pair. */
export const MAX_CLOCK_SKEW_SECONDS = 3600;
const notFuture = (t: number): boolean => t <= Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS;
const FUTURE = `is in the future (more than ${MAX_CLOCK_SKEW_SECONDS} s ahead of the server clock)`;

/** Unix seconds, or an ISO date; absent means "now" at import. */
const time = z
  .union([
    num().pipe(z.number().int().min(0)),
    z.iso.datetime({ offset: true }).transform((s) => Math.floor(Date.parse(s) / 1000)),
  ])
  .refine(notFuture, FUTURE);

export const ratingRowSchema = z.object({
  user: id,
  item: id,
  rating: num().pipe(z.number().min(1).max(5)),
  time: time.optional(),
});
export type RatingRow = z.infer<typeof ratingRowSchema>;

export const itemRowSchema = z.object({
  id,
  title: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((t) => t || null),
  genres: z
    .union([
      z.array(z.string().trim().min(1).max(60)).max(50),
      z
        .string()
        .max(2000)
        .transform((s) =>
          s
            .split('|')
            .map((g) => g.trim())
            .filter(Boolean),
        ),
    ])
    .default([]),
});
export type ItemRow = z.infer<typeof itemRowSchema>;

export const userRowSchema = z.object({
  id,
  age: z
    .union([z.literal('').transform(() => null), num().pipe(z.number().int().min(0).max(130))])
    .nullish()
    .transform((a) => a ?? null),
  gender: z
    .union([z.literal('').transform(() => null), z.enum(['M', 'F'])])
    .nullish()
    .transform((g) => g ?? null),
  occupation: z
    .string()
    .trim()
    .max(60)
    .nullish()
    .transform((o) => o || null),
});
export type UserRow = z.infer<typeof userRowSchema>;

const ALIASES: Record<string, string> = {
  user_id: 'user',
  userid: 'user',
  item_id: 'item',
  itemid: 'item',
  movie: 'item',
  movieid: 'item',
  timestamp: 'time',
  rated_at: 'time',
  score: 'rating',
  user: 'user',
  item: 'item',
};

/** Pick the format from an explicit `format` query value, else the content type. */
export function detectFormat(contentType: string | null | undefined, explicit?: ImportFormat): ImportFormat {
  if (explicit) return explicit;
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('json')) return 'json';
  if (ct.includes('tab-separated')) return 'tsv';
  return 'csv';
}

function normaliseKeys(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [ALIASES[k.trim().toLowerCase()] ?? k.trim().toLowerCase(), v]),
  );
}

function normaliseRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) {
    const key = k.trim().toLowerCase();
    out[ALIASES[key] ?? key] = v.trim();
  }
  for (const [k, v] of Object.entries(out)) if (v === '' && k !== 'title') delete out[k];
  return out;
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(row)'}: ${i.message}`).join('; ');
}

/**
 * A CSV header without a required column would reject every row one by one under a 200; it is a 400 naming
 * the column instead. A quoted header is left to the per-row reasons (it may span lines).
 */
function assertHeader(text: string, required: readonly string[]): void {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  if (first.includes('"')) return;
  const names = new Set(
    first.split(',').map((c) => {
      const key = c.trim().toLowerCase();
      return ALIASES[key] ?? key;
    }),
  );
  const missing = required.filter((c) => !names.has(c));
  if (missing.length > 0) {
    throw new ValidationError(
      `the CSV header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      missing.map((c) => ({
        path: `body.header.${c}`,
        message: `required column "${c}" is missing from the header "${first.slice(0, 200)}"`,
      })),
    );
  }
}

/**
 * Parse `text` into rows of `schema`, rejecting bad rows with a reason. `columns` applies to TSV (no header);
 * `required` are the columns a CSV header must name.
 */
export function parseImport<T>(
  text: string,
  format: ImportFormat,
  schema: z.ZodType<T>,
  columns: string[],
  required: readonly string[] = [],
): Parsed<T> {
  if (format === 'csv') assertHeader(text, required);
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new ValidationError('body is not valid JSON', [
        { path: 'body', message: (error as Error).message },
      ]);
    }
    const list = Array.isArray(data) ? data : (data as { rows?: unknown })?.rows;
    if (!Array.isArray(list))
      throw new ValidationError('JSON body must be an array of rows or {"rows": [...]}', [
        { path: 'body', message: 'expected an array' },
      ]);
    const parsed: Parsed<T> = { rows: [], rejected: [] };
    list.forEach((row, n) => {
      const obj =
        row && typeof row === 'object' && !Array.isArray(row)
          ? normaliseKeys(row as Record<string, unknown>)
          : row;
      const raw = JSON.stringify(row)?.slice(0, 1000) ?? '';
      // The body arrives as text, so escaped NULs and lone surrogates only appear here, past defineHandler's check.
      const unstorable = findUnstorableText(obj);
      if (unstorable !== undefined) {
        parsed.rejected.push({
          line: n + 1,
          reason: `${unstorable || 'row'}: ${UNSTORABLE_TEXT_MESSAGE}`,
          raw,
        });
        return;
      }
      const res = schema.safeParse(obj);
      if (res.success) parsed.rows.push(res.data);
      else parsed.rejected.push({ line: n + 1, reason: describe(res.error), raw });
    });
    return parsed;
  }
  const parse = (record: Record<string, string>): T => {
    const res = schema.safeParse(normaliseRecord(record));
    if (!res.success) throw new Error(describe(res.error));
    return res.data;
  };
  const tsv = format === 'tsv';
  return readCsvRecords(
    tsv ? text.replace(/\n+$/, '') : text,
    parse,
    tsv ? { delimiter: '\t', columns } : {},
  );
}

/** Keep one row per (user, item): the newest by time, the later in the input on ties. */
export function collapseDuplicates(rows: RatingRow[]): { rows: RatingRow[]; collapsed: number } {
  const byKey = new Map<string, RatingRow>();
  for (const r of rows) {
    const key = `${r.user}:${r.item}`;
    const prev = byKey.get(key);
    if (!prev || (r.time ?? Infinity) >= (prev.time ?? Infinity)) byKey.set(key, r);
  }
  return { rows: [...byKey.values()], collapsed: rows.length - byKey.size };
}
