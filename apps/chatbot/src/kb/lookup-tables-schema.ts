// A knowledge base's lookup tables as it may declare them: named lists of names (products, branches, channels) whose
// matches in a message become classifier features (src/nlp/lookup-tables.ts). Bounded so a table cannot make the
// model artifact, which stores them, or the matcher large.
import { z } from 'zod';
import { normalizeLookupText } from '../nlp/lookup-tables.ts';
import { storableText } from './storable-text.ts';

export const LOOKUP_LIMITS = Object.freeze({
  tables: 50,
  entriesPerTable: 10_000,
  entries: 50_000,
  entryLength: 100,
});

const tableName = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,39}$/,
    'lower-case letters, digits and underscores, starting with a letter (40 at most)',
  );

// A letter or digit of any script: a joiner, a variation selector or a lone combining mark survives normalising
// (only punctuation, symbols and spaces go) and would match inside every emoji sequence.
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

// The limit holds for the form entries are matched and stored in too: NFKC may make one character 18 ("ﷺ"), so a
// 100-character entry could be 1,800 once normalised, and the matcher walks an entry's length at every position.
const entry = storableText(z.string().min(1).max(LOOKUP_LIMITS.entryLength)).superRefine((value, ctx) => {
  const normalized = normalizeLookupText(value);
  if (!LETTER_OR_DIGIT.test(normalized))
    ctx.addIssue({
      code: 'custom',
      message:
        'an entry must hold a letter or digit (punctuation, symbols and spaces are ignored when matching)',
    });
  if (normalized.length > LOOKUP_LIMITS.entryLength)
    ctx.addIssue({
      code: 'custom',
      message: `an entry must be at most ${LOOKUP_LIMITS.entryLength} characters once normalised (NFKC, lower case; got ${normalized.length})`,
    });
});

/** `{ "app": ["微信", "支付宝"], "branch": ["Soho", "Camden"] }`: at most 50 tables, 50,000 entries in all. */
export const lookupTablesSchema = z
  .record(tableName, z.array(entry).min(1).max(LOOKUP_LIMITS.entriesPerTable))
  .superRefine((tables, ctx) => {
    const names = Object.keys(tables);
    if (names.length > LOOKUP_LIMITS.tables)
      ctx.addIssue({
        code: 'custom',
        message: `at most ${LOOKUP_LIMITS.tables} lookup tables (got ${names.length})`,
      });
    const total = names.reduce((n, name) => n + (tables[name]?.length ?? 0), 0);
    if (total > LOOKUP_LIMITS.entries)
      ctx.addIssue({
        code: 'custom',
        message: `at most ${LOOKUP_LIMITS.entries} entries over all lookup tables (got ${total})`,
      });
  });
