// Writes src/nlp/latin-ngrams.json: for a few Latin-script languages, the strongest of Nito-ELD's n-grams (npm eld
// 2.1.0, `small` database, Apache-2.0, copyright 2023 Nito T.M.) with their weights, so the app scores messages as eld
// does without loading eld's 60-language database (1.6 MB of source, about 150 MB of a Node process's memory).
// Usage: tsx scripts/build-latin-ngrams.ts [--languages=en,es,fr,de,it,pt,nl] [--top=2000] [--check]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LatinNgramProfile } from '../src/nlp/latin-ngram-profile.ts';

interface EldData {
  type: string;
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
}

/** The languages and n-grams per language chosen on the tuning half (bench/RESULTS.md, 1 Dec 15:00). */
export const SHIPPED_LANGUAGES = ['en', 'es', 'fr', 'de', 'it', 'pt', 'nl'];
export const SHIPPED_TOP = 2000;

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

/** The `top` heaviest n-grams of each of `languages` in eld's database `data`, as a profile. */
export async function profileFromEld(
  data: EldData,
  languages: readonly string[],
  top: number,
): Promise<LatinNgramProfile> {
  const index = new Map(Object.entries(data.languages).map(([i, code]) => [code, i]));
  const out: Record<string, string> = {};
  for (const code of languages) {
    const i = index.get(code);
    if (i === undefined) throw new Error(`eld has no language ${code}`);
    const grams = Object.entries(data.ngrams)
      .filter(([, weights]) => weights[i] !== undefined)
      .map(([gram, weights]): [string, number] => [gram, weights[i]!])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, top);
    // Sorted as strings, for the app's binary search (latin-ngram-profile.ts).
    out[code] = grams
      .map(([gram, w]) => `${gram}\t${w}`)
      .sort()
      .join('\n');
  }
  return {
    source: `npm eld 2.1.0, database ${data.type}: the ${top} heaviest n-grams of each language (scripts/build-latin-ngrams.ts)`,
    license:
      'Apache-2.0, copyright 2023 Nito T.M. (https://github.com/nitotm/efficient-language-detector-js)',
    base: 53,
    byteChars: await readByteChars(),
    languages: out,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const languages = arg('languages')?.split(',') ?? SHIPPED_LANGUAGES;
  const profile = await profileFromEld(await readEldData(), languages, Number(arg('top') ?? SHIPPED_TOP));
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
