// Shared argument handling for the benchmark scripts, and JSON-line output. Every bench reads any ratings
// files in the u.data format (tab-separated `user item rating [time]`), not only MovieLens 100K:
//   (none)                       MovieLens 100K from the shared data folder, splits u1..u5
//   <dir> [name ...]             <dir>/<name>.base with <dir>/<name>.test (names default to u1..u5)
//   <file>.base ...              each with the <file>.test beside it
//   <train>:<test> ...           explicit pairs of files
//   --users=<u.user> --items=<u.item>   side features (default: u.user and u.item beside the first train
//                                file when they exist; without them the FM trains on ratings alone)
import { existsSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { getMovielensDir, readItemsFile, readRatingsFile, readUsersFile } from '../src/data/movielens.ts';
import type { ItemProfile, Ratings, UserProfile } from '../src/data/types.ts';

/** One train/test pair of files. */
export interface SplitFiles {
  name: string;
  train: string;
  test: string;
}

export interface BenchArgs {
  /** The folder split names are read from. */
  dataDir: string;
  /** Split names, in order; `loadSplits` loads the files of these names (slice it to load fewer). */
  splits: string[];
  files: SplitFiles[];
  users: string | undefined;
  items: string | undefined;
}

export interface LoadedSplit {
  name: string;
  files: SplitFiles;
  train: Ratings;
  test: Ratings;
  users: UserProfile[];
  items: ItemProfile[];
}

const DEFAULT_SPLITS = ['u1', 'u2', 'u3', 'u4', 'u5'];

const isDir = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();

function option(argv: string[], name: string): string | undefined {
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function splitOf(arg: string, dir: string, withTest: boolean): SplitFiles {
  const pair = arg.split(':');
  if (pair.length === 2 && existsSync(pair[0] as string) && existsSync(pair[1] as string)) {
    const [train, test] = pair.map((p) => resolve(p)) as [string, string];
    return { name: basename(train), train, test };
  }
  if (arg.endsWith('.base') && existsSync(arg)) {
    const train = resolve(arg);
    return { name: basename(arg, '.base'), train, test: train.replace(/\.base$/, '.test') };
  }
  if (existsSync(arg)) {
    // A tuning run reads only train files, so any ratings file will do there.
    if (!withTest) return { name: basename(arg), train: resolve(arg), test: '' };
    throw new Error(`${arg}: give a .base file (with its .test beside it) or train:test`);
  }
  return { name: arg, train: resolve(dir, `${arg}.base`), test: resolve(dir, `${arg}.test`) };
}

/**
 * Parse the arguments above; split names may also be given comma-separated (`u1,u2`). With `withTest: false`
 * (tuning, which never reads a test file) test files need not exist and any ratings file is a train file.
 */
export function parseBenchArgs(
  argv: string[] = process.argv.slice(2),
  { withTest = true, defaultSplits = DEFAULT_SPLITS }: { withTest?: boolean; defaultSplits?: string[] } = {},
): BenchArgs {
  const positional = argv.filter((a) => !a.startsWith('--')).flatMap((a) => (isDir(a) ? [a] : a.split(',')));
  const dirArg = positional.find(isDir);
  const dir = dirArg ? resolve(dirArg) : getMovielensDir();
  const rest = positional.filter((a) => a !== dirArg && a !== '');
  const files = (rest.length > 0 ? rest : defaultSplits).map((a) => splitOf(a, dir, withTest));
  // Names select splits in loadSplits, so two files of the same name go by their paths.
  for (const f of files) if (files.filter((g) => g.name === f.name).length > 1) f.name = f.train;
  for (const s of files)
    for (const f of withTest ? [s.train, s.test] : [s.train])
      if (!existsSync(f)) throw new Error(`no such ratings file: ${f}`);
  const beside = (file: string): string | undefined => {
    const path = resolve(dirname(files[0]!.train), file);
    return existsSync(path) ? path : undefined;
  };
  return {
    dataDir: dir,
    splits: files.map((f) => f.name),
    files,
    users: option(argv, 'users') ?? beside('u.user'),
    items: option(argv, 'items') ?? beside('u.item'),
  };
}

/**
 * Arguments of a bench on one ratings file (u.data format): `[<file> | <dir>]` (a folder means its u.data;
 * default MovieLens 100K's), plus `--users` / `--items` as above (default: beside the ratings file).
 */
export function parseRatingsFileArgs(argv: string[] = process.argv.slice(2)): {
  ratings: string;
  users: string | undefined;
  items: string | undefined;
} {
  const arg = argv.find((a) => !a.startsWith('--'));
  const ratings =
    arg === undefined
      ? resolve(getMovielensDir(), 'u.data')
      : isDir(arg)
        ? resolve(arg, 'u.data')
        : resolve(arg);
  if (!existsSync(ratings)) throw new Error(`no such ratings file: ${ratings}`);
  const beside = (file: string): string | undefined => {
    const path = resolve(dirname(ratings), file);
    return existsSync(path) ? path : undefined;
  };
  return {
    ratings,
    users: option(argv, 'users') ?? beside('u.user'),
    items: option(argv, 'items') ?? beside('u.item'),
  };
}

/** Side features named by the arguments (empty lists when none). */
export function loadProfiles(args: Pick<BenchArgs, 'users' | 'items'>): {
  users: UserProfile[];
  items: ItemProfile[];
} {
  return {
    users: args.users ? readUsersFile(args.users) : [],
    items: args.items ? readItemsFile(args.items) : [],
  };
}

export function loadSplits(args: BenchArgs): LoadedSplit[] {
  const profiles = loadProfiles(args);
  const chosen = args.splits.map((name) => args.files.find((f) => f.name === name) as SplitFiles);
  return chosen.map((files) => ({
    name: files.name,
    files,
    train: readRatingsFile(files.train),
    test: readRatingsFile(files.test),
    ...profiles,
  }));
}

/** Print one figure as a JSON line (fields left undefined are omitted). */
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
