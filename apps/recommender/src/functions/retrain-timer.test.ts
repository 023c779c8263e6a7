// The retrain timer on real database engines: it trains with RETRAIN_OPTIONS under the same rules as
// POST /api/train (the training budget, one job at a time).
import { ConflictError, ValidationError } from '@suite/shared/errors';
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecommenderConfig } from '../config/recommender-config.ts';
import { call } from '../testing/http-test-kit.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { createLoggedContext, createTestTimer } from '../testing/timer-test-kit.ts';
import { recommendations } from './recommendations.ts';
import { retrainTimer } from './retrain-timer.ts';
import { train } from './train.ts';

const config = loadRecommenderConfig({ RETRAIN_OPTIONS: '{"kind":"mf","k":2,"epochs":2}' });

describe.each(testEngines())('retrainTimer on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine, { config });
    await seedDemo(kit.recommender);
  });
  afterAll(async () => {
    await kit.dispose();
  });

  const servedVersion = async (): Promise<string | null> =>
    (await call(recommendations, { params: { id: '3' }, query: { k: '1' } })).body.modelVersion;

  it('trains with RETRAIN_OPTIONS, publishes, and logs the version it serves', async () => {
    const { context, lines } = createLoggedContext('retrainTimer');
    await retrainTimer(createTestTimer(), context);
    const version = await servedVersion();
    expect(version).not.toBeNull();
    expect(lines.join('\n')).toContain(`retrained ${config.RECOMMENDER_MODEL_NAME} ${version}`);
    expect((await kit.recommender.tryModel())?.model.k).toBe(2);
  });

  it('is refused while another training job runs, as a second HTTP job would be, and trains once it ends', async () => {
    // Hold a job active until the test releases it: a real training job on demo data can end before the timer
    // asks, so racing two of them proves nothing (and once did, on a loaded CI machine, fail for that reason).
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const held = await kit.recommender.jobs.start('train', { held: true }, () => gate);
    try {
      const timer = retrainTimer(createTestTimer(), createLoggedContext('retrainTimer').context);
      await expect(timer).rejects.toBeInstanceOf(ConflictError);
      const job = { body: { kind: 'mf', k: 2, epochs: 2 }, headers: { 'x-admin-key': TEST_ADMIN_KEY } };
      expect((await call(train, job)).status).toBe(409);
    } finally {
      release();
      await held.done;
    }
    const { context, lines } = createLoggedContext('retrainTimer');
    await retrainTimer(createTestTimer(), context);
    expect(lines.join('\n')).toContain(`retrained ${config.RECOMMENDER_MODEL_NAME}`);
  });

  it('obeys the training budget even with settings that skipped validation at start', async () => {
    const before = await servedVersion();
    kit.reinstall({ config: { ...config, RETRAIN_OPTIONS: { k: 256, epochs: 500, blend: 8 } } });
    const run = retrainTimer(createTestTimer(), createLoggedContext('retrainTimer').context);
    await expect(run).rejects.toBeInstanceOf(ValidationError);
    await expect(run).rejects.toThrow(/exceeds the budget/);
    expect(await servedVersion()).toBe(before);
  });
});
