// Which data a bench ran on, recognised by content (SHA-256), so that published figures and this app's
// targets print only beside results on the data they were measured on, never beside another file's.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { SplitFiles } from './bench-args.ts';

/** SHA-256 of the MovieLens 100K files (GroupLens' ml-100k.zip) the figures below were measured on. */
const MOVIELENS_100K: Record<string, string> = {
  '06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490': 'u.data',
  ce253ec86c448b44fb3ba9a30d12dcfc2e9210cbde71efada3730c22e9ac212a: 'u1.base',
  '18c6014a4b2c7324f250a63f8904a7b16b2b19f911129e346141507b0cbac950': 'u1.test',
  '6c06f0b5df4b256da1a994f3ac66edc8da4d3f09bc9282df6b14d893366d703e': 'u2.base',
  '4de658d1e04ed9104629509a2e2528fce833ac8e048280183f1df167632038c3': 'u2.test',
  afdc155c291c6edc41c0407e39d7462eb98d341e064f0b0a12175b80b3c4af5d: 'u3.base',
  '0f548b51c78327de4c156461d3e430b7e5579fe2b5681586a59416e48fd35f6d': 'u3.test',
  '219f0f4d40dfe9c5141d425f53fa91ee23ed275f14e280bbf1b50117afb064ca': 'u4.base',
  '7c02ad0a1e7ab1083c8b9d4b627203a051dd7b5eab46d99fa44de33470de8db9': 'u4.test',
  a9574e59ce961eec2121627760b6e9b0974ce1637b3fe69ac32cb14a4bfab485: 'u5.base',
  '351cc52e0d15b6c721466276fc24671d40936899e3d01fadeaf312915b8c5634': 'u5.test',
};

const hashes = new Map<string, string>();

function sha256(path: string): string {
  let h = hashes.get(path);
  if (!h) hashes.set(path, (h = createHash('sha256').update(readFileSync(path)).digest('hex')));
  return h;
}

/** The MovieLens 100K name of a file with exactly its content (e.g. `u1.base`), else undefined. */
export function tryMovielensName(path: string): string | undefined {
  return MOVIELENS_100K[sha256(path)];
}

/** A label for the data of a run: MovieLens names when the files are MovieLens 100K's, else file names. */
export function describeData(paths: string[]): string {
  const names = paths.map((p) => tryMovielensName(p));
  if (names.every((n) => n !== undefined)) return `movielens-100k ${names.join(' ')}`;
  return paths.map((p) => `${basename(p)} (sha256 ${sha256(p).slice(0, 12)})`).join(' ');
}

/** True when `splits` are MovieLens 100K's u1..u5 train/test pairs, each exactly once. */
export function isMovielensFiveFold(splits: readonly SplitFiles[]): boolean {
  const pairs = splits.map((s) => `${tryMovielensName(s.train)}/${tryMovielensName(s.test)}`).sort();
  return pairs.join() === ['u1', 'u2', 'u3', 'u4', 'u5'].map((u) => `${u}.base/${u}.test`).join();
}

/** True when every file is one of MovieLens 100K's (same users, items and scale as the targets assume). */
export function isMovielens(paths: readonly string[]): boolean {
  return paths.every((p) => tryMovielensName(p) !== undefined);
}

/**
 * Published 5-fold RMSEs on MovieLens 100K (Surprise's README; libFM MCMC k = 8, from its authors' setup) and
 * this app's target; meaningful only beside a mean over MovieLens 100K's five folds.
 */
export const MOVIELENS_RMSE_REFERENCES = {
  baseline: { surpriseBaselineOnly: 0.944 },
  mf: { surpriseSVD: 0.934 },
  fm: { libfmMcmcK8: 0.9003, surpriseSVDpp: 0.919, target: 0.9 },
} as const;

/** Training time per MovieLens 100K split: this app's target and libFM MCMC's time. */
export const MOVIELENS_TRAIN_TIME_REFERENCES = { targetMs: 3000, libfmMcmcMs: 2600 } as const;

/** Serving targets, set for MovieLens 100K's 1,682 items and 943 users. */
export const MOVIELENS_SERVING_TARGETS = { warmP99Ms: 2, batchAllUsersMs: 1000 } as const;
