// Words that carry no request of their own in a follow-up ("and", "what about", "y", "al", 那, 呢), per language.
import { cleanText, tokenize } from '../nlp/text-cleaning.ts';

/**
 * Per language, the words an elliptical follow-up wraps around its one new word ("and abroad?", "what about
 * abroad", "¿y al extranjero?", "¿y si es urgente?", "那海外呢？", "加急呢"): openings that lean on what was said,
 * articles, prepositions and sentence-final particles, as cleaned messages write them (lower case, no accents).
 * They are matched in any language's message: none is a content word in another.
 */
const CUE_WORDS: Record<string, string> = {
  en: 'and also but so then ok okay what about how if is it the a an to for in by with of please',
  es: 'y e tambien pero entonces pues vale que tal como si es el la los las lo al a en para por con de del un una porfa favor',
  zh: '那 那么 呢 吗 吧 啊 呀 还有 还 也 如果 要是 是 的 请问 呐',
};

const CUES: ReadonlySet<string> = new Set(Object.values(CUE_WORDS).flatMap((words) => words.split(' ')));

const wordsOf = (text: string) => tokenize(cleanText(text));

/**
 * The words of `message` that are neither cue words nor part of one of `keywords` (a follow-up of the conversation's
 * topic), and whether any keyword was found: "what about international transfers?" with the keyword "international"
 * leaves "transfers".
 *
 * @example ownWords('¿y al extranjero?', ['extranjero']) // { words: [], keywordFound: true }
 */
export function ownWords(
  message: string,
  keywords: readonly string[],
): { words: string[]; keywordFound: boolean } {
  const words = wordsOf(message);
  const covered = words.map((w) => CUES.has(w));
  let keywordFound = false;
  for (const keyword of keywords) {
    const k = wordsOf(keyword);
    if (k.length === 0) continue;
    for (let i = 0; i + k.length <= words.length; i++)
      if (k.every((w, j) => words[i + j] === w)) {
        keywordFound = true;
        for (let j = 0; j < k.length; j++) covered[i + j] = true;
      }
  }
  return { words: words.filter((_, i) => !covered[i]), keywordFound };
}

/**
 * True when `message` says nothing but one of `keywords` (a follow-up of the conversation's topic) and cue words:
 * it carries no request of its own, so it continues the topic whatever the classifier makes of the keyword alone
 * ("海外呢" after "新卡还没收到" is the card abroad, though 海外 alone reads as exchange rates). "refund abroad?"
 * holds a word of its own, "refund", and is not.
 *
 * @example isBareFollowUp('¿y al extranjero?', ['extranjero', 'fuera']) // true
 * @example isBareFollowUp('refund abroad?', ['abroad']) // false
 */
export function isBareFollowUp(message: string, keywords: readonly string[]): boolean {
  const { words, keywordFound } = ownWords(message, keywords);
  return keywordFound && words.length === 0;
}
