// The state a chatbot service test runs on: a throwaway database and a model folder of its own, made before the
// describe block's tests and removed after them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb } from '@suite/shared/testing';
import { afterAll, beforeAll } from 'vitest';
import { seedTrainedModels } from './trained-models.ts';

type TestDb = Awaited<ReturnType<typeof createTestDb>>;

/** The database and model folder of a describe block, readable from its hooks and tests on. */
export interface ServiceTestState {
  readonly db: TestDb;
  readonly dir: string;
}

/** Options of {@link useServiceTestState}. */
export interface ServiceTestStateOptions {
  /**
   * `dir` holds the English demo's trained classifier and retrieval index before the tests (seedTrainedModels): for
   * tests of something else than a first training, which a chat would otherwise run inside the first test.
   */
  trained?: boolean;
}

/**
 * Registers the hooks that create `db` (on `engine`, default PGlite) and `dir` (named after `label`) before the
 * block's tests and dispose of them after; call it inside `describe`.
 *
 * @example
 * describe('feedback', () => {
 *   const state = useServiceTestState('chatbot-feedback');
 *   it('...', async () => { const bot = createTestChatbot(state.db, state.dir); });
 * });
 */
export function useServiceTestState(
  label: string,
  engine: Parameters<typeof createTestDb>[0] = 'pglite',
  options: ServiceTestStateOptions = {},
): ServiceTestState {
  let db: TestDb | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    db = await createTestDb(engine);
    dir = await mkdtemp(join(tmpdir(), `${label}-`));
    if (options.trained) await seedTrainedModels(dir);
  });
  afterAll(async () => {
    await db?.dispose();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is made in beforeAll: read it from a hook or a test`);
    return value;
  };
  return {
    get db() {
      return ready(db, 'db');
    },
    get dir() {
      return ready(dir, 'dir');
    },
  };
}
