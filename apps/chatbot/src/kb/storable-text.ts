// Text Postgres can store: no NUL character (text and jsonb refuse it) and no unpaired UTF-16 surrogate (jsonb refuses it).
import type { z } from 'zod';

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the database would refuse the string (a 500 otherwise, after the session state may have moved). */
export function isUnstorableText(value: string): boolean {
  return value.includes('\u0000') || UNPAIRED_SURROGATE.test(value);
}

/** Refines a string schema so unstorable text is a 400 naming the field instead of a database error. */
export function storableText<S extends z.ZodType<string>>(schema: S) {
  return schema.refine((value) => !isUnstorableText(value), {
    message: 'must not contain NUL characters or unpaired surrogates',
  });
}
