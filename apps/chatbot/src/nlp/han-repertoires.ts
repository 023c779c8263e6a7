// Which Han characters Japanese writes and Chinese does not, and the reverse, from the national character sets
// (JIS X 0208, GB 2312, Big5) as the platform's own TextDecoder knows them: a kanji-only message has no kana to
// say it is Japanese, but 変, 込 or 発 do, as 账, 转 or 还 say Chinese.

interface Repertoires {
  jis: ReadonlySet<string>;
  gb: ReadonlySet<string>;
  big5: ReadonlySet<string>;
}

/** Evidence for each language in a message's Han characters: strong counts decide, weak ones break a tie. */
export interface HanEvidence {
  /** Characters of JIS X 0208 in neither GB 2312 nor Big5: Japanese forms (変, 込, 発, 続). */
  japanese: number;
  /** Characters of GB 2312 or Big5 outside JIS X 0208: Chinese forms, simplified or traditional (账, 还, 戶). */
  chinese: number;
  /** Characters of JIS X 0208 outside GB 2312 (証, 銀): Japanese or traditional Chinese, never simplified. */
  notSimplified: number;
}

type Range = readonly [number, number];

/** The Han characters of a double-byte character set, decoded from every lead/trail byte pair in the ranges. */
function hanOf(encoding: string, leads: readonly Range[], trails: readonly Range[]): Set<string> {
  const bytes: number[] = [];
  for (const [l0, l1] of leads)
    for (let l = l0; l <= l1; l++)
      for (const [t0, t1] of trails) for (let t = t0; t <= t1; t++) bytes.push(l, t);
  const text = new TextDecoder(encoding).decode(Uint8Array.from(bytes));
  return new Set([...text].filter((c) => /\p{sc=Han}/u.test(c)));
}

let repertoires: Repertoires | undefined;

// Built on the first Han message that needs them (tens of milliseconds).
function getRepertoires(): Repertoires {
  repertoires ??= {
    // Shift_JIS kanji rows (JIS X 0208 levels 1 and 2), GBK's GB 2312 hanzi rows, Big5's two hanzi blocks.
    jis: hanOf(
      'shift_jis',
      [
        [0x88, 0x9f],
        [0xe0, 0xea],
      ],
      [
        [0x40, 0x7e],
        [0x80, 0xfc],
      ],
    ),
    gb: hanOf('gbk', [[0xb0, 0xf7]], [[0xa1, 0xfe]]),
    big5: hanOf(
      'big5',
      [
        [0xa4, 0xc6],
        [0xc9, 0xf9],
      ],
      [
        [0x40, 0x7e],
        [0xa1, 0xfe],
      ],
    ),
  };
  return repertoires;
}

/**
 * Counts the Han characters of `text` that only Japanese, or only Chinese, writes that way.
 *
 * @example hanEvidence('暗証番号変更') // {japanese: 1, chinese: 0, notSimplified: 2}
 */
export function hanEvidence(text: string): HanEvidence {
  const { jis, gb, big5 } = getRepertoires();
  const evidence = { japanese: 0, chinese: 0, notSimplified: 0 };
  for (const c of text) {
    if (!/\p{sc=Han}/u.test(c)) continue;
    const inJis = jis.has(c);
    const inGb = gb.has(c);
    if (inJis && !inGb && !big5.has(c)) evidence.japanese++;
    if (!inJis && (inGb || big5.has(c))) evidence.chinese++;
    if (inJis && !inGb) evidence.notSimplified++;
  }
  return evidence;
}
