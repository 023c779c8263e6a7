// Chooses the Chinese-or-Japanese evidence threshold and smoothing (src/nlp/han-language-model.ts) on a tuning set
// only: SMP2018's train.csv (real Chinese messages) and bench/fixtures/ja-kanji-only.tune.json (project-written
// kanji-only Japanese), with the knowledge bases a deployment would have (the demo Chinese one and the Japanese
// smoke set's), each language declared first in turn. The reported sets (SMP2018 test.csv, ja-kanji-only.json,
// ja-smoke.json) are not read. Usage: tsx bench/research/han-threshold.ts
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDemoKnowledgeBase } from '../../src/kb/demo-knowledge-bases.ts';
import { hanTextsOf } from '../../src/kb/language-evidence.ts';
import { parseKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { mergeKnowledgeBases } from '../../src/kb/merge-knowledge-bases.ts';
import { createHanLanguageModel } from '../../src/nlp/han-language-model.ts';
import { detectLanguage } from '../../src/nlp/language-detection.ts';
import { dataDir, readIntentCsv, report } from '../intent-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => JSON.parse(readFileSync(join(here, '..', 'fixtures', name), 'utf8'));

const japaneseKb = parseKnowledgeBase(fixture('ja-smoke.json').knowledgeBase);
const chineseKb = getDemoKnowledgeBase(['zh']);
const merged = parseKnowledgeBase(mergeKnowledgeBases([chineseKb, japaneseKb]));
const texts = hanTextsOf(merged)!;

const sets = [
  {
    name: 'SMP2018 train.csv',
    language: 'zh',
    texts: readIntentCsv(join(dataDir(), 'smp2018', 'train.csv')).map((r) => r.text),
  },
  {
    name: 'ja-kanji-only.tune.json',
    language: 'ja',
    texts: fixture('ja-kanji-only.tune.json').texts as string[],
  },
];
// Rows the script rules leave open: their answer is the first declared language with either order.
const open = sets.map((set) => ({
  ...set,
  rows: set.texts.length,
  open: set.texts.filter(
    (t) => detectLanguage(t, ['zh', 'ja']) === 'zh' && detectLanguage(t, ['ja', 'zh']) === 'ja',
  ),
}));
for (const set of open)
  report({
    set: set.name,
    rows: set.rows,
    openRows: set.open.length,
    chineseTexts: texts.chinese.length,
    japaneseTexts: texts.japanese.length,
  });

for (const alpha of [0.1, 0.25, 0.5, 1])
  for (const unitWeight of [0, 0.25, 0.5, 1]) {
    const model = createHanLanguageModel(texts.chinese, texts.japanese, alpha, unitWeight);
    for (const threshold of [0, 0.5, 1, 1.5, 2, 3, 4]) {
      const shares: Record<string, number> = {};
      for (const set of open)
        for (const first of ['zh', 'ja']) {
          // Rows the script rules decide are right (they are for every tuning row); an open row takes the model's
          // side when |score| is above the threshold, else the first declared language.
          const wrong = set.open.filter((t) => {
            const s = model.score(t);
            const said = s > threshold ? 'ja' : s < -threshold ? 'zh' : first;
            return said !== set.language;
          }).length;
          shares[`${set.language} set, ${first} first`] = Number((1 - wrong / set.rows).toFixed(4));
        }
      const mean = Object.values(shares).reduce((a, b) => a + b, 0) / 4;
      report({
        alpha,
        unitWeight,
        threshold,
        ...shares,
        mean: Number(mean.toFixed(4)),
        load1: Number(loadavg()[0]!.toFixed(1)),
      });
    }
  }
