// The knowledge base: intents with example utterances and answers; the shipped demo, a file, or one set via the API.
// Free of Node APIs, so the console's offline mode parses and answers from it in the browser (file reading and
// hashing are in knowledge-base-file.ts).
import { z } from 'zod';
import { ValidationError } from '@suite/shared/errors';
import { cleanText } from '../nlp/text-cleaning.ts';
import { lookupTablesSchema } from './lookup-tables-schema.ts';
import { storableText } from './storable-text.ts';

const intentId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'lower-case letters, digits and underscores, starting with a letter');

// A BCP 47 language tag as people write them: "en", "zh", "zh-Hans", "pt-BR".
const languageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as "en", "zh" or "pt-BR"');

const translation = z.object({
  title: storableText(z.string().min(1).max(200)),
  answer: storableText(z.string().min(1).max(4000)),
});

export const knowledgeBaseSchema = z
  .object({
    name: storableText(z.string().min(1).max(200)),
    version: storableText(z.string().min(1).max(64)).default('1'),
    /**
     * Languages of the examples and answers, the first being the language of `title` and `answer`; a message
     * in another declared language is answered from the intent's `translations` entry for it.
     */
    languages: z.array(languageTag).min(1).max(20).default(['en']),
    intents: z
      .array(
        z.object({
          id: intentId,
          title: storableText(z.string().min(1).max(200)),
          examples: z
            .array(storableText(z.string().trim().min(1).max(500)))
            .min(1)
            .max(2000),
          answer: storableText(z.string().min(1).max(4000)),
          followUps: z
            .array(
              z.object({
                keywords: z
                  .array(storableText(z.string().min(1).max(100)))
                  .min(1)
                  .max(50),
                answer: storableText(z.string().min(1).max(4000)),
                /**
                 * The language of the keywords and answer, one of the knowledge base's (default its first): a
                 * keyword two languages write ("express") is answered in the customer's.
                 */
                language: languageTag.optional(),
              }),
            )
            .max(50)
            .optional(),
          /** Title and answer in the knowledge base's other languages, keyed by language tag. */
          translations: z.record(languageTag, translation).optional(),
        }),
      )
      .min(2, 'a classifier needs at least two intents')
      .max(1000),
    /**
     * Named lists of names (products, branches, channels): a message holding an entry gets a classifier feature per
     * list, so a name no example holds still points to the intents whose examples hold the list's other names.
     */
    lookupTables: lookupTablesSchema.optional(),
  })
  .superRefine((kb, ctx) => {
    const seen = new Set<string>();
    kb.intents.forEach((intent, i) => {
      if (seen.has(intent.id))
        ctx.addIssue({
          code: 'custom',
          path: ['intents', i, 'id'],
          message: `duplicate intent id "${intent.id}"`,
        });
      seen.add(intent.id);
      for (const language of Object.keys(intent.translations ?? {}))
        if (!kb.languages.includes(language))
          ctx.addIssue({
            code: 'custom',
            path: ['intents', i, 'translations', language],
            message: `"${language}" is not one of the knowledge base's languages (${kb.languages.join(', ')})`,
          });
      intent.followUps?.forEach((followUp, f) => {
        if (followUp.language !== undefined && !kb.languages.includes(followUp.language))
          ctx.addIssue({
            code: 'custom',
            path: ['intents', i, 'followUps', f, 'language'],
            message: `"${followUp.language}" is not one of the knowledge base's languages (${kb.languages.join(', ')})`,
          });
      });
      // Examples that clean to nothing (emoji, symbols) give the classifier no feature: the intent could never win.
      if (intent.examples.every((example) => cleanText(example) === ''))
        ctx.addIssue({
          code: 'custom',
          path: ['intents', i, 'examples'],
          message: 'no example has a word the classifier can use (only emoji or symbols)',
        });
    });
  });

export type KnowledgeBase = z.infer<typeof knowledgeBaseSchema>;
export type KnowledgeBaseIntent = KnowledgeBase['intents'][number];

/** The intent that means "let me talk to a person": answering it hands the conversation to an agent. */
export const HUMAN_AGENT_INTENT = 'human_agent';

/** Validates a knowledge base; a ValidationError names each bad field (`intents.3.examples`). */
export function parseKnowledgeBase(value: unknown): KnowledgeBase {
  const result = knowledgeBaseSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.length === 0 ? 'knowledgeBase' : issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new ValidationError(
    `invalid knowledge base: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  );
}

/** The title and answer of an intent in `language`, falling back to the knowledge base's first language. */
export function localizedIntent(
  intent: KnowledgeBaseIntent,
  language: string,
): { title: string; answer: string } {
  return intent.translations?.[language] ?? { title: intent.title, answer: intent.answer };
}
