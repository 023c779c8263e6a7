import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { profileFromEld, readEldData, SHIPPED_TOPS } from '../../scripts/build-latin-ngrams.ts';
import { FIRST_UNDECLARED_LATIN, MORE_UNDECLARED_LATIN } from '../testing/undeclared-latin-samples.ts';
import { getLatinProposer } from './latin-ngram-profile.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** The app's own modules `entry` reaches through static imports, and every other specifier they import. */
function importGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files = [entry];
  const packages = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    const source = readFileSync(files[i]!, 'utf8');
    for (const [, spec] of source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
      if (!spec!.startsWith('.')) packages.add(spec!);
      else if (!files.includes(resolve(dirname(files[i]!), spec!)))
        files.push(resolve(dirname(files[i]!), spec!));
    }
  }
  return { files, packages };
}

describe('the n-gram profile of the undeclared-language check', () => {
  it("names each language as eld does for a message in it, among the profile's languages", () => {
    const propose = getLatinProposer();
    for (const [text, language] of [
      ...FIRST_UNDECLARED_LATIN,
      // eld has Malay, not Indonesian (latin-undeclared.ts tells them apart).
      ...MORE_UNDECLARED_LATIN.map(([t, l]) => [t, l === 'id' ? 'ms' : l] as const),
      ['My card has still not arrived', 'en'],
      ['Mi tarjeta todavía no ha llegado', 'es'],
    ])
      expect(propose(text), text).toBe(language);
    expect(propose('12345 !!')).toBeUndefined();
  });

  it("keeps eld's 60-language database out of the chat: message-language.ts reaches no detection package", () => {
    // eld/small cost a Node process about 150 MB and the offline chat 465 KB gzipped; the profile is 284 KB of JSON.
    const { files, packages } = importGraph(join(here, 'message-language.ts'));
    expect([...packages].filter((p) => /^(eld|franc|tinyld|cld)/.test(p))).toEqual([]);
    const json = files.filter((f) => f.endsWith('.json')).map((f) => readFileSync(f).length);
    expect(json.reduce((a, b) => a + b, 0)).toBeLessThan(300_000);
  });

  it('is what scripts/build-latin-ngrams.ts rebuilds from eld (its source and license recorded)', async () => {
    const rebuilt = await profileFromEld(await readEldData(), SHIPPED_TOPS);
    const committed = JSON.parse(readFileSync(join(here, 'latin-ngrams.json'), 'utf8'));
    expect(committed).toEqual(rebuilt);
    expect(committed.license).toMatch(/Apache-2\.0/);
  });
});
