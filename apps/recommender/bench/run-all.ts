// Runs every benchmark in turn; each prints JSON lines. The split benches get the data arguments as given
// (bench-args.ts); the incremental bench gets `--ratings=<file>`, else the u.data of the data folder, and is
// skipped (with a line saying so) when neither exists.
// Usage: tsx bench/run-all.ts [data arguments] [--users=] [--items=] [--ratings=<file in u.data format>]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emit, parseBenchArgs } from './bench-args.ts';

const argv = process.argv.slice(2);
const ratingsArg = argv.find((a) => a.startsWith('--ratings='))?.slice(10);
const splitArgv = argv.filter((a) => !a.startsWith('--ratings='));
const sideArgv = argv.filter((a) => a.startsWith('--users=') || a.startsWith('--items='));
const fromDir = resolve(parseBenchArgs(splitArgv).dataDir, 'u.data');
const ratings = ratingsArg ?? (existsSync(fromDir) ? fromDir : undefined);

const runs: Array<[string, string[]]> = [
  ['accuracy.ts', splitArgv],
  ['mcmc-accuracy.ts', splitArgv],
  ['train-time.ts', splitArgv],
  ['serving.ts', splitArgv],
  ['serving.ts', [...splitArgv, '--options={"kind":"ials"}']],
  ['parallel.ts', splitArgv],
  ['ranking.ts', splitArgv],
];
if (ratings) runs.push(['incremental.ts', [ratings, ...sideArgv]]);
else emit({ bench: 'incremental', skipped: 'no --ratings=<file> and no u.data in the data folder' });

for (const [script, args] of runs) {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const res = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], { stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}
