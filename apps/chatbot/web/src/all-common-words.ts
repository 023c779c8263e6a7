// The common words of every Latin-script language, for the console's guesses of a message's language among the
// declared ones (the customer chat's labels, the knowledge base's examples per language): loaded as a chunk of its
// own, and only when the knowledge base declares a Latin-script language beyond the seven the main bundle knows.
import { useEffect, useState } from 'preact/hooks';
import type { CommonWords } from '../../src/nlp/latin-languages.ts';
import { needsAllCommonWords } from './message-languages.ts';

let loading: Promise<CommonWords> | undefined;
let loaded: CommonWords | undefined;

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
