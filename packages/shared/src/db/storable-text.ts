// Text PostgreSQL can store: `text` and `jsonb` refuse the NUL character, and `jsonb` refuses unpaired UTF-16
// surrogates. Request input holding either is a 400 here, not a database error (500) deep inside a handler.

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What a field holding such text is told. */
export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/** True when PostgreSQL would refuse the string. */
export function isUnstorableText(value: string): boolean {
  return value.includes('\u0000') || UNPAIRED_SURROGATE.test(value);
}

/**
 * The dotted path of the first string (value or object key) in `value` that PostgreSQL would refuse, `''` for
 * `value` itself, or undefined when every string is storable.
 */
export function findUnstorableText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isUnstorableText(value) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const join = (key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], join(i));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (isUnstorableText(key)) return join(key);
    const found = findUnstorableText(item, join(key));
    if (found !== undefined) return found;
  }
  return undefined;
}
