// Cyrillic and Arabic-script messages to a knowledge base declaring one language of their script: Ukrainian,
// Belarusian, Bulgarian, Serbian, Macedonian, Kazakh to a Russian base, Persian and Urdu to an Arabic one, which must
// be named (the notice), and Russian and Arabic customers, who must keep their language (false alarms). Sets:
// fixtures/undeclared-names-2.json (written at 23:00 on 1 Dec; `tune`, and `heldOut` with --held-out) and the
// Cyrillic and Arabic-script messages of undeclared-names.json (tune, and heldOut with --held-out; written at 19:55).
// Each base alone and beside English. Prints per set and base the confusion, named right and given the notice at all.
// Usage: tsx bench/script-undeclared.ts [--held-out]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectMessageLanguage } from '../src/nlp/message-language.ts';
import { report } from './intent-data.ts';
import { namingSets } from './latin-sets.ts';

const here = dirname(fileURLToPath(import.meta.url));
type Group = Record<string, string[]>;
const second = JSON.parse(readFileSync(join(here, 'fixtures', 'undeclared-names-2.json'), 'utf8')) as Record<
  'tune' | 'heldOut',
  { cyrillic: Group; arabic: Group }
>;
const first = namingSets();
const heldOut = process.argv.includes('--held-out');

const CYRILLIC = ['ru', 'uk', 'be', 'bg', 'sr', 'mk', 'kk'];
const ARABIC = ['ar', 'fa', 'ur'];
const pick = (group: Record<string, string[]>, languages: readonly string[]) =>
  Object.fromEntries(languages.map((l) => [l, group[l] ?? []]));

const sets: Array<[string, Group, string]> = [
  ['names-2 tune', second.tune.cyrillic, 'ru'],
  ['names-2 tune', second.tune.arabic, 'ar'],
  ...(heldOut
    ? ([
        ['names-2 heldOut', second.heldOut.cyrillic, 'ru'],
        ['names-2 heldOut', second.heldOut.arabic, 'ar'],
      ] as Array<[string, Group, string]>)
    : []),
  ['names (19:55) tune', pick(first.tune, CYRILLIC), 'ru'],
  ['names (19:55) tune', pick(first.tune, ARABIC), 'ar'],
  ...(heldOut
    ? ([
        ['names (19:55) heldOut', pick(first.heldOut, CYRILLIC), 'ru'],
        ['names (19:55) heldOut', pick(first.heldOut, ARABIC), 'ar'],
      ] as Array<[string, Group, string]>)
    : []),
];

for (const [name, group, base] of sets)
  for (const languages of [[base], ['en', base]]) {
    const total = { rows: 0, named: 0, noticed: 0, falseAlarms: 0, ownRows: 0 };
    for (const [language, texts] of Object.entries(group)) {
      const got = texts.map((t) => detectMessageLanguage(t, languages));
      const confusion: Record<string, number> = {};
      for (const g of got) {
        const key = g === undefined ? 'none' : g.declared ? `${g.language} (declared)` : g.language;
        confusion[key] = (confusion[key] ?? 0) + 1;
      }
      const noticed = got.filter((g) => g !== undefined && !g.declared).length;
      const named = got.filter((g) => g?.language === language && !g.declared).length;
      const wrong = texts.filter((_, i) =>
        language === base ? got[i]?.declared === false : got[i]?.language !== language,
      );
      report({
        set: name,
        declared: languages,
        language,
        rows: texts.length,
        named,
        noticed,
        confusion,
        wrong: wrong.slice(0, 6),
      });
      if (language === base) [total.ownRows, total.falseAlarms] = [texts.length, noticed];
      else
        [total.rows, total.named, total.noticed] = [
          total.rows + texts.length,
          total.named + named,
          total.noticed + noticed,
        ];
    }
    report({
      figure: 'named right / given the notice; false alarms',
      set: name,
      declared: languages,
      ...total,
      load1: Number(loadavg()[0]!.toFixed(1)),
    });
  }
