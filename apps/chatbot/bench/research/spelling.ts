// Spelling normalisation learned from the training texts (issue 11, Banking77, 1 Dec 2026): a rare or unseen word
// is replaced by the most frequent training word within Damerau-Levenshtein (optimal string alignment) distance 1,
// found through SymSpell-style deletes. Research only: nothing outside the training texts is read.

export interface SpellingOptions {
  /** Words seen at most this often in training are corrected (0: only words training never saw). */
  maxCount: number;
  /** Words shorter than this are never corrected ("pin" and "pen", "top" and "to" are different words). */
  minLength: number;
  /** A target must be seen at least this often ... */
  minTarget: number;
  /** ... and at least `ratio` times as often as the word it replaces. */
  ratio: number;
}

export const DEFAULT_SPELLING: SpellingOptions = { maxCount: 1, minLength: 4, minTarget: 3, ratio: 5 };

/** Optimal string alignment distance of `a` and `b` capped at 2 (1 means one insertion, deletion, substitution or swap). */
export function osaDistanceCapped(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 1) return 2;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const ra = a.slice(i);
  const rb = b.slice(i);
  if (ra.length === rb.length) {
    if (ra.slice(1) === rb.slice(1)) return 1;
    if (ra.length >= 2 && ra[0] === rb[1] && ra[1] === rb[0] && ra.slice(2) === rb.slice(2)) return 1;
    return 2;
  }
  return ra.length > rb.length ? (ra.slice(1) === rb ? 1 : 2) : rb.slice(1) === ra ? 1 : 2;
}

function deletes(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Fits a corrector on tokenised training texts: returns a function mapping one word to its normalised form
 * (itself unless it is rare, long enough, not kept by `keep` (a dictionary's words), and has a much more frequent
 * neighbour at distance 1).
 */
export function fitSpelling(
  docs: readonly (readonly string[])[],
  options: Partial<SpellingOptions> = {},
  keep: (word: string) => boolean = () => false,
): (word: string) => string {
  const o = { ...DEFAULT_SPELLING, ...options };
  const counts = new Map<string, number>();
  for (const doc of docs) for (const w of doc) counts.set(w, (counts.get(w) ?? 0) + 1);
  const index = new Map<string, string[]>();
  for (const [w, c] of counts) {
    if (c < o.minTarget || w.length < o.minLength - 1 || /\d/.test(w)) continue;
    for (const d of new Set(deletes(w))) {
      const list = index.get(d);
      if (list === undefined) index.set(d, [w]);
      else list.push(w);
    }
  }
  const cache = new Map<string, string>();
  return (word) => {
    const known = cache.get(word);
    if (known !== undefined) return known;
    const c = counts.get(word) ?? 0;
    let best = word;
    if (c <= o.maxCount && word.length >= o.minLength && !/\d/.test(word) && !keep(word)) {
      const need = Math.max(o.minTarget, o.ratio * Math.max(c, 1));
      let bestCount = 0;
      for (const d of new Set(deletes(word)))
        for (const v of index.get(d) ?? []) {
          const vc = counts.get(v) as number;
          if (v === word || vc < need || vc < bestCount || (vc === bestCount && v >= best)) continue;
          if (osaDistanceCapped(word, v) !== 1) continue;
          best = v;
          bestCount = vc;
        }
    }
    cache.set(word, best);
    return best;
  };
}
