// One app's schema guard: finds the app's migrations folder (from source or from a deploy bundle) and applies
// it once per database handle, so every handler can await it cheaply before its first query.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureMigrations } from './migrations.ts';
import type { Db } from './types.ts';

/** How far up from the calling module the `migrations` folder may sit (src/<domain>/x.ts or dist/chunk.js). */
const MAX_LEVELS_UP = 5;

export interface SchemaGuard {
  /** The app's `migrations` folder: `apps/<app>/migrations` from source, `<package>/migrations` from dist/. */
  migrationsDir(): string;
  /** Applies the migrations on `db` the first time it is used; a failure is forgotten so the next call retries. */
  ensure(db: Db): Promise<unknown>;
}

/**
 * Creates the schema guard of one app. Pass the calling module's `import.meta.url`: the folder is searched
 * upwards from there, which works both from the TypeScript sources and from the bundled package.
 *
 * @example
 * const guard = createSchemaGuard({ app: 'anomaly', from: import.meta.url });
 * await guard.ensure(getDb());
 */
export function createSchemaGuard(options: {
  app: string;
  from: string;
  /** Migrations written in code, applied in number order with the folder's (see MigrationOptions). */
  generated?: ReadonlyArray<{ name: string; sql: string }>;
}): SchemaGuard {
  const start = dirname(fileURLToPath(options.from));
  const applied = new WeakMap<Db, Promise<unknown>>();
  let dir: string | undefined;

  function migrationsDir(): string {
    if (dir !== undefined) return dir;
    let current = start;
    for (let i = 0; i < MAX_LEVELS_UP; i++) {
      const candidate = join(current, 'migrations');
      if (existsSync(candidate)) return (dir = candidate);
      current = dirname(current);
    }
    throw new Error(`${options.app} migrations folder not found above ${start}`);
  }

  function ensure(db: Db): Promise<unknown> {
    let pending = applied.get(db);
    if (pending === undefined) {
      pending = ensureMigrations(db, {
        app: options.app,
        dir: migrationsDir(),
        generated: options.generated,
      });
      applied.set(db, pending);
      pending.catch(() => applied.delete(db));
    }
    return pending;
  }

  return { migrationsDir, ensure };
}
