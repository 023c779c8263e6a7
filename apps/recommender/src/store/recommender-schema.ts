// Applies the recommender's migrations once per database handle, from source or from the deploy bundle.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureMigrations, type Db } from '@suite/shared/db';

/** apps/recommender/migrations from source, <package>/migrations from dist/. */
export function findMigrationsDir(start = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'migrations');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`recommender migrations folder not found above ${start}`);
}

const applied = new WeakMap<Db, Promise<unknown>>();

/** Runs the migrations on `db` once; a failure is forgotten so the next call retries. */
export function ensureRecommenderSchema(db: Db): Promise<unknown> {
  let pending = applied.get(db);
  if (pending === undefined) {
    pending = ensureMigrations(db, { app: 'recommender', dir: findMigrationsDir() });
    applied.set(db, pending);
    pending.catch(() => applied.delete(db));
  }
  return pending;
}
