// Rebuilds data/char-table.bin from jieba's dictionary as Debian ships it (apt-get install python3-jieba), or checks
// that the committed file is what the package rebuilds (--check).
// Usage: tsx scripts/build-char-table.ts [--dict=/usr/lib/python3/dist-packages/jieba/dict.txt] [--check]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeCharTable } from '../src/nlp/char-table.ts';
import { SHIPPED_CHAR_TABLE } from '../src/nlp/shipped-char-table.ts';
import { charTableFromWordList, JIEBA_TABLE } from '../src/nlp/word-list-char-table.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const dict = arg('dict') ?? '/usr/lib/python3/dist-packages/jieba/dict.txt';
const out = join(dirname(fileURLToPath(import.meta.url)), '..', SHIPPED_CHAR_TABLE);
const text = readFileSync(dict, 'utf8');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const c0 = process.cpuUsage();
const table = charTableFromWordList(text, {
  ...JIEBA_TABLE,
  name: 'jieba-0.42.1-dict-ppmi32',
  source:
    "PPMI-SVD (k 32, window 3) of the words in jieba 0.42.1's dict.txt (Debian python3-jieba 0.42.1-3, sha256 " +
    `${sha(new TextEncoder().encode(text)).slice(0, 16)}...), MIT (Expat), Copyright 2012-2017 Sun Junyi`,
});
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
