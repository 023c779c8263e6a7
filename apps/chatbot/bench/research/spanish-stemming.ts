// Would Snowball's Spanish stemmer (@orama/stemmers) help the classifier understand Spanish verb forms it has not
// seen ("recargo" against the demo's "recargar", "recarga")? Emulated at the text level: a message detected as
// Spanish, and every Spanish example, has its words replaced by their stems or followed by them, at training and at
// prediction alike. Chosen on the default demo's own examples only: 5 stratified folds (each a whole training of the
// demo without the fold, as the app trains it), seeds 1-3; scored on the fold's Spanish rows (and its English rows,
// which must not get worse), paired against the unstemmed app. `--test` instead reads es-smoke.json's 43 held-out
// phrasings once per listed variant (trained on the whole demo).
// Usage: tsx bench/research/spanish-stemming.ts [--variants=append,replace] [--seeds=1,2,3] [--test]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stemmer } from '@orama/stemmers/spanish';
import { getDemoKnowledgeBase } from '../../src/kb/demo-knowledge-bases.ts';
import type { KnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { trainOnKnowledgeBase } from '../../src/kb/knowledge-base-training.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/nlp/confidence-threshold.ts';
import { detectLanguage } from '../../src/nlp/language-detection.ts';
import { cleanText, tokenize } from '../../src/nlp/text-cleaning.ts';
import { flag, report } from '../intent-data.ts';

type Transform = (text: string) => string;
const stems = (text: string) => tokenize(cleanText(text)).map((w) => stemmer(w));
const TRANSFORMS: Record<string, Transform> = {
  none: (t) => t,
  replace: (t) => stems(t).join(' '),
  append: (t) => `${t} ${stems(t).join(' ')}`,
};

const kb = getDemoKnowledgeBase();
const languageOf = (t: string) => detectLanguage(t, kb.languages);
const seeds = flag('seeds', '1,2,3').split(',').map(Number);
const variants = ['none', ...flag('variants', 'append,replace').split(',')];
const FOLDS = 5;

/** The knowledge base with `keep`'s examples only, Spanish ones transformed. */
function prepared(keep: (intent: string, i: number) => boolean, transform: Transform): KnowledgeBase {
  const out = structuredClone(kb);
  for (const intent of out.intents)
    intent.examples = intent.examples
      .filter((_, i) => keep(intent.id, i))
      .map((t) => (languageOf(t) === 'es' ? transform(t) : t));
  return out;
}

async function scorer(train: KnowledgeBase, transform: Transform, seed: number) {
  const { classifier } = await trainOnKnowledgeBase(train, [], undefined, {
    seed,
    minConfidence: DEFAULT_MIN_CONFIDENCE,
  });
  return (text: string) => {
    const language = languageOf(text);
    return classifier.predict(language === 'es' ? transform(text) : text, undefined, language);
  };
}

interface Tally {
  rows: number;
  right: number;
  answered: number;
}
const tally = (): Tally => ({ rows: 0, right: 0, answered: 0 });
const round = (x: number) => Number(x.toFixed(4));

if (process.argv.includes('--test')) {
  const here = dirname(fileURLToPath(import.meta.url));
  const es = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'es-smoke.json'), 'utf8')) as {
    heldOut: Record<string, string[]>;
    outOfDomain: string[];
  };
  const rows = Object.entries(es.heldOut).flatMap(([intent, texts]) =>
    texts.map((text) => ({ text, intent })),
  );
  for (const variant of variants) {
    const transform = TRANSFORMS[variant]!;
    const t = tally();
    let flagged = 0;
    for (const seed of seeds) {
      const predict = await scorer(
        prepared(() => true, transform),
        transform,
        seed,
      );
      for (const row of rows) {
        const p = predict(row.text);
        const right = p.intent === row.intent && languageOf(row.text) === 'es';
        t.rows++;
        if (right) t.right++;
        if (right && !p.outOfScope) t.answered++;
      }
      flagged += es.outOfDomain.filter((text) => predict(text).outOfScope).length;
    }
    report({
      figure: 'es-smoke.json held-out phrasings (test, read once per variant)',
      variant,
      seeds,
      rows: rows.length,
      right: round(t.right / t.rows),
      rightAtThreshold: round(t.answered / t.rows),
      outOfDomainFlagged: round(flagged / (es.outOfDomain.length * seeds.length)),
      load1: Number(loadavg()[0]!.toFixed(1)),
    });
  }
} else {
  // Per (seed, fold): each variant's Spanish and English tallies, for paired differences.
  const cells: Array<Record<string, Record<'es' | 'en', Tally>>> = [];
  for (const seed of seeds)
    for (let fold = 0; fold < FOLDS; fold++) {
      // Stratified: the i-th example of an intent (per language order in the merged list) goes to fold (i + seed) % 5.
      const held = (_: string, i: number) => (i + seed) % FOLDS === fold;
      const cell: Record<string, Record<'es' | 'en', Tally>> = {};
      for (const variant of variants) {
        const transform = TRANSFORMS[variant]!;
        const predict = await scorer(
          prepared((id, i) => !held(id, i), transform),
          transform,
          seed,
        );
        const byLanguage = { es: tally(), en: tally() };
        for (const intent of kb.intents)
          intent.examples.forEach((text, i) => {
            if (!held(intent.id, i)) return;
            const language = languageOf(text);
            if (language !== 'es' && language !== 'en') return;
            const p = predict(text);
            const t = byLanguage[language];
            t.rows++;
            if (p.intent === intent.id) t.right++;
            if (p.intent === intent.id && !p.outOfScope) t.answered++;
          });
        cell[variant] = byLanguage;
      }
      cells.push(cell);
    }
  for (const variant of variants)
    for (const language of ['es', 'en'] as const)
      for (const measure of ['right', 'answered'] as const) {
        const share = (c: (typeof cells)[number], v: string) =>
          c[v]![language][measure] / c[v]![language].rows;
        const diffs = cells.map((c) => share(c, variant) - share(c, 'none'));
        const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
        const sd = Math.sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / (diffs.length - 1));
        report({
          figure: `demo examples in 5 folds, ${language} rows, ${measure === 'right' ? 'top-1 right' : 'right and above 0.55'}`,
          variant,
          seeds,
          share: round(cells.reduce((a, c) => a + share(c, variant), 0) / cells.length),
          pairedDiffVsNone: round(mean),
          standardError: round(sd / Math.sqrt(diffs.length)),
          load1: Number(loadavg()[0]!.toFixed(1)),
        });
      }
}
