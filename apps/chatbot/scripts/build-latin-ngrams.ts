// Writes src/nlp/latin-ngrams.json: for eld's Latin-script languages, the strongest of Nito-ELD's n-grams (npm eld
// 2.1.0, `small` database, Apache-2.0, copyright 2023 Nito T.M.) with their weights, so the app scores messages as eld
// does without loading eld's 60-language database (1.6 MB of source, about 150 MB of a Node process's memory).
// Usage: tsx scripts/build-latin-ngrams.ts [--top=2000] [--top-others=N] [--check]: the top n-grams of the seven
// first languages (en es fr de it pt nl) and of the others.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LatinNgramProfile } from '../src/nlp/latin-ngram-profile.ts';

interface EldData {
  type: string;
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
}

/** eld's Latin-script languages, the seven the profile first held first (their order is the profile's). */
export const ELD_LATIN = [
  ...['en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'az', 'ca', 'cs', 'da', 'et', 'eu', 'fi', 'hr', 'hu'],
  ...['is', 'lt', 'lv', 'ms', 'no', 'pl', 'ro', 'sk', 'sl', 'sq', 'sv', 'tl', 'tr', 'vi', 'yo'],
];

/** n-grams per language: `top` for the first seven, `others` for the rest (0 leaves a language out). */
export function topsOf(top: number, others: number): Record<string, number> {
  return Object.fromEntries(
    ELD_LATIN.map((code, i) => [code, i < 7 ? top : others]).filter(([, n]) => (n as number) > 0),
  );
}

/** The n-grams per language chosen on the tuning sets (bench/RESULTS.md, 1 Dec). */
export const SHIPPED_TOPS = topsOf(2000, 500);

// eld's data files are not in its package's exports: found by path, in the nearest node_modules holding eld.
function eldFile(file: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const path = join(dir, 'node_modules', 'eld', 'src', file);
    if (existsSync(path)) return pathToFileURL(path).href;
  }
  throw new Error(`no node_modules/eld/src/${file} above ${fileURLToPath(import.meta.url)}`);
}

/** eld's own database (`small` or `extrasmall`). */
export async function readEldData(size = 'small'): Promise<EldData> {
  return ((await import(eldFile(`ngrams/${size}.js`))) as { ngramsData: EldData }).ngramsData;
}

/** eld's character for each byte 0x80-0xff, read from its dictionary module. */
async function readByteChars(): Promise<string> {
  const { dictionary } = (await import(eldFile('dictionary.js'))) as { dictionary: string[] };
  return dictionary.slice(0x80).join('');
}

/** The `tops[code]` heaviest n-grams of each language of `tops` in eld's database `data`, as a profile. */
export async function profileFromEld(
  data: EldData,
  tops: Record<string, number>,
): Promise<LatinNgramProfile> {
  const index = new Map(Object.entries(data.languages).map(([i, code]) => [code, i]));
  const languages = Object.keys(tops);
  if (languages.length > 36) throw new Error('a profile names its languages by one base-36 digit');
  const columns = languages.map((code) => {
    const i = index.get(code);
    if (i === undefined) throw new Error(`eld has no language ${code}`);
    return i;
  });
  // One pass over eld's n-grams, then each language's heaviest.
  const perLanguage = languages.map((): Array<[string, number]> => []);
  for (const [gram, weights] of Object.entries(data.ngrams))
    columns.forEach((i, k) => {
      const w = weights[i];
      if (w !== undefined) perLanguage[k]!.push([gram, w]);
    });
  const merged = new Map<string, string[]>();
  perLanguage.forEach((grams, k) => {
    grams.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [gram, w] of grams.slice(0, tops[languages[k]!])) {
      const entries = merged.get(gram) ?? [];
      entries.push(`${k.toString(36)}${w}`);
      merged.set(gram, entries);
    }
  });
  // Sorted as strings, for the app's binary search (latin-ngram-profile.ts).
  const lines = [...merged].map(([gram, entries]) => `${gram}\t${entries.join(',')}`).sort();
  return {
    source: `npm eld 2.1.0, database ${data.type}: the heaviest n-grams of each language (scripts/build-latin-ngrams.ts)`,
    license:
      'Apache-2.0, copyright 2023 Nito T.M. (https://github.com/nitotm/efficient-language-detector-js)',
    base: 53,
    byteChars: await readByteChars(),
    languages,
    top: tops,
    ngrams: lines.join('\n'),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const tops =
    arg('top') === undefined && arg('top-others') === undefined
      ? SHIPPED_TOPS
      : topsOf(Number(arg('top') ?? 2000), Number(arg('top-others') ?? 0));
  const profile = await profileFromEld(await readEldData(), tops);
  const text = `${JSON.stringify(profile, null, 2)}\n`;
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'nlp', 'latin-ngrams.json');
  if (process.argv.includes('--check')) {
    if (readFileSync(out, 'utf8') !== text)
      throw new Error(`${out} is not what eld rebuilds: run without --check`);
    console.log(`${out} is what eld rebuilds`);
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${out}: ${text.length} characters`);
  }
}
