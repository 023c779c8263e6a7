// A recommender on a real throwaway database (PGlite or the DATABASE_URL server) and its own model folder,
// installed as the app's singleton so the handlers under test call it; plus the demo world seeded through
// the service, for tests that need stored data or a published model before they start.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetSharedConfig } from '@suite/shared/config';
import { createFsModelStore, type ModelStore } from '@suite/shared/models';
import { createTestDb, type testEngines } from '@suite/shared/testing';
import type { RecommenderConfig } from '../config/recommender-config.ts';
import { createRecommender, resetRecommender, type Recommender } from '../service/recommender.ts';
import { ensureRecommenderSchema } from '../store/recommender-schema.ts';
import type { TrainOptionsInput } from '../training/train-options.ts';
import type { TrainingStorage } from '../distributed/training-storage.ts';
import { createDemoCsv } from './http-test-kit.ts';

/** An engine the suite's database tests run on. */
export type TestEngine = ReturnType<typeof testEngines>[number];
export type TestDb = Awaited<ReturnType<typeof createTestDb>>;

/** The admin key the kit sets, for `x-admin-key`. */
export const TEST_ADMIN_KEY = 'test-admin';

export interface RecommenderTestKit {
  readonly engine: TestEngine;
  readonly db: TestDb;
  /** The model folder `reinstall()` serves from by default (a filesystem store). */
  readonly modelDir: string;
  /** The installed recommender (the one `getRecommender()` returns). */
  readonly recommender: Recommender;
  /**
   * Install a new recommender on the same database: by default on the same model folder; with `emptyStore`,
   * on a new empty one (serving without a model); with `config`, under those settings.
   */
  reinstall(options?: { emptyStore?: boolean; config?: RecommenderConfig }): Recommender;
  /** Forget the singleton, close the database and remove the model folders. */
  dispose(): Promise<void>;
}

/**
 * @example
 * describe.each(testEngines())('on %s', (engine) => {
 *   let kit: RecommenderTestKit;
 *   beforeAll(async () => { kit = await createRecommenderTestKit(engine); });
 *   afterAll(() => kit.dispose());
 * });
 */
export async function createRecommenderTestKit(
  engine: TestEngine,
  options: {
    config?: RecommenderConfig;
    trainingStorage?: TrainingStorage;
    /** Wraps each model folder's store (a test's gate on publishes: holdPublishes of @suite/shared/testing). */
    wrapStore?: (store: ModelStore) => ModelStore;
  } = {},
): Promise<RecommenderTestKit> {
  process.env.ADMIN_KEY = TEST_ADMIN_KEY;
  resetSharedConfig();
  const dir = await mkdtemp(join(tmpdir(), `recommender-${engine}-`));
  const db = await createTestDb(engine);
  // The engine starts and the migrations run here, in the caller's hook, not inside the first test's timeout.
  await ensureRecommenderSchema(db);
  let stores = 0;
  let current: Recommender;
  const reinstall: RecommenderTestKit['reinstall'] = (o = {}) => {
    const folder = o.emptyStore ? `models-${++stores}` : 'models';
    current = createRecommender({
      db,
      store: (options.wrapStore ?? ((store) => store))(createFsModelStore(join(dir, folder))),
      refreshIntervalMs: 0,
      ...(options.trainingStorage ? { trainingStorage: options.trainingStorage } : {}),
      ...((o.config ?? options.config) ? { config: o.config ?? options.config } : {}),
    });
    resetRecommender(current);
    return current;
  };
  reinstall();
  return {
    engine,
    db,
    modelDir: join(dir, 'models'),
    get recommender() {
      return current;
    },
    reinstall,
    async dispose() {
      resetRecommender();
      await db.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The demo world of the HTTP tests: 60 users, 40 items, 15 ratings each (fixed seed). */
export const DEMO = createDemoCsv({ nUsers: 60, nItems: 40, perUser: 15 });

/** Import the demo users, items and ratings through the service, and train a model when `train` is given. */
export async function seedDemo(recommender: Recommender, train?: TrainOptionsInput): Promise<void> {
  await recommender.importData('users', DEMO.users, 'csv');
  await recommender.importData('items', DEMO.items, 'csv');
  await recommender.importData('ratings', DEMO.ratings, 'csv');
  if (train) await recommender.train(train);
}
