// Top-K ranking of every model the project implements, per split and as a mean, on the uN splits and on a
// leave-10-per-user protocol (each user's newest 10 ratings are the test set), beside the figures issue 12
// measured on MovieLens 100K u1..u5 (printed only there). HR@10 / NDCG@10 as in ranking-metrics.ts.
// Usage: tsx bench/ranking.ts [dataDir] [split ...] [--models=a,b] [--protocols=splits,leave-10] [--seed=42]
import { basename } from 'node:path';
import type { MovielensSplit } from '../src/data/movielens.ts';
import { emit, loadSplits, machineNote, mean, parseBenchArgs } from './bench-args.ts';
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
// The figures were measured on MovieLens 100K's u1..u5 files; anywhere else they mean nothing.
const onMovielens = basename(args.dataDir) === 'movielens-100k';

function run(protocol: string, splits: MovielensSplit[]): void {
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
  const full = protocol === 'splits' && splits.length === 5 && onMovielens;
  for (const ranker of rankers) {
    const s = sums.get(ranker.name);
    if (!s) continue;
    emit({
      bench: 'ranking-mean',
      protocol,
      splits: splits.map((x) => x.name).join(','),
      model: ranker.name,
      hrAt10: mean(s.hr),
      ndcgAt10: mean(s.ndcg),
      fitMsMedian: [...s.wall].sort((a, b) => a - b)[s.wall.length >> 1],
      fitCpuMsMedian: [...s.cpu].sort((a, b) => a - b)[s.cpu.length >> 1],
      growth: ranker.growth,
      ...(full && ranker.reference ? { reference: ranker.reference } : {}),
      seed,
      ...machineNote(),
    });
  }
}

if (protocols.includes('splits')) run('splits', loadSplits(args));
if (protocols.includes('leave-10')) run('leave-10', [loadLeaveLastSplit(args.dataDir, 10)]);
