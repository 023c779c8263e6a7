import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getMovielensDir } from '../src/data/movielens.ts';
import { parseBenchArgs, parseRatingsFileArgs } from './bench-args.ts';
import { describeData, isMovielens, isMovielensFiveFold } from './datasets.ts';

const dir = mkdtempSync(join(tmpdir(), 'recommender-bench-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const base = file('mine.base', '1\t1\t4\t10\n2\t1\t3\t11\n');
const test = file('mine.test', '1\t2\t5\t12\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ml = getMovielensDir();
const haveMovielens = existsSync(join(ml, 'u5.test'));

describe('bench data arguments', () => {
  it('takes a .base file with its .test, or an explicit train:test pair, and no side files when none are beside', () => {
    expect(parseBenchArgs([base])).toMatchObject({
      splits: ['mine'],
      files: [{ name: 'mine', train: base, test }],
      users: undefined,
      items: undefined,
    });
    expect(parseBenchArgs([`${base}:${test}`]).files).toEqual([{ name: 'mine.base', train: base, test }]);
    expect(() => parseBenchArgs([join(dir, 'none.base')])).toThrow(/no such ratings file/);
  });

  it('reads split names in a folder, and one ratings file for the incremental bench', () => {
    expect(parseBenchArgs([dir, 'mine']).files).toEqual([{ name: 'mine', train: base, test }]);
    expect(parseRatingsFileArgs([base, `--users=${base}`])).toEqual({
      ratings: base,
      users: base,
      items: undefined,
    });
  });
});

describe('reference figures belong to their data set', () => {
  it('labels other files by name and hash, and never as MovieLens 100K', () => {
    expect(describeData([base])).toMatch(/^mine\.base \(sha256 [0-9a-f]{12}\)$/);
    expect(isMovielens([base])).toBe(false);
    expect(isMovielensFiveFold([{ name: 'mine', train: base, test }])).toBe(false);
  });

  it.skipIf(!haveMovielens)(
    'recognises MovieLens 100K by content, and its five folds only all together',
    () => {
      const five = ['u1', 'u2', 'u3', 'u4', 'u5'].map((u) => ({
        name: u,
        train: resolve(ml, `${u}.base`),
        test: resolve(ml, `${u}.test`),
      }));
      expect(isMovielensFiveFold(five)).toBe(true);
      expect(isMovielensFiveFold(five.slice(0, 1))).toBe(false);
      expect(isMovielensFiveFold([...five.slice(1), { ...five[0]!, test: five[1]!.test }])).toBe(false);
      const copy = join(dir, 'renamed.tsv');
      copyFileSync(five[0]!.train, copy);
      expect(describeData([copy])).toBe('movielens-100k u1.base');
    },
  );
});
