// Training CPU of the app's full pipeline on a train.csv alone (no test file read), for candidates compared in one
// window of load: `tsx bench/research/train-timing.ts train.csv --runs=3 --options='{"linear":{"bag":3}}'`, or a
// research candidate of distill-candidates.ts (the app and its head): `--candidate='sd: + softmax 0.5'`.
import { loadavg } from 'node:os';
import { trainIntentClassifier } from '../../src/nlp/train-intent-classifier.ts';
import { flag, intentFilesFromArgs, readIntentCsv } from '../intent-data.ts';
import { distillCandidates } from './distill-candidates.ts';

const rows = readIntentCsv(intentFilesFromArgs().train);
const options = JSON.parse(flag('options', '{}')) as Parameters<typeof trainIntentClassifier>[1];
const candidate = flag('candidate', '');
const runs = Number(flag('runs', '3'));
const labels = [...new Set(rows.map((r) => r.intent))].sort();
for (let run = 0; run < runs; run++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  // A fresh copy of the rows each run: the candidates memoise the app per row array.
  if (candidate === '') trainIntentClassifier(rows, options);
  else distillCandidates()[candidate]!([...rows], labels);
  const c1 = process.cpuUsage(c0);
  console.log(
    JSON.stringify({
      figure: 'training, full pipeline',
      ...(candidate === '' ? { options } : { candidate }),
      run,
      cpuS: Math.round((c1.user + c1.system) / 1e4) / 100,
      wallS: Math.round(performance.now() - t0) / 1000,
      load1: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    }),
  );
}
