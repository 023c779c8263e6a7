// vitest setupFiles entry for packages whose test files share worker processes (isolate: false): each file ends as a
// fresh process would have started the next one, with the environment it found and no stubs, mocks, fake timers,
// cached shared config, model store or open default database left behind.
import { afterAll, vi } from 'vitest';
import { resetSharedConfig } from '../config/shared-config.ts';
import { resetDb } from '../db/create-db.ts';
import { resetModelStore } from '../models/model-store.ts';

/** Puts `env` back to `snapshot`: names added since are removed, changed or removed ones restored. */
export function restoreEnv(
  snapshot: Record<string, string | undefined>,
  env: NodeJS.ProcessEnv = process.env,
): void {
  for (const name of Object.keys(env)) if (!(name in snapshot)) delete env[name];
  for (const [name, value] of Object.entries(snapshot)) if (value !== undefined) env[name] = value;
}

const startEnv = { ...process.env };

// Registered before the file's own hooks, so it runs after them (vitest runs after-hooks as a stack).
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
  restoreEnv(startEnv);
  await resetDb();
  resetModelStore();
  resetSharedConfig();
});
