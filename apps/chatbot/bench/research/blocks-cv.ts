// Repeated stratified k-fold on a train.csv (test.csv is never read) for feature blocks, learners and blends: each
// candidate's hits paired with the first candidate's. `--confusions=name` prints that candidate's top confusions.
// Usage: tsx bench/research/blocks-cv.ts [train.csv] [--folds=5] [--repeats=3] [--only='a|b'] [--confusions=a]
import { flag, intentFilesFromArgs, readIntentCsv } from '../intent-data.ts';
import { argmax, runPairedCv } from './fold-loop.ts';
import { BLOCK_CANDIDATES } from './block-candidates.ts';
import { toMessage } from './feature-blocks.ts';
import type { Learner } from './block-learners.ts';

const rows = readIntentCsv(intentFilesFromArgs().train);
const folds = Number(flag('folds', '5'));
const repeats = Number(flag('repeats', '3'));
const only = flag('only', '');
const confusionsOf = flag('confusions', '');

const labels = [...new Set(rows.map((r) => r.intent))].sort();
const msgs = rows.map((r) => toMessage(r.text));
const ys = Int32Array.from(rows, (r) => labels.indexOf(r.intent));
const names = Object.keys(BLOCK_CANDIDATES).filter((n) => only === '' || only.split('|').includes(n));
if (names.length === 0) throw new Error(`no candidate matches --only=${only}`);
runPairedCv({
  ys,
  labelNames: labels,
  names,
  folds,
  repeats,
  confusionsOf,
  train: (name, fit) => {
    const scorer = (BLOCK_CANDIDATES[name] as Learner)(
      fit.map((i) => msgs[i]!),
      Int32Array.from(fit, (i) => ys[i] as number),
      labels.length,
    );
    return (i) => argmax(scorer(msgs[i]!));
  },
});
