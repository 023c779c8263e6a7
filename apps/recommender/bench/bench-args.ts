// Shared argument handling for the benchmark scripts: `[dataDir] [split ...]`, plus JSON-line output.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { getMovielensDir, loadMovielensSplit, type MovielensSplit } from '../src/data/movielens.ts';

export interface BenchArgs {
  dataDir: string;
  splits: string[];
}

/** argv: first a folder (if it exists on disk), then split names; defaults: MovieLens 100K, u1..u5. */
export function parseBenchArgs(argv: string[] = process.argv.slice(2)): BenchArgs {
  const args = argv.filter((a) => !a.startsWith('--'));
  let dataDir = getMovielensDir();
  if (args[0] && existsSync(args[0])) dataDir = resolve(args.shift() as string);
  return { dataDir, splits: args.length > 0 ? args : ['u1', 'u2', 'u3', 'u4', 'u5'] };
}

export function loadSplits(args: BenchArgs): MovielensSplit[] {
  return args.splits.map((name) => loadMovielensSplit(args.dataDir, name));
}

/** Print one figure as a JSON line. */
export function emit(figure: Record<string, unknown>): void {
  console.log(
    JSON.stringify(figure, (_, v) =>
      typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(5)) : v,
    ),
  );
}

export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** The machine's load when the figure was taken, so noisy timings can be recognised later. */
export function machineNote(): { loadAvg1m: number; cpus: number } {
  return { loadAvg1m: loadavg()[0] as number, cpus: cpus().length };
}
