// Loads an intent data set (CSV with text,category) for the benchmarks; Banking77 from ../shared/data by default.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '@suite/shared/ml';

export interface IntentRow {
  text: string;
  intent: string;
}

/** The shared data folder: SUITE_DATA_DIR, else ../shared/data beside the repository root. */
export function dataDir(): string {
  if (process.env.SUITE_DATA_DIR) return resolve(process.env.SUITE_DATA_DIR);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'turbo.json')) && existsSync(join(dir, 'apps')))
      return resolve(dir, '..', 'shared', 'data');
    dir = dirname(dir);
  }
  throw new Error('repository root not found; set SUITE_DATA_DIR');
}

/** Reads `text,category` rows (header required; quoted line breaks allowed); rows without text are skipped. */
export function readIntentCsv(path: string): IntentRow[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const textCol = header?.indexOf('text') ?? -1;
  const labelCol = header?.indexOf('category') ?? -1;
  if (textCol < 0 || labelCol < 0)
    throw new Error(`${path}: expected a header with text and category columns`);
  return rows
    .map((r) => ({ text: (r[textCol] ?? '').trim(), intent: (r[labelCol] ?? '').trim() }))
    .filter((r) => r.text !== '' && r.intent !== '');
}

/** Train and test files from the command line (`tsx bench/x.ts train.csv test.csv`), Banking77 by default. */
export function intentFilesFromArgs(argv = process.argv.slice(2)): { train: string; test: string } {
  const positional = argv.filter((a) => !a.startsWith('--'));
  const base = join(dataDir(), 'banking77');
  return {
    train: resolve(positional[0] ?? join(base, 'train.csv')),
    test: resolve(positional[1] ?? join(base, 'test.csv')),
  };
}

/** A short data-set name for reports: the folder of the training file ("banking77", "smp2018"). */
export function datasetName(trainFile: string): string {
  return basename(dirname(resolve(trainFile)));
}

/** `--name=value` flags. */
export function flag(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : hit.slice(name.length + 3);
}

/** Prints one benchmark figure as a JSON line. */
export function report(fields: Record<string, unknown>): void {
  console.log(JSON.stringify(fields));
}
