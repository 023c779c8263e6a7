// How small a training set may be before the character-embedding block stops paying: k examples per intent drawn
// from a train.csv (seeded), the rest of train.csv scored (test.csv is never read), the app with and without the
// block, paired per row. Both training regimes: the bench's defaults and the knowledge-base one (augmentation).
// --feature=offsets measures the per-class offsets (src/nlp/class-offsets.ts, with no minimum size) the same way,
// --feature=table the shipped character table (src/nlp/char-table-block.ts); --feature=table-source the shipped table
// (on) against jieba's word-list table at its weight 0.3 (off; Debian python3-jieba).
// --feature=hidden the hidden-layer member with Banking77's settings (SPACED_SCRIPT_HIDDEN_LAYER, no minimum size).
// Usage: tsx bench/research/char-block-size.ts [train.csv] [--shots=3,6,10,20,40] [--repeats=5] [--feature=chars]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRng } from '@suite/shared/ml';
import { KNOWLEDGE_BASE_TRAINING } from '../../src/kb/knowledge-base-training.ts';
import { charTableEmbeddings } from '../../src/nlp/char-table.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/nlp/confidence-threshold.ts';
import { SPACED_SCRIPT_HIDDEN_LAYER } from '../../src/nlp/hidden-layer-member.ts';
import { charTableFromWordList, JIEBA_TABLE } from '../../src/nlp/word-list-char-table.ts';
import { trainIntentClassifier, type IntentTrainOptions } from '../../src/nlp/train-intent-classifier.ts';
import { flag, intentFilesFromArgs, readIntentCsv, report, type IntentRow } from '../intent-data.ts';

const rows = readIntentCsv(intentFilesFromArgs().train);
const shotList = flag('shots', '3,6,10,20,40').split(',').map(Number);
const repeats = Number(flag('repeats', '5'));
const regimes: Record<string, Partial<IntentTrainOptions>> = {
  defaults: {},
  'knowledge base': KNOWLEDGE_BASE_TRAINING,
};
const feature = flag('feature', 'chars');
const FEATURES: Record<string, Record<string, Partial<IntentTrainOptions>>> = {
  chars: { off: { charEmbeddings: false }, on: { charEmbeddings: {} } },
  offsets: { off: { classOffsets: false }, on: { classOffsets: { minExamplesPerIntent: 0 } } },
  table: { off: { charTable: false }, on: { charTable: { minExamplesPerIntent: 0 } } },
  hidden: {
    off: { hiddenLayer: false },
    on: { hiddenLayer: { ...SPACED_SCRIPT_HIDDEN_LAYER, minExamplesPerIntent: 0 } },
  },
};
if (feature === 'table-source') {
  const table = charTableFromWordList(readFileSync('/usr/lib/python3/dist-packages/jieba/dict.txt', 'utf8'), {
    ...JIEBA_TABLE,
    name: 'jieba',
    source: 'python3-jieba 0.42.1 (MIT)',
  });
  const jieba = { table, embeddings: charTableEmbeddings(table) };
  FEATURES[feature] = {
    off: { charTable: { table: jieba, weight: 0.3, minExamplesPerIntent: 0 } },
    on: { charTable: { minExamplesPerIntent: 0 } },
  };
}
const variants = FEATURES[feature] as Record<string, Partial<IntentTrainOptions>>;

function draw(k: number, seed: number): { fit: IntentRow[]; rest: IntentRow[] } {
  const rng = createRng(seed);
  const byIntent = new Map<string, IntentRow[]>();
  for (const r of rows) byIntent.set(r.intent, [...(byIntent.get(r.intent) ?? []), r]);
  const fit: IntentRow[] = [];
  const rest: IntentRow[] = [];
  for (const key of [...byIntent.keys()].sort()) {
    const group = byIntent.get(key) as IntentRow[];
    rng.shuffle(group);
    fit.push(...group.slice(0, k));
    rest.push(...group.slice(k));
  }
  return { fit, rest };
}

for (const [regime, base] of Object.entries(regimes))
  for (const k of shotList) {
    const hits: Record<string, number[]> = { off: [], on: [] };
    const inScope: Record<string, number> = { off: 0, on: 0 };
    // Answered right: the right intent, confident enough to be answered (not out of scope at the default).
    const answered: Record<string, number> = { off: 0, on: 0 };
    const cpu: Record<string, number> = { off: 0, on: 0 };
    let fitRows = 0;
    for (let rep = 0; rep < repeats; rep++) {
      const { fit, rest } = draw(k, 500 + rep);
      fitRows = fit.length;
      for (const [name, v] of Object.entries(variants)) {
        const c0 = process.cpuUsage();
        const clf = trainIntentClassifier(fit, {
          ...base,
          ...v,
          seed: 1 + rep,
          minConfidence: DEFAULT_MIN_CONFIDENCE,
        });
        const c1 = process.cpuUsage(c0);
        cpu[name] = (cpu[name] as number) + (c1.user + c1.system) / 1e6;
        for (const r of rest) {
          const p = clf.predict(r.text);
          (hits[name] as number[]).push(p.intent === r.intent ? 1 : 0);
          if (!p.outOfScope) inScope[name] = (inScope[name] as number) + 1;
          if (!p.outOfScope && p.intent === r.intent) answered[name] = (answered[name] as number) + 1;
        }
      }
    }
    const on = hits.on as number[];
    const off = hits.off as number[];
    const d = on.map((x, i) => x - (off[i] as number));
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, d.length - 1));
    const pct = (x: number) => Number((100 * x).toFixed(2));
    report({
      figure: `${{ chars: 'character block', offsets: 'class offsets', table: 'character table', hidden: 'hidden layer', 'table-source': 'shipped table (on) vs jieba table (off)' }[feature]} on vs off, k examples per intent (rest of train.csv scored)`,
      regime,
      perIntent: k,
      trainRows: fitRows,
      repeats,
      scoredRows: off.length,
      accuracyOff: pct(off.reduce((a, b) => a + b, 0) / off.length),
      accuracyOn: pct(on.reduce((a, b) => a + b, 0) / on.length),
      pairedPoints: pct(mean),
      pairedStandardError: pct(sd / Math.sqrt(d.length)),
      inScopeOff: pct((inScope.off as number) / off.length),
      inScopeOn: pct((inScope.on as number) / on.length),
      answeredRightOff: pct((answered.off as number) / off.length),
      answeredRightOn: pct((answered.on as number) / on.length),
      trainCpuSOff: Number(((cpu.off as number) / repeats).toFixed(3)),
      trainCpuSOn: Number(((cpu.on as number) / repeats).toFixed(3)),
      load1: Number(loadavg()[0]!.toFixed(1)),
    });
  }
