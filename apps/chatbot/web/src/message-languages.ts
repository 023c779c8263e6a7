// The language of each message of the customer chat, which its labels follow (see customer-labels.ts).
import { detectLanguage, primaryLanguage } from '../../src/nlp/language-detection.ts';
import { getCommonWords, LATIN_LANGUAGES } from '../../src/nlp/latin-language-lists.ts';
import type { CommonWords } from '../../src/nlp/latin-languages.ts';
import type { ChatMessage } from './types.ts';

/**
 * The language of each message: an answer's own (its meta event's, or the one recorded with its turn); for answers
 * recorded before turns stored it, the server's rule on the customer's message before it (without the knowledge
 * base's vocabulary, so a one-word Spanish message may read as English; with `commonWords` for Latin-script languages
 * beyond the seven: `useAllCommonWords`); an agent's, the conversation's so far.
 *
 * @example messageLanguages([customer, {from: 'assistant', language: 'es', …}], ['en', 'es']) // [undefined, "es"]
 */
export function messageLanguages(
  messages: ChatMessage[],
  declared: readonly string[],
  commonWords?: CommonWords,
): Array<string | undefined> {
  let conversation: string | undefined;
  return messages.map((m, i) => {
    const asked = messages[i - 1];
    if (m.from === 'assistant')
      conversation =
        m.language ??
        (asked?.from === 'customer' && declared.length > 0
          ? detectLanguage(asked.text, declared, {}, commonWords)
          : conversation);
    return m.from === 'customer' ? undefined : conversation;
  });
}

/** Whether `languages` hold a Latin-script one whose common words the main bundle lacks (Polish, Norwegian, ...). */
export function needsAllCommonWords(languages: readonly string[]): boolean {
  const seven = getCommonWords();
  return languages.some((tag) => {
    const language = primaryLanguage(tag);
    return LATIN_LANGUAGES.includes(language) && !seven.has(language);
  });
}
