// NAB benchmark: streams all 58 series through the app's series detector, writes NAB results files, scores them
// with bench/nab/nab-scorer.ts under NAB's three profiles on the whole corpus and on each half of the fixed split
// (bench/nab/nab-split.ts), and prints JSON lines; the published detectors' scores are printed beside the result
// only when the corpus is the full NAB v1.1 they were measured on.
// Usage: tsx bench/nab-stream.ts [nabDir] [--out dir] [--seeds 1,2,3] [--window 8192] [--z 4.2649] [--trees 50]
//   [--refit 128] [--min-points 96] [--range-tolerance 0.01] [--glitch-factor 50]
//   [--excursion-half-life 2048] [--excursion-factor 3]
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getDataDir } from './data-paths.ts';
import { loadNabCorpus, nabCorpusName, type NabFile } from './nab/nab-corpus.ts';
import { runNabDetector, type NabDetectorOptions } from './nab/nab-detector.ts';
import { PROFILES, scoreNabSet } from './nab/nab-evaluate.ts';
import { SPLIT_A, SPLIT_B } from './nab/nab-split.ts';

const DETECTOR = 'suiteIforest';
/** NAB v1.1 scoreboard, standard profile. */
const PUBLISHED = {
  ARTime: 74.9,
  numentaHTM: 70.5,
  contextOSE: 69.9,
  knncad: 58.0,
  randomCutForest: 51.7,
  windowedGaussian: 39.6,
};

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    seeds: { type: 'string', default: '1,2,3' },
    window: { type: 'string', default: '8192' },
    z: { type: 'string' },
    refit: { type: 'string' },
    trees: { type: 'string' },
    'min-points': { type: 'string' },
    'range-tolerance': { type: 'string' },
    'glitch-factor': { type: 'string' },
    'excursion-half-life': { type: 'string' },
    'excursion-factor': { type: 'string' },
  },
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const nabDir = positionals[0] ?? join(getDataDir(), 'nab');
const outRoot = args.out ?? mkdtempSync(join(tmpdir(), 'nab-results-'));
const options: NabDetectorOptions = {
  windowSize: num(args.window),
  zThreshold: num(args.z),
  refitEvery: num(args.refit),
  nTrees: num(args.trees),
  minPoints: num(args['min-points']),
  rangeTolerance: num(args['range-tolerance']),
  glitchFactor: num(args['glitch-factor']),
  excursionHalfLife: num(args['excursion-half-life']),
  excursionFactor: num(args['excursion-factor']),
};
for (const k of Object.keys(options) as Array<keyof NabDetectorOptions>)
  if (options[k] === undefined) delete options[k];

const corpus = loadNabCorpus(nabDir);
const { files } = corpus;
const dataset = nabCorpusName(corpus);
const halves = {
  A: files.filter((f) => SPLIT_A.includes(f.relativePath)),
  B: files.filter((f) => SPLIT_B.includes(f.relativePath)),
  whole: files,
};
const emit = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
const round = (x: number) => Number(x.toFixed(2));

for (const seed of args.seeds.split(',').map(Number)) {
  const scores = new Map<string, Float64Array>();
  let points = 0;
  const cpu0 = process.cpuUsage();
  for (const file of files) {
    scores.set(file.relativePath, runNabDetector(file.timestamps, file.values, { ...options, seed }));
    points += file.values.length;
  }
  const cpu = process.cpuUsage(cpu0);
  const outDir = join(outRoot, `seed-${seed}`);
  for (const file of files) writeResultsFile(outDir, file, scores.get(file.relativePath)!);
  const of = (f: NabFile) => scores.get(f.relativePath)!;
  for (const [profileName, profile] of Object.entries(PROFILES)) {
    const row: Record<string, unknown> = {
      bench: 'nab',
      dataset: dataset ?? nabDir,
      detector: DETECTOR,
      seed,
      profile: profileName,
    };
    for (const [half, set] of Object.entries(halves)) {
      const s = scoreNabSet(set, of, profile);
      row[half] = round(s.score);
      if (half === 'whole')
        Object.assign(row, { threshold: s.threshold, detected: s.detected, fpRows: s.fpRows });
    }
    // Out of sample in the strict sense: each half scored at the threshold that was best on the other half.
    const a = scoreNabSet(halves.A, of, profile);
    const b = scoreNabSet(halves.B, of, profile);
    row['BatThresholdOfA'] = round(scoreNabSet(halves.B, of, profile, a.threshold).score);
    row['AatThresholdOfB'] = round(scoreNabSet(halves.A, of, profile, b.threshold).score);
    if (profileName === 'standard')
      Object.assign(row, {
        options,
        ...(dataset
          ? { reference: PUBLISHED }
          : { reference: null, note: 'not the full NAB v1.1 corpus: no reference' }),
      });
    emit(row);
  }
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  emit({
    bench: 'nab-cpu',
    dataset: dataset ?? nabDir,
    seed,
    points,
    pointsPerCpuSecond: Math.round(points / cpuSeconds),
    note: 'the detector alone, single thread; the target is the suite goal, not a measurement',
    target: { pointsPerCpuSecond: 50_000 },
  });
  emit({ bench: 'nab-results', seed, dir: join(outDir, DETECTOR) });
}

/** NAB's results layout (`<detector>/<category>/<detector>_<file>`), so NAB's own scorer can re-check the figure. */
function writeResultsFile(outDir: string, file: NabFile, scores: Float64Array): void {
  const [category, name] = file.relativePath.split('/');
  mkdirSync(join(outDir, DETECTOR, category!), { recursive: true });
  const lines = ['timestamp,value,anomaly_score,label'];
  for (let i = 0; i < scores.length; i++) {
    const t = file.timestamps[i]!;
    const label = file.windows.some(([a, b]) => t >= a && t <= b) ? 1 : 0;
    lines.push(`${file.rawTimestamps[i]},${file.values[i]},${scores[i]},${label}`);
  }
  writeFileSync(join(outDir, DETECTOR, category!, `${DETECTOR}_${name}`), lines.join('\n') + '\n');
}
