// Short runs of words cut from longer texts: the one- to three-word messages the language benches try.
import { cleanText, tokenize } from '../src/nlp/text-cleaning.ts';

/** Every distinct run of `n` neighbouring words of `texts`, cleaned as messages are. */
export function pieces(texts: readonly string[], n: number): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    const words = tokenize(cleanText(t));
    for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  }
  return [...out];
}
