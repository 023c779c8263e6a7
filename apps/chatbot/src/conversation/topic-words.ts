// Whether a follow-up's own words name an intent other than the conversation's topic ("transfers" after a card).
import type { KnowledgeBase, KnowledgeBaseIntent } from '../kb/knowledge-base.ts';
import { termRulesFor } from '../nlp/language-terms.ts';
import { cleanText, tokenize } from '../nlp/text-cleaning.ts';
import { ownWords } from './follow-up-cues.ts';

/**
 * A word held by the texts of at most this many intents names them; one most intents write ("my", "card", "la",
 * 卡: 9 to 17 of the demo's 21) names none. "transfer" is in 5 (with "bank transfer" to top up), "transfers" in 1.
 */
const MAX_INTENTS = 4;

/** Per knowledge base: each word of its intents' examples, titles and follow-up keywords (and its stems) -> intents. */
const indexes = new WeakMap<
  KnowledgeBase,
  { index: Map<string, Set<string>>; keys: (w: string) => string[] }
>();

function indexOf(kb: KnowledgeBase) {
  let built = indexes.get(kb);
  if (built !== undefined) return built;
  const rules = termRulesFor(kb.languages);
  // The word as written first, then its stem in each declared language ("transferencias" -> "transferent").
  const keys = (w: string) => [...new Set([w, ...kb.languages.map((l) => rules.stem(w, l))])];
  const index = new Map<string, Set<string>>();
  for (const intent of kb.intents) {
    const texts = [
      intent.title,
      ...intent.examples,
      ...Object.values(intent.translations ?? {}).map((t) => t.title),
      ...(intent.followUps ?? []).flatMap((f) => f.keywords),
    ];
    for (const text of texts)
      for (const word of tokenize(cleanText(text)))
        for (const key of keys(word)) {
          const ids = index.get(key) ?? new Set<string>();
          ids.add(intent.id);
          index.set(key, ids);
        }
  }
  built = { index, keys };
  indexes.set(kb, built);
  return built;
}

/**
 * True when a word of `message` of its own (not a cue word, not a follow-up keyword of `topic`) is written in the
 * knowledge base only by a few intents other than the topic, its most specific form first: "what about international
 * transfers?" after a card that has not arrived names transfers ("international" is the card's own keyword),
 * "¿y las comisiones?" fees, "汇率呢" exchange rates; "and express?", "and how long?" or "and with my card?" name
 * nothing else. Such a message changes the topic even when the classifier is unsure which intent it is.
 *
 * @example namesOtherIntent('what about international transfers?', cardNotArrived, demo) // true
 */
export function namesOtherIntent(message: string, topic: KnowledgeBaseIntent, kb: KnowledgeBase): boolean {
  const keywords = topic.followUps?.flatMap((f) => f.keywords) ?? [];
  const { index, keys } = indexOf(kb);
  return ownWords(message, keywords).words.some((word) => {
    const key = keys(word).find((k) => index.has(k));
    const ids = key === undefined ? undefined : index.get(key);
    return ids !== undefined && ids.size <= MAX_INTENTS && !ids.has(topic.id);
  });
}
