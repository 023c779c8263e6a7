// Lookup tables (Rasa's term): named lists of names a knowledge base declares ("app": ["微信", "支付宝"], "branch":
// [...]); a message gets one classifier feature per list one of its entries appears in, found by the longest match
// over the normalised text, so a bare product or channel name the examples never held still says what it is.

/** Named lists of entries, as a knowledge base declares them. */
export type LookupTables = Readonly<Record<string, readonly string[]>>;

/** Prefix of a lookup token; control characters never survive cleaning, so no word collides with one. */
export const LOOKUP_MARK = '\u0005';

// Punctuation and symbols separate like spaces: "CCTV-1" and "cctv 1" are one entry.
const SEPARATORS_RE = /[\p{P}\p{S}\s]+/gu;
// Latin letters (accented ones too: "café" is not in "cafés") and digits: the characters a Latin word is made of.
const LATIN_WORD_RE = /[\p{Script=Latin}0-9]/u;

/**
 * The form entries and messages are matched in: NFKC, lower case, punctuation, symbols and runs of spaces as one
 * space, trimmed.
 *
 * @example normalizeLookupText("CCTV－1！") // "cctv 1"
 */
export function normalizeLookupText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(SEPARATORS_RE, ' ').trim();
}

export interface LookupMatcher {
  /** Tokens of a message: `\u0005list:<name>` per list one of its entries belongs to, in the lists' name order. */
  tokens(text: string): string[];
}

/**
 * Compiles tables into a matcher. Matching runs left to right taking the longest entry that starts at each
 * position (matches do not overlap); an entry that starts or ends with a Latin letter or digit matches only between
 * word boundaries ("qq" not inside "qqq"). An entry in several lists marks each of them.
 *
 * @example createLookupMatcher({ app: ["微信"] }).tokens("打开微信") // ["\u0005list:app"]
 */
export function createLookupMatcher(tables: LookupTables): LookupMatcher {
  const names = Object.keys(tables).sort();
  const lists = new Map<string, number[]>();
  names.forEach((name, i) => {
    for (const raw of tables[name] ?? []) {
      const entry = normalizeLookupText(raw);
      if (entry === '') continue;
      const at = lists.get(entry);
      if (at === undefined) lists.set(entry, [i]);
      else if (!at.includes(i)) at.push(i);
    }
  });
  // Entry lengths per first character, longest first: the candidates at one position are a handful of lookups.
  const lengths = new Map<string, number[]>();
  for (const entry of lists.keys()) {
    const first = entry[0] as string;
    const known = lengths.get(first) ?? [];
    if (!known.includes(entry.length)) known.push(entry.length);
    lengths.set(first, known);
  }
  for (const known of lengths.values()) known.sort((a, b) => b - a);
  const listTokens = names.map((n) => `${LOOKUP_MARK}list:${n}`);

  const bounded = (text: string, start: number, end: number) =>
    !(LATIN_WORD_RE.test(text[start] as string) && LATIN_WORD_RE.test(text[start - 1] ?? ' ')) &&
    !(LATIN_WORD_RE.test(text[end - 1] as string) && LATIN_WORD_RE.test(text[end] ?? ' '));

  return {
    tokens(text) {
      if (lists.size === 0) return [];
      const s = normalizeLookupText(text);
      const found = new Set<number>();
      let i = 0;
      while (i < s.length) {
        let matched = 1;
        for (const n of lengths.get(s[i] as string) ?? []) {
          const hit = i + n <= s.length ? lists.get(s.slice(i, i + n)) : undefined;
          if (hit === undefined || !bounded(s, i, i + n)) continue;
          for (const list of hit) found.add(list);
          matched = n;
          break;
        }
        i += matched;
      }
      return [...found].sort((a, b) => a - b).map((k) => listTokens[k] as string);
    },
  };
}
