// Rebuilds data/char-table.bin from the Debian packages it is derived from, or checks that the committed file is
// what the packages rebuild (--check). The shipped table joins two sources side by side: jieba's dictionary
// (`apt-get install python3-jieba`, MIT) and sunpinyin's open-gram language model (`apt-get install sunpinyin-data
// sunpinyin-utils`, CC BY-SA 3.0); `--source=jieba` or `--source=sunpinyin` builds one alone (bench/RESULTS.md,
// 30 Nov 2026, 19:50-21:00 UTC compares them).
// Usage: tsx scripts/build-char-table.ts [--source=jieba+sunpinyin|jieba|sunpinyin] [--dict=<jieba dict.txt>] [--check]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeCharTable, type CharTable } from '../src/nlp/char-table.ts';
import { joinCharTables } from '../src/nlp/joined-char-table.ts';
import { charTableFromWordPairs, SUNPINYIN_TABLE } from '../src/nlp/neighbour-char-table.ts';
import { SHIPPED_CHAR_TABLE } from '../src/nlp/shipped-char-table.ts';
import { charTableFromWordList, JIEBA_TABLE } from '../src/nlp/word-list-char-table.ts';
import { readSunpinyinModel, SUNPINYIN_DIR } from './sunpinyin-model.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const out = join(dirname(fileURLToPath(import.meta.url)), '..', SHIPPED_CHAR_TABLE);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const fileSha = (file: string) => sha(new Uint8Array(readFileSync(file))).slice(0, 16);

const builds: Record<string, () => CharTable> = {
  sunpinyin: () =>
    charTableFromWordPairs(readSunpinyinModel(), {
      ...SUNPINYIN_TABLE,
      name: 'sunpinyin-0.1.22-opengram-neighbours-ppmi32',
      source:
        'PPMI-SVD (k 32) of characters against the words before and after their words in the bigrams of the ' +
        'open-gram language model (Debian sunpinyin-data 0.1.22+20170109-2: lm_sc.t3g sha256 ' +
        `${fileSha(`${SUNPINYIN_DIR}/lm_sc.t3g`)}..., pydict_sc.bin sha256 ${fileSha(`${SUNPINYIN_DIR}/pydict_sc.bin`)}...), ` +
        'CC BY-SA 3.0, Copyright 1997-2010 MDBG, 2010 Kov Chai, virus huo, Tinyfool; this table is CC BY-SA 3.0 too',
    }),
  jieba: () => {
    const dict = arg('dict') ?? '/usr/lib/python3/dist-packages/jieba/dict.txt';
    return charTableFromWordList(readFileSync(dict, 'utf8'), {
      ...JIEBA_TABLE,
      name: 'jieba-0.42.1-dict-ppmi32',
      source:
        "PPMI-SVD (k 32, window 3) of the words in jieba 0.42.1's dict.txt (Debian python3-jieba 0.42.1-3, sha256 " +
        `${fileSha(dict)}...), MIT (Expat), Copyright 2012-2017 Sun Junyi`,
    });
  },
};

builds['jieba+sunpinyin'] = () => {
  const a = (builds.jieba as () => CharTable)();
  const b = (builds.sunpinyin as () => CharTable)();
  return joinCharTables(
    a,
    b,
    'jieba-0.42.1+sunpinyin-0.1.22-ppmi32x2',
    `Two tables side by side, each row's halves unit length. Values 1-32: ${a.source}. Values 33-64: ${b.source}.`,
  );
};

const source = arg('source') ?? 'jieba+sunpinyin';
const build = builds[source];
if (build === undefined) throw new Error(`--source: one of ${Object.keys(builds).join(', ')}`);
const c0 = process.cpuUsage();
const table = build();
const bytes = encodeCharTable(table);
const c1 = process.cpuUsage(c0);
const summary = {
  table: table.name,
  characters: [...table.chars].length,
  bytes: bytes.length,
  sha256: sha(bytes),
  cpuS: Number(((c1.user + c1.system) / 1e6).toFixed(2)),
};
if (process.argv.includes('--check')) {
  const committed = new Uint8Array(readFileSync(out));
  const same = committed.length === bytes.length && sha(committed) === sha(bytes);
  console.log(JSON.stringify({ ...summary, committed: sha(committed), same }));
  if (!same) process.exit(1);
} else {
  writeFileSync(out, bytes);
  console.log(JSON.stringify({ ...summary, written: out }));
}
