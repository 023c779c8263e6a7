// How often a message is answered in its own language when a knowledge base declares a rival language of the same
// script first (so "nothing tells" would answer in the rival): real Chinese messages (SMP2018 test.csv) among
// [ja, zh], and the project-written Japanese smoke set and kanji-only requests among [zh, ja].
// Usage: tsx bench/language-detection.ts
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectLanguage } from '../src/nlp/language-detection.ts';
import { dataDir, readIntentCsv, report } from './intent-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const KANA = /[\p{sc=Hiragana}\p{sc=Katakana}]/u;
const share = (hits: number, rows: number) => Number((hits / rows).toFixed(4));

function measure(name: string, texts: readonly string[], language: string, declared: string[]): void {
  const hits = texts.filter((t) => detectLanguage(t, declared) === language).length;
  report({
    figure: 'answered in its own language',
    set: name,
    declared,
    language,
    rows: texts.length,
    detected: share(hits, texts.length),
    load1: Number(loadavg()[0]!.toFixed(1)),
  });
}

const smp = readIntentCsv(join(dataDir(), 'smp2018', 'test.csv')).map((r) => r.text);
measure('SMP2018 test.csv (Chinese users)', smp, 'zh', ['ja', 'zh']);

const ja = JSON.parse(readFileSync(join(here, 'fixtures', 'ja-smoke.json'), 'utf8')) as {
  knowledgeBase: { intents: Array<{ examples: string[] }> };
  heldOut: Record<string, string[]>;
};
const jaTexts = [...ja.knowledgeBase.intents.flatMap((i) => i.examples), ...Object.values(ja.heldOut).flat()];
measure('ja-smoke.json, every row (written by the project)', jaTexts, 'ja', ['zh', 'ja']);
const kanjiOnly = JSON.parse(readFileSync(join(here, 'fixtures', 'ja-kanji-only.json'), 'utf8')) as {
  texts: string[];
};
if (kanjiOnly.texts.some((t) => KANA.test(t))) throw new Error('ja-kanji-only.json has a row with kana');
measure('ja-kanji-only.json (written by the project)', kanjiOnly.texts, 'ja', ['zh', 'ja']);
