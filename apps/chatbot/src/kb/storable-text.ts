// Storable text for the knowledge base: request bodies are already checked by defineHandler, but a knowledge base
// read from KNOWLEDGE_BASE_FILE is not a request, so its schema refines its strings with the same rule.
import type { z } from 'zod';
// The narrow subpath keeps the database drivers out of the console's offline bundle, which parses knowledge bases.
import { isUnstorableText, UNSTORABLE_TEXT_MESSAGE } from '@suite/shared/db/storable-text';

/** Refines a string schema so unstorable text is a 400 naming the field instead of a database error. */
export function storableText<S extends z.ZodType<string>>(schema: S) {
  return schema.refine((value) => !isUnstorableText(value), { message: UNSTORABLE_TEXT_MESSAGE });
}
