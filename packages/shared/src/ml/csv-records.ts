// Turns CSV text into validated records plus a report of the rejected ones (line, reason, raw text).
import type { z } from 'zod';
import { ValidationError } from '../errors/index.ts';
import { scanCsv, type CsvOptions } from './csv.ts';

/** A record that could not be read, for the import report. */
export interface RejectedCsvRow {
  /** 1-based physical line where the record starts. */
  line: number;
  /** Why it was rejected, naming the field(s). */
  reason: string;
  /** The record's text as it appeared (cut after 1000 characters). */
  raw: string;
}

/** Options of {@link readCsvRecords}. */
export interface CsvRecordOptions extends CsvOptions {
  /** Column names when the text has no header row; otherwise the first record is the header. */
  columns?: string[];
}

/** A record parser: a zod schema over the named fields, or a function that returns a row or throws. */
export type CsvRecordParser<T> = z.ZodType<T> | ((record: Record<string, string>, line: number) => T);

const RAW_LIMIT = 1000;

function describeThrown(error: unknown): string {
  if (error instanceof ValidationError && error.issues.length > 0) {
    return error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

function isZodType<T>(parse: CsvRecordParser<T>): parse is z.ZodType<T> {
  return (
    typeof parse === 'object' && parse !== null && typeof (parse as z.ZodType<T>).safeParse === 'function'
  );
}

function checkHeader(columns: string[]): void {
  const seen = new Set<string>();
  for (const [i, name] of columns.entries()) {
    if (name === '')
      throw new ValidationError(`CSV header: column ${i + 1} has no name`, [
        { path: 'header', message: `column ${i + 1} has no name` },
      ]);
    if (seen.has(name))
      throw new ValidationError(`CSV header: column "${name}" appears twice`, [
        { path: 'header', message: `column "${name}" appears twice` },
      ]);
    seen.add(name);
  }
}

/**
 * Read CSV records into typed rows. Records with the wrong number of fields, malformed quoting, or values the
 * parser refuses are never thrown: they are returned in `rejected` with their line and a reason naming the
 * field. Header names are trimmed. Only a header that is unusable (a blank or repeated name) throws a
 * {@link ValidationError}; an empty text gives no rows.
 *
 * @example
 * const { rows, rejected } = readCsvRecords(
 *   'user,item,rating\n1,10,4.5\n2,11,nine\n',
 *   z.object({ user: z.coerce.number().int(), item: z.coerce.number().int(), rating: z.coerce.number().min(0).max(5) }),
 * );
 * // rows: [{ user: 1, item: 10, rating: 4.5 }]
 * // rejected: [{ line: 3, reason: 'rating: Invalid input: expected number, received NaN', raw: '2,11,nine' }]
 */
export function readCsvRecords<T>(
  text: string,
  parse: CsvRecordParser<T>,
  options: CsvRecordOptions = {},
): { rows: T[]; rejected: RejectedCsvRow[] } {
  const rows: T[] = [];
  const rejected: RejectedCsvRow[] = [];
  let columns: string[] | undefined = options.columns;
  if (columns !== undefined) checkHeader(columns);
  const schema = isZodType(parse) ? parse : undefined;
  const fn = isZodType(parse) ? undefined : parse;

  scanCsv(
    text,
    (fields, line, start, end, error) => {
      const reject = (reason: string) => {
        const raw =
          end - start > RAW_LIMIT ? `${text.slice(start, start + RAW_LIMIT)}…` : text.slice(start, end);
        rejected.push({ line, reason, raw });
      };
      if (columns === undefined) {
        if (error !== undefined)
          throw new ValidationError(`CSV header (line ${line}): ${error}`, [
            { path: 'header', message: error },
          ]);
        columns = fields.map((f) => f.trim());
        checkHeader(columns);
        return;
      }
      if (error !== undefined) return reject(error);
      if (fields.length !== columns.length) {
        return reject(`expected ${columns.length} fields (${columns.join(', ')}), found ${fields.length}`);
      }
      const record: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) record[columns[i] as string] = fields[i] as string;
      if (schema !== undefined) {
        const result = schema.safeParse(record);
        if (result.success) rows.push(result.data);
        else
          reject(
            result.error.issues
              .map((i) => `${i.path.map(String).join('.') || '(record)'}: ${i.message}`)
              .join('; '),
          );
        return;
      }
      try {
        rows.push((fn as (record: Record<string, string>, line: number) => T)(record, line));
      } catch (e) {
        // Throwing is how a parser function refuses a record; whatever it throws becomes the reason.
        reject(describeThrown(e));
      }
    },
    options,
  );
  return { rows, rejected };
}
