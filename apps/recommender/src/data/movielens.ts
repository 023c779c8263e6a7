// MovieLens 100K readers: u.data / uN.base / uN.test ratings, u.item (latin-1) and u.user side features.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOVIELENS_GENRES, type ItemProfile, type Ratings, type UserProfile } from './types.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The shared data folder: env SUITE_DATA_DIR, else `../shared/data` beside the repo root. */
export function getDataDir(env: Record<string, string | undefined> = process.env): string {
  return env.SUITE_DATA_DIR ? resolve(env.SUITE_DATA_DIR) : resolve(REPO_ROOT, '../shared/data');
}

/** Default MovieLens 100K folder. */
export function getMovielensDir(env: Record<string, string | undefined> = process.env): string {
  return resolve(getDataDir(env), 'movielens-100k');
}

/** Parse tab-separated `user item rating time` lines (u.data format); blank lines are skipped. */
export function parseRatingsText(text: string): Ratings {
  const lines = text.split('\n');
  const n = lines.length;
  const user = new Int32Array(n);
  const item = new Int32Array(n);
  const rating = new Float32Array(n);
  const time = new Float64Array(n);
  let m = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const f = line.split('\t');
    if (f.length < 3) throw new Error(`bad ratings line: ${JSON.stringify(line)}`);
    user[m] = Number(f[0]);
    item[m] = Number(f[1]);
    rating[m] = Number(f[2]);
    time[m] = Number(f[3] ?? 0);
    m++;
  }
  return {
    user: user.slice(0, m),
    item: item.slice(0, m),
    rating: rating.slice(0, m),
    time: time.slice(0, m),
  };
}

/** Read a ratings file such as `u1.base`. */
export function readRatingsFile(path: string): Ratings {
  return parseRatingsText(readFileSync(path, 'utf8'));
}

/** Parse u.item: `id|title|release|video release|url|19 genre flags`, latin-1 encoded. */
export function parseItemsText(text: string): ItemProfile[] {
  const out: ItemProfile[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const f = line.split('|');
    const flags = f.slice(-MOVIELENS_GENRES.length);
    const genres = MOVIELENS_GENRES.filter((_, g) => flags[g] === '1');
    out.push({ id: Number(f[0]), title: f[1] ?? null, genres });
  }
  return out;
}

/** Read u.item, decoding latin-1 so titles with accents survive. */
export function readItemsFile(path: string): ItemProfile[] {
  return parseItemsText(new TextDecoder('latin1').decode(readFileSync(path)));
}

/** Parse u.user: `id|age|gender|occupation|zip`. */
export function parseUsersText(text: string): UserProfile[] {
  const out: UserProfile[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const [id, age, gender, occupation] = line.split('|');
    out.push({
      id: Number(id),
      age: age ? Number(age) : null,
      gender: gender === 'M' || gender === 'F' ? gender : null,
      occupation: occupation || null,
    });
  }
  return out;
}

/** Read u.user. */
export function readUsersFile(path: string): UserProfile[] {
  return parseUsersText(readFileSync(path, 'utf8'));
}

/** One train/test split plus side features, as the benchmarks use it. */
export interface MovielensSplit {
  name: string;
  train: Ratings;
  test: Ratings;
  users: UserProfile[];
  items: ItemProfile[];
}

/** Load `<dir>/<name>.base`, `<dir>/<name>.test`, u.user and u.item. */
export function loadMovielensSplit(dir: string, name: string): MovielensSplit {
  return {
    name,
    train: readRatingsFile(resolve(dir, `${name}.base`)),
    test: readRatingsFile(resolve(dir, `${name}.test`)),
    users: readUsersFile(resolve(dir, 'u.user')),
    items: readItemsFile(resolve(dir, 'u.item')),
  };
}
