// An intent as a person reads it: its title in the page's language, from the served knowledge base, instead of
// its id ("card_not_arrived"). Pure rules, so Node tests read them without Preact.
import { primaryLanguage } from '../../src/nlp/language-detection.ts';
import type { KbEntry, ServedKnowledgeBase } from './types.ts';

type Kb = ServedKnowledgeBase['kb'];
type Intent = Kb['intents'][number];

/** The title of `intent` in `language`: matched by primary subtag ("zh-CN" reads "zh"), else the default title. */
function titleOf(kb: Kb, intent: Intent, language: string | undefined): string {
  const wanted = language === undefined ? undefined : primaryLanguage(language);
  const first = kb.languages?.[0] ?? 'en';
  if (wanted !== undefined && primaryLanguage(first) !== wanted)
    for (const [tag, translation] of Object.entries(intent.translations ?? {}))
      if (primaryLanguage(tag) === wanted && translation.title) return translation.title;
  return intent.title || intent.id;
}

/**
 * An intent's title in `language`; the knowledge base's default title where it has none in that language, and the
 * id itself for an intent the knowledge base does not (or not yet) hold.
 *
 * @example intentTitle(demoKb, 'card_not_arrived', 'zh-CN') // "新卡还没收到"
 */
export function intentTitle(kb: Kb | undefined, id: string, language: string | undefined): string {
  const intent = kb?.intents.find((i) => i.id === id);
  return kb && intent ? titleOf(kb, intent, language) : id;
}

/** Every intent of the knowledge base with its title in `language`, in the knowledge base's order. */
export const intentsTitledIn = (kb: Kb | undefined, language: string | undefined): KbEntry[] =>
  kb ? kb.intents.map((intent) => ({ id: intent.id, title: titleOf(kb, intent, language) })) : [];
