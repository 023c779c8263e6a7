// Example questions in every language the served knowledge base declares, shown before the first message, so a
// visitor sees at once that the assistant answers in Chinese, Spanish (or any other declared language) as well as
// English.
import { fill } from './catalogue.ts';
import type { CustomerLabels } from './customer-labels.ts';
import type { ServedKnowledgeBase } from './types.ts';

type Kb = ServedKnowledgeBase['kb'];

export interface Suggestion {
  language: string;
  text: string;
}

/** How many intents are suggested, each in every declared language. */
const SUGGESTED_INTENTS = 2;

/**
 * A few intents' titles in each declared language: intents with follow-ups first (they lead on to a second
 * question), titles from `translations` for the languages after the first.
 *
 * @example suggestExamples(bilingualDemo) // [{language: "en", text: "New card has not arrived"}, {language: "zh", text: "新卡还没收到"}, …]
 */
export function suggestExamples(kb: Kb): Suggestion[] {
  const languages = kb.languages?.length ? kb.languages : ['en'];
  const [first] = languages;
  const picked = [...kb.intents]
    .sort((a, b) => Number(Boolean(b.followUps?.length)) - Number(Boolean(a.followUps?.length)))
    .slice(0, SUGGESTED_INTENTS);
  return picked.flatMap((intent) =>
    languages.flatMap((language) => {
      const text = language === first ? intent.title : intent.translations?.[language]?.title;
      return text ? [{ language, text }] : [];
    }),
  );
}

/** A language's name in that language ("zh" -> "中文"), or its tag where the browser has no name for it. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Props of {@link ExampleSuggestions}: the knowledge base, the chat's words and their language, what a click asks. */
export interface ExampleSuggestionsProps {
  kb: Kb;
  labels: CustomerLabels;
  language: string;
  onChoose(text: string): void;
}

export function ExampleSuggestions({ kb, labels, language, onChoose }: ExampleSuggestionsProps) {
  const suggestions = suggestExamples(kb);
  const languages = new Intl.ListFormat(language, { type: 'disjunction' }).format(
    (kb.languages?.length ? kb.languages : ['en']).map(languageName),
  );
  return (
    <li class="muted suggestions">
      <p>{fill(labels.suggestionsLead, { languages })}</p>
      {suggestions.length > 0 && (
        <div class="row" role="group" aria-label={labels.tryAsking}>
          {suggestions.map((s) => (
            <button
              type="button"
              class="secondary"
              key={s.text}
              lang={s.language}
              onClick={() => onChoose(s.text)}
            >
              {s.text}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}
