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

// Per UTF-16 code unit, whether LATIN_WORD_RE holds (2) or not (1), found on first use: the regex costs about a
// microsecond, and a Chinese message would pay it at every character.
const LATIN_UNITS = new Uint8Array(0x10000);

function isLatinWordUnit(code: number): boolean {
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  let known = LATIN_UNITS[code] as number;
  if (known === 0) LATIN_UNITS[code] = known = LATIN_WORD_RE.test(String.fromCharCode(code)) ? 2 : 1;
  return known === 2;
}

/** A node of the entries' trie: the next character's node, and the lists of the entry ending here. */
interface TrieNode {
  next: Map<number, TrieNode>;
  lists?: number[];
}

/**
 * Compiles tables into a matcher. Matching runs left to right taking the longest entry that starts at each
 * position (matches do not overlap); an entry that starts or ends with a Latin letter or digit matches only between
 * word boundaries ("qq" not inside "qqq"). An entry in several lists marks each of them. The entries form a trie
 * walked from each position, so a message costs at most its length times the longest entry (100 characters once
 * normalised), however many entries share a beginning.
 *
 * @example createLookupMatcher({ app: ["微信"] }).tokens("打开微信") // ["\u0005list:app"]
 */
export function createLookupMatcher(tables: LookupTables): LookupMatcher {
  const names = Object.keys(tables).sort();
  const root: TrieNode = { next: new Map() };
  let size = 0;
  names.forEach((name, i) => {
    for (const raw of tables[name] ?? []) {
      const entry = normalizeLookupText(raw);
      if (entry === '') continue;
      let node = root;
      // By UTF-16 code unit, as the walk reads the message.
      for (let k = 0; k < entry.length; k++) {
        let child = node.next.get(entry.charCodeAt(k));
        if (child === undefined) node.next.set(entry.charCodeAt(k), (child = { next: new Map() }));
        node = child;
      }
      if (node.lists === undefined) [node.lists, size] = [[i], size + 1];
      else if (!node.lists.includes(i)) node.lists.push(i);
    }
  });
  const listTokens = names.map((n) => `${LOOKUP_MARK}list:${n}`);

  return {
    tokens(text) {
      if (size === 0) return [];
      const s = normalizeLookupText(text);
      const latin = (k: number) => k < s.length && isLatinWordUnit(s.charCodeAt(k));
      const found = new Set<number>();
      let i = 0;
      while (i < s.length) {
        let end = i + 1;
        // Inside a Latin word no entry starts that begins with a Latin letter; others may ("qq号" then "号").
        const midWord = i > 0 && latin(i) && latin(i - 1);
        let hit: number[] | undefined;
        let node: TrieNode | undefined = midWord ? undefined : root;
        for (let j = i; node !== undefined && j < s.length; j++) {
          node = node.next.get(s.charCodeAt(j));
          if (node?.lists !== undefined && !(latin(j) && latin(j + 1))) [hit, end] = [node.lists, j + 1];
        }
        if (hit !== undefined) for (const list of hit) found.add(list);
        i = end;
      }
      return [...found].sort((a, b) => a - b).map((k) => listTokens[k] as string);
    },
  };
}
