// The common words of every Latin-script language, for the console's guesses of a message's language among the
// declared ones (the customer chat's labels, the knowledge base's examples per language): loaded as a chunk of its
// own, and only when the knowledge base declares a Latin-script language beyond the seven the main bundle knows.
import { useEffect, useState } from 'preact/hooks';
import { primaryLanguage } from '../../src/nlp/language-detection.ts';
import { getCommonWords, LATIN_LANGUAGES } from '../../src/nlp/latin-language-lists.ts';
import type { CommonWords } from '../../src/nlp/latin-languages.ts';

let loading: Promise<CommonWords> | undefined;
let loaded: CommonWords | undefined;

/** Whether `languages` hold a Latin-script one whose common words the main bundle lacks (Polish, Norwegian, ...). */
export function needsAllCommonWords(languages: readonly string[]): boolean {
  const seven = getCommonWords();
  return languages.some((tag) => {
    const language = primaryLanguage(tag);
    return LATIN_LANGUAGES.includes(language) && !seven.has(language);
  });
}

/**
 * Every Latin-script language's common words once loaded, when `languages` need them; undefined before and
 * otherwise, so `detectLanguage` uses the seven of the main bundle meanwhile. A failed load is tried again on the
 * next render that needs it.
 */
export function useAllCommonWords(languages: readonly string[]): CommonWords | undefined {
  const needed = needsAllCommonWords(languages);
  const [words, setWords] = useState(loaded);
  useEffect(() => {
    if (!needed || words !== undefined) return;
    loading ??= import('../../src/nlp/latin-more-words.ts').then((m) => (loaded = m.getAllCommonWords()));
    loading.then(setWords, () => {
      loading = undefined;
    });
  }, [needed, words]);
  return needed ? words : undefined;
}
