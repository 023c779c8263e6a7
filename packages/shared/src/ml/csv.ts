// RFC 4180 CSV scanning: quoted fields, doubled quotes, CRLF or LF, newlines inside quotes, any 1-char delimiter.
import { ValidationError } from '../errors/index.ts';

/** Options of the CSV reader. */
export interface CsvOptions {
  /** One character between fields; default `,`. For example `'\t'` or `'|'`. */
  delimiter?: string;
}

/**
 * Called once per record. `line` is the 1-based physical line where the record starts; `start`/`end` are the
 * offsets of its text without the line break; `error` is set when its quoting is malformed.
 */
export type CsvRecordVisitor = (
  fields: string[],
  line: number,
  start: number,
  end: number,
  error: string | undefined,
) => void;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The delimiter's char code, after checking it can work. */
export function delimiterCode(delimiter = ','): number {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new RangeError(
      `CSV delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}`,
    );
  }
  return delimiter.charCodeAt(0);
}

/** Physical line breaks (LF, CRLF or a lone CR) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) breaks++;
  }
  return breaks;
}

/**
 * Walk every record of `text`, calling `visit`. Blank lines are skipped; a leading byte-order mark is ignored.
 * Never throws on malformed input: the record is reported with `error` set and scanning goes on.
 */
export function scanCsv(text: string, visit: CsvRecordVisitor, options: CsvOptions = {}): void {
  const delim = delimiterCode(options.delimiter);
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < n) {
    const start = pos;
    const startLine = line;
    const fields: string[] = [];
    let error: string | undefined;
    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        // Quoted field: jump from quote to quote; only doubled quotes split the value into slices.
        let value = '';
        let chunk = pos + 1;
        for (;;) {
          const close = text.indexOf('"', chunk);
          if (close === -1) {
            error ??= `unterminated quoted field (opened on line ${line + countLineBreaks(text, start, pos)})`;
            value += text.slice(chunk);
            line += countLineBreaks(text, start, n);
            pos = n;
            break;
          }
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += text.slice(chunk, close + 1);
            chunk = close + 2;
            continue;
          }
          value += text.slice(chunk, close);
          pos = close + 1;
          break;
        }
        if (pos < n) {
          const c = text.charCodeAt(pos);
          if (c !== delim && c !== LF && c !== CR) {
            // Text after a closing quote breaks RFC 4180; keep it so the reader sees the whole value.
            error ??= `unexpected text after a closing quote in field ${fields.length + 1}`;
            let i = pos;
            while (
              i < n &&
              text.charCodeAt(i) !== delim &&
              text.charCodeAt(i) !== LF &&
              text.charCodeAt(i) !== CR
            )
              i++;
            value += text.slice(pos, i);
            pos = i;
          }
        }
        fields.push(value);
      } else {
        let i = pos;
        for (; i < n; i++) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
        }
        fields.push(text.slice(pos, i));
        pos = i;
      }
      if (pos < n && text.charCodeAt(pos) === delim) {
        pos++;
        continue;
      }
      break;
    }
    const end = pos;
    // Line breaks inside quoted fields, then the record's own terminator.
    if (pos < n) line += countLineBreaks(text, start, end);
    if (text.charCodeAt(pos) === CR) pos++;
    if (text.charCodeAt(pos) === LF) pos++;
    if (pos > end) line++;
    if (end === start && fields.length === 1) continue; // blank line
    visit(fields, startLine, start, end, error);
  }
}

/**
 * Parse CSV text into rows of fields (RFC 4180). Blank lines are skipped.
 * Throws {@link ValidationError} naming the line when quoting is malformed; use `readCsvRecords` to collect
 * bad records instead.
 *
 * @example
 * parseCsv('id,name\n1,"Smith, J"\n'); // [['id', 'name'], ['1', 'Smith, J']]
 * parseCsv('a|b', { delimiter: '|' }); // [['a', 'b']]
 */
export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  const rows: string[][] = [];
  scanCsv(
    text,
    (fields, line, _start, _end, error) => {
      if (error !== undefined) {
        throw new ValidationError(`CSV line ${line}: ${error}`, [{ path: `line ${line}`, message: error }]);
      }
      rows.push(fields);
    },
    options,
  );
  return rows;
}
