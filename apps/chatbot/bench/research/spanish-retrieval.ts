// Retrieval (BM25 over the default demo) with Spanish texts stemmed by Snowball's Spanish stemmer, against the rules
// before (Porter's English stemmer on every word once the base declares English). Chosen on train data: each demo
// example left out of the index in turn, and Banking77 train.csv's messages of the 33 intents the demo answers
// (fixtures/banking77-to-demo.json); `--test` instead reads es-smoke.json's 43 held-out phrasings once.
// Usage: tsx bench/research/spanish-retrieval.ts [--test]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stemmer } from 'stemmer';
import { getDemoKnowledgeBase, type DemoLanguage } from '../../src/kb/demo-knowledge-bases.ts';
import { createFaqRetriever } from '../../src/kb/faq-retriever.ts';
import type { KnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { getLanguageEvidence } from '../../src/kb/language-evidence.ts';
import { detectLanguage } from '../../src/nlp/language-detection.ts';
import { termRulesFor, type TermRules } from '../../src/nlp/language-terms.ts';
import { dataDir, readIntentCsv, report } from '../intent-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
// The rules before: Porter on every a-z word of a base declaring English, whatever the text's language.
const BEFORE: TermRules = { stem: (w) => (/^[a-z]+$/.test(w) ? stemmer(w) : w), stopWords: new Set() };
const RULES: Record<string, (kb: KnowledgeBase) => TermRules> = {
  'Porter on every word (before)': (kb) => (kb.languages.includes('en') ? BEFORE : termRulesFor(['zh'])),
  'Snowball on Spanish texts (after)': (kb) => termRulesFor(kb.languages),
};
const round = (x: number) => Number(x.toFixed(4));

interface Row {
  text: string;
  intent: string;
}

/** Top-1 and top-3 share of `rows` retrieved right, each scored against `indexFor(row)`'s knowledge base. */
function score(
  rows: readonly Row[],
  kbFor: (row: Row) => KnowledgeBase,
  rules: (kb: KnowledgeBase) => TermRules,
) {
  let top1 = 0;
  let top3 = 0;
  let cached: { kb: KnowledgeBase; retriever: ReturnType<typeof createFaqRetriever> } | undefined;
  for (const row of rows) {
    const kb = kbFor(row);
    if (cached?.kb !== kb)
      cached = { kb, retriever: createFaqRetriever(kb, undefined, { terms: rules(kb) }) };
    const language = detectLanguage(row.text, kb.languages, getLanguageEvidence(kb));
    const hits = cached.retriever.search(row.text, { k: 3, language });
    if (hits[0]?.id === row.intent) top1++;
    if (hits.some((h) => h.id === row.intent)) top3++;
  }
  return { rows: rows.length, top1: round(top1 / rows.length), top3: round(top3 / rows.length) };
}

/** The knowledge base without one example: the row is scored as a message the index has not seen. */
function without(kb: KnowledgeBase, row: Row): KnowledgeBase {
  const out = structuredClone(kb);
  const intent = out.intents.find((i) => i.id === row.intent)!;
  intent.examples.splice(intent.examples.indexOf(row.text), 1);
  return out;
}

const sets: Array<[DemoLanguage[], string]> = [
  [['en', 'zh', 'es'], 'default demo'],
  [['es'], 'Spanish demo alone'],
];
if (process.argv.includes('--test')) {
  const es = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'es-smoke.json'), 'utf8')) as {
    heldOut: Record<string, string[]>;
  };
  const rows = Object.entries(es.heldOut).flatMap(([intent, texts]) =>
    texts.map((text) => ({ text, intent })),
  );
  for (const [languages, name] of sets)
    for (const [variant, rules] of Object.entries(RULES)) {
      const kb = getDemoKnowledgeBase(languages);
      report({
        figure: 'es-smoke.json held-out, retrieval (test, read once)',
        kb: name,
        variant,
        ...score(rows, () => kb, rules),
      });
    }
} else {
  const { map } = JSON.parse(
    readFileSync(join(here, '..', 'fixtures', 'banking77-to-demo.json'), 'utf8'),
  ) as {
    map: Record<string, string>;
  };
  const banking = readIntentCsv(join(dataDir(), 'banking77', 'train.csv'))
    .filter((r) => map[r.intent] !== undefined)
    .map((r) => ({ text: r.text, intent: map[r.intent] as string }));
  for (const [languages, name] of sets) {
    const kb = getDemoKnowledgeBase(languages);
    const examples = (language: DemoLanguage) =>
      getDemoKnowledgeBase([language]).intents.flatMap((i) =>
        i.examples.map((text) => ({ text, intent: i.id })),
      );
    const validation: Array<[string, Row[], (row: Row) => KnowledgeBase]> = [
      ['Spanish demo examples, each left out', examples('es'), (row) => without(kb, row)],
      ...(languages.includes('en')
        ? ([
            ['English demo examples, each left out', examples('en'), (row: Row) => without(kb, row)],
            ['Banking77 train.csv, covered intents', banking, () => kb],
          ] as Array<[string, Row[], (row: Row) => KnowledgeBase]>)
        : []),
    ];
    for (const [set, rows, kbFor] of validation)
      for (const [variant, rules] of Object.entries(RULES))
        report({
          figure: 'retrieval right (validation)',
          kb: name,
          set,
          variant,
          ...score(rows, kbFor, rules),
          load1: Number(loadavg()[0]!.toFixed(1)),
        });
  }
}
