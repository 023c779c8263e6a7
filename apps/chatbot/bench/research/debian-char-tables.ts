// Character tables from Debian's Chinese data not used before (issue 11, 1 Dec 2026), each also written beside the
// shipped table (its two halves and the new one side by side, each unit length) for lm-candidates.ts's
// "app, char table <name>+shipped <w>": Unihan's definitions, running text (manpages-zh, fortunes-zh's poems),
// Google Pinyin's word list (rime-data-pinyin-simp), and the shipped table without its Latin letters and digits.
// Usage: tsx bench/research/debian-char-tables.ts [--out=/tmp/smplex-tables] [--only=name,name]
// (apt-get install unicode-data manpages-zh fortunes-zh rime-data-pinyin-simp)
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRng } from '@suite/shared/ml';
import { fitCharEmbeddings, type CharEmbeddingState } from '../../src/nlp/char-embeddings.ts';
import { encodeCharTable } from '../../src/nlp/char-table.ts';
import { getShippedCharTable } from '../../src/nlp/shipped-char-table.ts';
import { flag, report } from '../intent-data.ts';
import { saveTable, wordListTable } from './lm-char-tables.ts';
import { besideShipped, unihanTable } from './unihan-table.ts';

const hanRuns = (text: string): string[] => text.match(/\p{Script=Han}+/gu) ?? [];
const textTable = (text: string): CharEmbeddingState =>
  fitCharEmbeddings(hanRuns(text), { dim: 32, window: 2 }, createRng(7)).state;

/** The shipped table's rows of Han and kana characters only (it also holds 26 Latin letters, γ, 1 and 4). */
function hanOnlyShipped(): Uint8Array {
  const { table } = getShippedCharTable();
  const chars = [...table.chars];
  const keep = chars.flatMap((c, i) =>
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(c) ? [i] : [],
  );
  const codes = new Int8Array(keep.length * table.dim);
  keep.forEach((r, i) => codes.set(table.codes.subarray(r * table.dim, (r + 1) * table.dim), i * table.dim));
  return encodeCharTable({
    ...table,
    name: `${table.name}-han`,
    chars: keep.map((i) => chars[i]).join(''),
    codes,
  });
}

const out = flag('out', '/tmp/smplex-tables');
const only = flag('only', '');
mkdirSync(out, { recursive: true });
const builds: Record<string, [string, () => CharEmbeddingState]> = {
  unihan: [
    'unicode-data 15.0.0 Unihan kDefinition (Unicode licence)',
    () => unihanTable({ dim: 32, radical: 0, variants: true }),
  ],
  'unihan-radical': [
    'the same + kRSUnicode radicals',
    () => unihanTable({ dim: 32, radical: 1, variants: true }),
  ],
  manpages: [
    'manpages-zh 1.6.4.0 zh_CN pages (GFDL-1.2+)',
    () =>
      textTable(
        execSync("find /usr/share/man/zh_CN -name '*.gz' -exec zcat {} +", { maxBuffer: 1 << 28 }).toString(
          'utf8',
        ),
      ),
  ],
  poems: [
    'fortunes-zh 2.98 tang300 + song100 (GPL-3+)',
    () =>
      textTable(
        ['tang300', 'song100'].map((f) => readFileSync(`/usr/share/games/fortunes/${f}`, 'utf8')).join('\n'),
      ),
  ],
  'pinyin-simp': [
    'rime-data-pinyin-simp (Google Pinyin word list, Apache-2.0)',
    () => {
      const lines = readFileSync('/usr/share/rime-data/build/pinyin_simp.table.txt', 'utf8').split('\n');
      const words = lines.map((l) => l.split('\t')[0] ?? '').filter((w) => /^\p{Script=Han}{2,}$/u.test(w));
      return wordListTable([...new Set(words)]);
    },
  ],
};
if (only === '' || only.split(',').includes('hanonly')) writeFileSync(`${out}/hanonly.bin`, hanOnlyShipped());
for (const [name, [source, build]] of Object.entries(builds)) {
  if (only !== '' && !only.split(',').includes(name)) continue;
  const c0 = process.cpuUsage();
  const s = build();
  const c1 = process.cpuUsage(c0);
  saveTable(out, name, source, s);
  writeFileSync(`${out}/${name}+shipped.bin`, besideShipped(s, `${name}+shipped`));
  report({
    table: name,
    chars: [...s.chars].length,
    dim: s.dim,
    cpuS: Number(((c1.user + c1.system) / 1e6).toFixed(2)),
    load1: Number(loadavg()[0]!.toFixed(1)),
  });
}
