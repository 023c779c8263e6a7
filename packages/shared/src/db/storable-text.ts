// Text PostgreSQL can store: `text` and `jsonb` refuse the NUL character, and `jsonb` refuses unpaired UTF-16
// surrogates. Request input holding either is a 400 here, not a database error (500) deep inside a handler.

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What a field holding such text is told. */
export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/** True when PostgreSQL would refuse the string. */
export function isUnstorableText(value: string): boolean {
  return value.includes('\u0000') || UNPAIRED_SURROGATE.test(value);
}

/** One pending step of the walk: a value to visit, or an object key to check before its value. */
interface Step {
  value: unknown;
  path: string;
  key?: string;
}

/**
 * The dotted path of the first string (value or object key) in `value` that PostgreSQL would refuse, `''` for
 * `value` itself, or undefined when every string is storable. The walk keeps its own stack instead of
 * recursing, so a value nested deeper than the call stack is walked, not a RangeError.
 */
export function findUnstorableText(value: unknown, path = ''): string | undefined {
  const join = (at: string, key: string | number) => (at === '' ? String(key) : `${at}.${key}`);
  const stack: Step[] = [{ value, path }];
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    if (step.key !== undefined && isUnstorableText(step.key)) return step.path;
    const current = step.value;
    if (typeof current === 'string') {
      if (isUnstorableText(current)) return step.path;
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    // Pushed last-first so the walk visits children in order and reports the same field as a recursive walk.
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        stack.push({ value: current[i], path: join(step.path, i) });
      continue;
    }
    const entries = Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i] as [string, unknown];
      stack.push({ value: item, path: join(step.path, key), key });
    }
  }
  return undefined;
}
