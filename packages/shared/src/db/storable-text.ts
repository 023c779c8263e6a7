// Text PostgreSQL can store: `text` and `jsonb` refuse the NUL character, and `jsonb` refuses unpaired UTF-16
// surrogates. Request input holding either is a 400 here, not a database error (500) deep inside a handler.

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What a field holding such text is told. */
export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/** True when PostgreSQL would refuse the string. */
export function isUnstorableText(value: string): boolean {
  return value.includes('\u0000') || UNPAIRED_SURROGATE.test(value);
}

/** One pending step of the walk: a value to visit (a string or a container), under its parent and key. */
interface Step {
  value: unknown;
  parent: Step | undefined;
  key: string | number | undefined;
  /** The key itself is text PostgreSQL refuses (reported when the walk reaches this step, in document order). */
  badKey: boolean;
}

const mayHoldText = (v: unknown): boolean => typeof v === 'string' || (typeof v === 'object' && v !== null);

/**
 * Whether `v` needs a step of its own: a string, an object, or an array holding any of those. An array of numbers
 * (a row of a numeric body) is looked through in place: a step per row was 100,000 allocations on a 100,000-row
 * :predict body, costing more than the parse.
 */
const needsStep = (v: unknown): boolean => {
  if (!Array.isArray(v)) return mayHoldText(v);
  for (let i = 0; i < v.length; i++) if (mayHoldText(v[i])) return true;
  return false;
};

/** The dotted path of `step`, built only when something is found: the walk itself allocates no strings. */
function pathOf(step: Step, base: string): string {
  const keys: (string | number)[] = [];
  for (let s: Step | undefined = step; s?.parent !== undefined; s = s.parent)
    keys.push(s.key as string | number);
  let at = base;
  for (let i = keys.length - 1; i >= 0; i--) at = at === '' ? String(keys[i]) : `${at}.${keys[i]}`;
  return at;
}

/**
 * The dotted path of the first string (value or object key) in `value` that PostgreSQL would refuse, `''` for
 * `value` itself, or undefined when every string is storable. The walk keeps its own stack instead of
 * recursing, so a value nested deeper than the call stack is walked, not a RangeError. It runs on every JSON
 * request body, so numbers, booleans and null are skipped without a step and paths are built only for a finding
 * (a 1000-row numeric body costs no allocation per element).
 */
export function findUnstorableText(value: unknown, path = ''): string | undefined {
  const stack: Step[] = [{ value, parent: undefined, key: undefined, badKey: false }];
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    if (step.badKey) return pathOf(step, path);
    const current = step.value;
    if (typeof current === 'string') {
      if (isUnstorableText(current)) return pathOf(step, path);
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    // Pushed last-first so the walk visits children in order and reports the same field as a recursive walk.
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        const item: unknown = current[i];
        if (needsStep(item)) stack.push({ value: item, parent: step, key: i, badKey: false });
      }
      continue;
    }
    const keys = Object.keys(current);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const item = (current as Record<string, unknown>)[key];
      const badKey = isUnstorableText(key);
      if (badKey || needsStep(item)) stack.push({ value: item, parent: step, key, badKey });
    }
  }
  return undefined;
}
