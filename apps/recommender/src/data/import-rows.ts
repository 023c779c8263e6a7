// Cleaning of imported rows (CSV, tab-separated u.data style, or JSON): validation with a per-row reason,
// and duplicates collapsed so the newest rating of a (user, item) pair wins.
import { readCsvRecords } from '@suite/shared/ml';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from '@suite/shared/db';
import { ValidationError } from '@suite/shared/errors';
import { assertJsonDepth } from '@suite/shared/http';
import type { z } from 'zod';
import type { RatingRow } from './import-row-schemas.ts';

/** `movielens`: the MovieLens 100K files as they are (u.data tab-separated, u.item and u.user pipe-separated). */
export type ImportFormat = 'csv' | 'tsv' | 'json' | 'movielens';

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

/** A CSV record with its keys lower-cased and aliased (user_id -> user, ...) and empty cells dropped. */
export function normaliseRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) {
    const key = k.trim().toLowerCase();
    out[ALIASES[key] ?? key] = v.trim();
  }
  for (const [k, v] of Object.entries(out)) if (v === '' && k !== 'title') delete out[k];
  return out;
}

/** One line naming each failed field of a row. */
export function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(row)'}: ${i.message}`).join('; ');
}

/**
 * A CSV header without a required column would reject every row one by one under a 200; it is a 400 naming
 * the column instead. A quoted header is left to the per-row reasons (it may span lines).
 */
export function assertHeader(text: string, required: readonly string[]): void {
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
        path: 'body',
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
    // Before parsing: a deeply nested row would overflow the stack in JSON.stringify and the schema check.
    assertJsonDepth(text);
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
