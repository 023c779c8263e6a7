// Word segmentation for every script: spaces where a script has them, ICU's word segmenter (Intl.Segmenter) where not.

// Scripts written without spaces between words. Korean uses spaces, so Hangul is not here.
const UNSPACED =
  '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}';
const UNSPACED_RE = new RegExp(`[${UNSPACED}]`, 'u');
const UNSPACED_START_RE = new RegExp(`^[${UNSPACED}]`, 'u');
const KANA_RE = /[\p{sc=Hiragana}\p{sc=Katakana}]/u;
const THAI_RE = /\p{sc=Thai}/u;
const LAO_RE = /\p{sc=Lao}/u;
const KHMER_RE = /\p{sc=Khmer}/u;
const MYANMAR_RE = /\p{sc=Myanmar}/u;

// One segmenter per locale, built on first use: constructing one costs far more than segmenting a message.
const segmenters = new Map<string, Intl.Segmenter>();

function getSegmenter(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/** The locale whose dictionary segments this chunk: kana means Japanese, Han alone Chinese. */
function localeOf(chunk: string): string {
  if (KANA_RE.test(chunk)) return 'ja';
  if (THAI_RE.test(chunk)) return 'th';
  if (LAO_RE.test(chunk)) return 'lo';
  if (KHMER_RE.test(chunk)) return 'km';
  if (MYANMAR_RE.test(chunk)) return 'my';
  return 'zh';
}

/** True when the text holds a letter of a script written without spaces (Chinese, Japanese, Thai, ...). */
export function hasUnspacedScript(text: string): boolean {
  return UNSPACED_RE.test(text);
}

/** True when the word starts with a letter of a script written without spaces (its char n-grams span words). */
export function isUnspacedWord(word: string): boolean {
  return UNSPACED_START_RE.test(word);
}

/**
 * Words of already cleaned text (lower case, punctuation gone, single spaces). Chunks holding Chinese, Japanese,
 * Thai, Lao, Khmer or Burmese are cut by ICU's dictionary segmenter, so mixed text such as "我的visa卡" gives
 * "我的", "visa", "卡".
 *
 * @example segmentWords("我的visa卡被锁了") // ["我的", "visa", "卡", "被", "锁", "了"]
 */
export function segmentWords(cleaned: string): string[] {
  if (cleaned.length === 0) return [];
  const words: string[] = [];
  for (const chunk of cleaned.split(' ')) {
    if (!UNSPACED_RE.test(chunk)) {
      words.push(chunk);
      continue;
    }
    for (const part of getSegmenter(localeOf(chunk)).segment(chunk)) {
      // Cleaning left only letters, digits and marks, so a non-word-like segment is a stray mark: drop it.
      if (part.isWordLike === true) words.push(part.segment);
    }
  }
  return words;
}
