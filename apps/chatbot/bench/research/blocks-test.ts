// Reads test.csv once for named candidates of `block-candidates.ts` (train on all of train.csv, score test.csv).
// Usage: tsx bench/research/blocks-test.ts train.csv test.csv --only='a|b'
import { loadavg } from 'node:os';
import { flag, intentFilesFromArgs, readIntentCsv, report } from '../intent-data.ts';
import { BLOCK_CANDIDATES } from './block-candidates.ts';
import { toMessage } from './feature-blocks.ts';

const files = intentFilesFromArgs();
const train = readIntentCsv(files.train);
const test = readIntentCsv(files.test);
const labels = [...new Set(train.map((r) => r.intent))].sort();
const msgs = train.map((r) => toMessage(r.text));
const ys = Int32Array.from(train, (r) => labels.indexOf(r.intent));
for (const name of flag('only', '').split('|')) {
  const candidate = BLOCK_CANDIDATES[name];
  if (candidate === undefined) throw new Error(`unknown candidate ${name}`);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const scorer = candidate(msgs, ys, labels.length);
  const c1 = process.cpuUsage(c0);
  let correct = 0;
  for (const r of test) {
    const s = scorer(toMessage(r.text));
    let b = 0;
    for (let k = 1; k < s.length; k++) if ((s[k] as number) > (s[b] as number)) b = k;
    if (labels[b] === r.intent) correct++;
  }
  report({
    figure: 'test accuracy',
    candidate: name,
    accuracy: Number((correct / test.length).toFixed(4)),
    correct,
    rows: test.length,
    trainCpuS: Number(((c1.user + c1.system) / 1e6).toFixed(2)),
    trainWallS: Number(((performance.now() - t0) / 1000).toFixed(2)),
    load1: Number(loadavg()[0]!.toFixed(1)),
  });
}
