// Reads test.csv once for named candidates of `block-candidates.ts` (train on all of train.csv, score test.csv).
// Usage: tsx bench/research/blocks-test.ts train.csv test.csv --only='a|b'
import { flag, intentFilesFromArgs, readIntentCsv } from '../intent-data.ts';
import { BLOCK_CANDIDATES } from './block-candidates.ts';
import { argmax, runTestRead } from './fold-loop.ts';
import { toMessage } from './feature-blocks.ts';

const files = intentFilesFromArgs();
const train = readIntentCsv(files.train);
const test = readIntentCsv(files.test);
const labels = [...new Set(train.map((r) => r.intent))].sort();
const msgs = train.map((r) => toMessage(r.text));
const ys = Int32Array.from(train, (r) => labels.indexOf(r.intent));
runTestRead({
  names: flag('only', '').split('|'),
  testLabels: test.map((r) => r.intent),
  train: (name) => {
    const candidate = BLOCK_CANDIDATES[name];
    if (candidate === undefined) throw new Error(`unknown candidate ${name}`);
    const scorer = candidate(msgs, ys, labels.length);
    return (i) => labels[argmax(scorer(toMessage(test[i]!.text)))]!;
  },
});
