// Refuses JSON nested deeper than a limit by scanning the text, before anything recursive (a schema check,
// JSON.stringify, a tree walk) can meet the value and overflow the stack (a 500 for 20,000 `[`).
import { ValidationError } from '../errors/index.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/** The default nesting limit of request JSON: far above any payload the apps accept, far below the stack. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

/**
 * The position of the first `[` or `{` that opens level `maxDepth + 1` of `text`, or undefined when the text
 * nests no deeper than `maxDepth`. Brackets inside strings do not count. One pass, no recursion, no allocation;
 * the text need not be valid JSON (a malformed text is reported by the parser afterwards).
 *
 * @example
 * findJsonDepthExcess('[[1]]', 1); // 1
 */
export function findJsonDepthExcess(text: string, maxDepth: number): number | undefined {
  // The depth alone, without scanJsonText's bookkeeping of names: 35% less CPU (bench/json-body-scan.ts).
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > maxDepth) return i;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return undefined;
}

/** The 400 for a text nested past `maxDepth`, its first excess bracket at `at`. */
export function jsonDepthError(maxDepth: number, at: number, path = 'body'): ValidationError {
  const message = `nested deeper than ${maxDepth} levels (position ${at})`;
  return new ValidationError(`Request ${path} is ${message}`, [{ path, message }]);
}

/**
 * Throw a 400 {@link ValidationError} at `path` when `text` nests deeper than `maxDepth`. Call it on JSON text
 * read outside `defineHandler`'s JSON body (a text body parsed by the app), before `JSON.parse`.
 *
 * @example
 * assertJsonDepth(csvOrJsonText); const rows = JSON.parse(csvOrJsonText);
 */
export function assertJsonDepth(text: string, maxDepth = DEFAULT_MAX_JSON_DEPTH, path = 'body'): void {
  const at = findJsonDepthExcess(text, maxDepth);
  if (at !== undefined) throw jsonDepthError(maxDepth, at, path);
}
