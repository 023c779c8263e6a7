// Top-K ranking of every model the project implements, per split and as a mean, on the uN splits and on a
// leave-10-per-user protocol (each user's newest 10 ratings are the test set), beside the figures issue 12
// measured on MovieLens 100K u1..u5 (printed only there). HR@10 / NDCG@10 as in ranking-metrics.ts.
// Usage: tsx bench/ranking.ts [data arguments, bench-args.ts] [--models=a,b] [--protocols=splits,leave-10]
// [--seed=42]; the leave-10 protocol reads the u.data beside the first train file.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { MovielensSplit } from '../src/data/movielens.ts';
import { emit, loadProfiles, loadSplits, machineNote, mean, parseBenchArgs } from './bench-args.ts';
import { describeData, isMovielensFiveFold } from './datasets.ts';
import { loadLeaveLastSplit } from './leave-last-out.ts';
import { createRankingTask, evaluateScorer } from './ranking-eval.ts';
import { RANKERS } from './rankers/catalogue.ts';

const flag = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const args = parseBenchArgs();
const seed = Number(flag('seed') ?? 42);
const wanted = flag('models')?.split(',');
const rankers = RANKERS.filter((r) => !wanted || wanted.includes(r.name));
const protocols = (flag('protocols') ?? 'splits,leave-10').split(',');
const allRatings = resolve(dirname(args.files[0]!.train), 'u.data');

function run(protocol: string, splits: MovielensSplit[], data: string, withReferences: boolean): void {
  const sums = new Map<string, { hr: number[]; ndcg: number[]; cpu: number[]; wall: number[] }>();
  for (const split of splits) {
    const task = createRankingTask(split);
    for (const ranker of rankers) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const fitted = ranker.fit(task, split, seed);
      const fitMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const fitCpuMs = (cpu.user + cpu.system) / 1000;
      const score = 'scorer' in fitted ? evaluateScorer(task, fitted.scorer) : fitted.score;
      const s = sums.get(ranker.name) ?? { hr: [], ndcg: [], cpu: [], wall: [] };
      sums.set(ranker.name, s);
      s.hr.push(score.hr);
      s.ndcg.push(score.ndcg);
      s.cpu.push(fitCpuMs);
      s.wall.push(fitMs);
      emit({
        bench: 'ranking',
        protocol,
        data,
        split: split.name,
        model: ranker.name,
        hrAt10: score.hr,
        ndcgAt10: score.ndcg,
        fitMs,
        fitCpuMs,
        seed,
        ...machineNote(),
      });
    }
  }
  for (const ranker of rankers) {
    const s = sums.get(ranker.name);
    if (!s) continue;
    emit({
      bench: 'ranking-mean',
      protocol,
      data,
      splits: splits.map((x) => x.name).join(','),
      model: ranker.name,
      hrAt10: mean(s.hr),
      ndcgAt10: mean(s.ndcg),
      fitMsMedian: [...s.wall].sort((a, b) => a - b)[s.wall.length >> 1],
      fitCpuMsMedian: [...s.cpu].sort((a, b) => a - b)[s.cpu.length >> 1],
      growth: ranker.growth,
      ...(withReferences && ranker.reference ? { reference: ranker.reference } : {}),
      seed,
      ...machineNote(),
    });
  }
}

// The figures are means over MovieLens 100K's u1..u5 (recognised by content); nowhere else.
if (protocols.includes('splits')) {
  const files = args.files;
  const data = describeData(files.flatMap((f) => [f.train, f.test]));
  run('splits', loadSplits(args), data, isMovielensFiveFold(files));
}
if (protocols.includes('leave-10') && !existsSync(allRatings)) {
  emit({ bench: 'ranking', protocol: 'leave-10', skipped: `no ${allRatings} beside the train files` });
} else if (protocols.includes('leave-10')) {
  const data = `${describeData([allRatings])}, each user's last 10 by time as the test set`;
  run('leave-10', [loadLeaveLastSplit(allRatings, loadProfiles(args), 10)], data, false);
}
