// How often a Latin-script message is answered in its own language when a knowledge base declares English and
// Spanish: English customers (Banking77 test.csv, 3,080 real messages) and Spanish ones (the project-written
// held-out set with its out-of-domain messages, and the Spanish demo's examples), with either language first (so
// "nothing tells" answers in the first) and as the default demo declares them (en, zh, es); one- and two-word
// messages cut from the same English and Spanish messages (every distinct word, every distinct pair of neighbours).
// Each by the rules alone (before) and with the knowledge base's own words (after: the demo in the declared
// languages; its own examples are scored against the vocabulary of the demo without that example). Also CPU per
// message.
// Usage: tsx bench/latin-language-detection.ts
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDemoKnowledgeBase, type DemoLanguage } from '../src/kb/demo-knowledge-bases.ts';
import { getLanguageEvidence, latinVocabularyOf } from '../src/kb/language-evidence.ts';
import { detectLanguage, type LanguageEvidence } from '../src/nlp/language-detection.ts';
import { cleanText, tokenize } from '../src/nlp/text-cleaning.ts';
import { dataDir, readIntentCsv, report } from './intent-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const share = (hits: number, rows: number) => Number((hits / rows).toFixed(4));
const banking = readIntentCsv(join(dataDir(), 'banking77', 'test.csv')).map((r) => r.text);
const es = JSON.parse(readFileSync(join(here, 'fixtures', 'es-smoke.json'), 'utf8')) as {
  heldOut: Record<string, string[]>;
  outOfDomain: string[];
};
const spanish = [...Object.values(es.heldOut).flat(), ...es.outOfDomain];
const examples = (language: 'en' | 'es') =>
  getDemoKnowledgeBase([language]).intents.flatMap((i) => i.examples);

/** Every distinct word (n = 1) or pair of neighbouring words (n = 2) of `texts`, cleaned as messages are. */
function pieces(texts: readonly string[], n: 1 | 2): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    const words = tokenize(cleanText(t));
    for (let i = 0; i + n <= words.length; i++) out.add(words.slice(i, i + n).join(' '));
  }
  return [...out];
}

// Each set, and whether its texts are the demo's own examples (scored leave-one-out in the "after" variant).
const sets: Array<[string, readonly string[], string, boolean]> = [
  ['Banking77 test.csv (English users)', banking, 'en', false],
  ['es-smoke.json held-out + out-of-domain (project)', spanish, 'es', false],
  ['English demo examples', examples('en'), 'en', true],
  ['Spanish demo examples', examples('es'), 'es', true],
  ['one word of Banking77 test.csv', pieces(banking, 1), 'en', false],
  ['one word of es-smoke.json', pieces(spanish, 1), 'es', false],
  ['two words of Banking77 test.csv', pieces(banking, 2), 'en', false],
  ['two words of es-smoke.json', pieces(spanish, 2), 'es', false],
];

/** The language each text gets with the demo's words as evidence, its own example left out of them. */
function leaveOneOut(texts: readonly string[], declared: readonly DemoLanguage[]): string[] {
  const kb = getDemoKnowledgeBase(declared);
  return texts.map((text) => {
    const without = structuredClone(kb);
    for (const intent of without.intents) {
      const at = intent.examples.indexOf(text);
      if (at >= 0) intent.examples.splice(at, 1);
    }
    const latin = latinVocabularyOf(without);
    return detectLanguage(text, declared, latin === undefined ? {} : { latin });
  });
}

const orders: DemoLanguage[][] = [
  ['en', 'es'],
  ['es', 'en'],
  ['en', 'zh', 'es'],
];
for (const declared of orders)
  for (const [set, texts, language, own] of sets)
    for (const variant of ['rules alone (before)', 'rules + knowledge-base words (after)']) {
      const after = variant.endsWith('(after)');
      const evidence: LanguageEvidence = after ? getLanguageEvidence(getDemoKnowledgeBase(declared)) : {};
      const detected =
        after && own ? leaveOneOut(texts, declared) : texts.map((t) => detectLanguage(t, declared, evidence));
      const missed = texts.filter((_, i) => detected[i] !== language);
      report({
        figure: 'answered in its own language',
        set,
        declared,
        variant,
        language,
        rows: texts.length,
        detected: share(texts.length - missed.length, texts.length),
        missed: missed.slice(0, 6),
        load1: Number(loadavg()[0]!.toFixed(1)),
      });
    }

// CPU microseconds per message over five passes, after one uncounted pass (lazy lists, JIT warm-up).
const declared: DemoLanguage[] = ['en', 'zh', 'es'];
for (const variant of ['rules alone (before)', 'rules + knowledge-base words (after)']) {
  const evidence = variant.endsWith('(after)') ? getLanguageEvidence(getDemoKnowledgeBase(declared)) : {};
  for (const t of banking) detectLanguage(t, declared, evidence);
  const start = process.cpuUsage();
  for (let r = 0; r < 5; r++) for (const t of banking) detectLanguage(t, declared, evidence);
  const used = process.cpuUsage(start);
  report({
    figure: 'CPU microseconds per detectLanguage call (Banking77 test.csv)',
    declared,
    variant,
    cpuMicrosPerMessage: Number(((used.user + used.system) / (5 * banking.length)).toFixed(1)),
    load1: Number(loadavg()[0]!.toFixed(1)),
  });
}
