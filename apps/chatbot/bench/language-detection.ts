// How often a message is answered in its own language when a knowledge base declares Chinese and Japanese: real
// Chinese messages (SMP2018 test.csv) and the project-written Japanese smoke set and kanji-only requests, each with
// either language declared first (so "nothing tells" answers in the first), by the script rules alone (before) and
// with the knowledge base's own texts as evidence (after: the demo Chinese knowledge base merged with the Japanese
// smoke set's, as a deployment serving both would have). Also the CPU cost per message.
// Usage: tsx bench/language-detection.ts
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDemoKnowledgeBase } from '../src/kb/demo-knowledge-bases.ts';
import { parseKnowledgeBase, type KnowledgeBase } from '../src/kb/knowledge-base.ts';
import { getLanguageEvidence } from '../src/kb/language-evidence.ts';
import { mergeKnowledgeBases } from '../src/kb/merge-knowledge-bases.ts';
import { detectLanguage, type LanguageEvidence } from '../src/nlp/language-detection.ts';
import { dataDir, readIntentCsv, report } from './intent-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const KANA = /[\p{sc=Hiragana}\p{sc=Katakana}]/u;
const share = (hits: number, rows: number) => Number((hits / rows).toFixed(4));
const fixture = (name: string) => JSON.parse(readFileSync(join(here, 'fixtures', name), 'utf8'));

const ja = fixture('ja-smoke.json') as {
  knowledgeBase: KnowledgeBase;
  heldOut: Record<string, string[]>;
};
const japaneseKb = parseKnowledgeBase(ja.knowledgeBase);
const chineseKb = getDemoKnowledgeBase(['zh']);
const kbs: Record<string, KnowledgeBase> = {
  'zh,ja': parseKnowledgeBase(mergeKnowledgeBases([chineseKb, japaneseKb])),
  'ja,zh': parseKnowledgeBase(mergeKnowledgeBases([japaneseKb, chineseKb])),
};

// CPU microseconds per message over `rounds` passes, after one uncounted pass (lazy builds, JIT warm-up).
function cpuMicros(texts: readonly string[], run: (t: string) => unknown, rounds = 5): number {
  for (const t of texts) run(t);
  const start = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const t of texts) run(t);
  const used = process.cpuUsage(start);
  return Number(((used.user + used.system) / (rounds * texts.length)).toFixed(1));
}

function measure(name: string, texts: readonly string[], language: string): void {
  for (const [order, kb] of Object.entries(kbs)) {
    const declared = kb.languages;
    const variants: Record<string, LanguageEvidence> = {
      'script rules (before)': {},
      'script rules + knowledge-base texts (after)': getLanguageEvidence(kb),
    };
    for (const [variant, evidence] of Object.entries(variants)) {
      const hits = texts.filter((t) => detectLanguage(t, declared, evidence) === language).length;
      report({
        figure: 'answered in its own language',
        set: name,
        declared: order,
        variant,
        language,
        rows: texts.length,
        detected: share(hits, texts.length),
        cpuMicrosPerMessage: cpuMicros(texts, (t) => detectLanguage(t, declared, evidence)),
        load1: Number(loadavg()[0]!.toFixed(1)),
      });
    }
  }
}

const smp = readIntentCsv(join(dataDir(), 'smp2018', 'test.csv')).map((r) => r.text);
measure('SMP2018 test.csv (Chinese users)', smp, 'zh');
const jaTexts = [...japaneseKb.intents.flatMap((i) => i.examples), ...Object.values(ja.heldOut).flat()];
measure('ja-smoke.json, every row (written by the project)', jaTexts, 'ja');
const kanjiOnly = fixture('ja-kanji-only.json') as { texts: string[] };
if (kanjiOnly.texts.some((t) => KANA.test(t))) throw new Error('ja-kanji-only.json has a row with kana');
measure('ja-kanji-only.json (written by the project)', kanjiOnly.texts, 'ja');

const han = getLanguageEvidence(kbs['zh,ja']!).han!;
report({
  figure: "the knowledge-base texts' score alone, per message (SMP2018 test.csv)",
  cpuMicrosPerMessage: cpuMicros(smp, (t) => han.score(t), 20),
  load1: Number(loadavg()[0]!.toFixed(1)),
});

const build = process.cpuUsage();
const fresh = parseKnowledgeBase(mergeKnowledgeBases([chineseKb, japaneseKb]));
getLanguageEvidence(fresh);
const built = process.cpuUsage(build);
report({
  figure: 'building the evidence once per knowledge base (zh demo + ja smoke)',
  cpuMillis: Number(((built.user + built.system) / 1000).toFixed(2)),
  load1: Number(loadavg()[0]!.toFixed(1)),
});
