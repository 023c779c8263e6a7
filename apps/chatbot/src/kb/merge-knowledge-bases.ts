// Merges knowledge bases written one per language into one multilingual knowledge base (one classifier for all).
import type { KnowledgeBase, KnowledgeBaseIntent } from './knowledge-base.ts';

/**
 * One knowledge base from several with the same intent ids in different languages: examples and follow-ups are
 * pooled (one classifier learns every language; each follow-up keeps its language, so "express", a keyword of the
 * English and the Spanish one, is answered in the customer's), the first knowledge base's title and answer stay the default,
 * and each later one's become `translations` under its first language. An intent only a later knowledge base
 * has keeps its own answer as the default.
 *
 * @example mergeKnowledgeBases([english, chinese]).intents[0].translations.zh.answer
 */
export function mergeKnowledgeBases(kbs: readonly KnowledgeBase[]): KnowledgeBase {
  const first = kbs[0];
  if (first === undefined) throw new RangeError('mergeKnowledgeBases needs at least one knowledge base');
  const languages = [...new Set(kbs.flatMap((kb) => kb.languages))];
  const intents = new Map<string, KnowledgeBaseIntent>();
  for (const kb of kbs) {
    const language = kb.languages[0] as string;
    for (const original of kb.intents) {
      const intent = structuredClone(original);
      intent.followUps = intent.followUps?.map((f) => ({ ...f, language: f.language ?? language }));
      const existing = intents.get(intent.id);
      if (existing === undefined) {
        intents.set(intent.id, intent);
        continue;
      }
      existing.examples.push(...intent.examples);
      if (intent.followUps) existing.followUps = [...(existing.followUps ?? []), ...intent.followUps];
      existing.translations = {
        ...existing.translations,
        ...intent.translations,
        [language]: { title: intent.title, answer: intent.answer },
      };
    }
  }
  // Lookup tables of one name pool their entries (a brand's names in every language).
  const tables = new Map<string, string[]>();
  for (const kb of kbs)
    for (const [name, entries] of Object.entries(kb.lookupTables ?? {}))
      tables.set(name, [...new Set([...(tables.get(name) ?? []), ...entries])]);
  return {
    ...(tables.size === 0 ? {} : { lookupTables: Object.fromEntries(tables) }),
    name: kbs.map((kb) => kb.name).join(' / '),
    version: kbs.map((kb) => kb.version).join('+'),
    languages,
    intents: [...intents.values()],
  };
}
