import { describe, expect, it } from 'vitest';
import { watchLoopStalls } from '../testing/loop-stalls.ts';
import { getDemoKnowledgeBase } from './demo-knowledge-bases.ts';
import { knowledgeBaseHash } from './knowledge-base-file.ts';
import { knowledgeBaseExamples } from './knowledge-base-training.ts';
import { trainInWorker, trainKnowledgeBaseClassifier, TrainingWorkerError } from './worker-training.ts';

// The shipped demo in its three languages: the app's default, and its largest training (six fits with calibration).
const kb = getDemoKnowledgeBase(['en', 'zh', 'es']);
const options = { minConfidence: 0.55 };

describe('training in a worker thread', () => {
  it('trains the classifier the event loop would, and keeps the loop turning meanwhile', async () => {
    const stalls = watchLoopStalls();
    const started = performance.now();
    const inWorker = await trainKnowledgeBaseClassifier(kb, [], undefined, { ...options, thread: 'worker' });
    const wallMs = performance.now() - started;
    const longestStall = stalls.stop();
    // Behaviour, not speed: on the loop, one stall lasts the whole training; here none comes near it, however
    // loaded the machine (both stretch alike). The generous share leaves room for scheduling and GC pauses.
    expect(longestStall).toBeLessThan(wallMs / 4);

    const here = await trainKnowledgeBaseClassifier(kb, [], undefined, { ...options, thread: 'main' });
    expect(inWorker.classifier.labels).toEqual(here.classifier.labels);
    expect(inWorker.classifier.data.model.weights).toEqual(here.classifier.data.model.weights);
    expect(inWorker.classifier.data.languageTemperatures).toEqual(here.classifier.data.languageTemperatures);
    expect(inWorker.info).toMatchObject({ kbHash: here.info.kbHash, examples: here.info.examples });
    for (const message of ['where is my new card?', '新卡还没收到', 'mi tarjeta no ha llegado'])
      expect(inWorker.classifier.predict(message)).toEqual(here.classifier.predict(message));
  }, 180_000);

  it('stalls the event loop for the whole training with TRAINING_THREAD=main', async () => {
    const stalls = watchLoopStalls();
    const started = performance.now();
    await trainKnowledgeBaseClassifier(kb, [], undefined, { ...options, thread: 'main' });
    expect(stalls.stop()).toBeGreaterThan((performance.now() - started) / 2);
  }, 180_000);

  it('turns a throw in the worker into a TrainingWorkerError naming it, and the app lives on', async () => {
    const empty = { examples: [], feedbackExamples: 0, feedbackMaxId: 0, kbHash: knowledgeBaseHash(kb) };
    const failed = trainInWorker({ kb, set: empty, encoder: undefined, options });
    await expect(failed).rejects.toBeInstanceOf(TrainingWorkerError);
    await expect(failed).rejects.toMatchObject({
      code: 'training_failed',
      status: 500,
      message: expect.stringMatching(/worker thread: RangeError: .*at least one example/),
    });
  }, 180_000);

  it('reports a worker that runs out of memory', async () => {
    const set = knowledgeBaseExamples(kb, []);
    const failed = trainInWorker(
      { kb, set, encoder: undefined, options },
      { resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 } },
    );
    await expect(failed).rejects.toMatchObject({
      code: 'training_failed',
      message: expect.stringMatching(/memory limit/),
    });
  }, 180_000);

  it('reports a worker stopped before it answered', async () => {
    const controller = new AbortController();
    const set = knowledgeBaseExamples(kb, []);
    const failed = trainInWorker({ kb, set, encoder: undefined, options }, { signal: controller.signal });
    controller.abort();
    await expect(failed).rejects.toMatchObject({
      code: 'training_worker_exited',
      message: expect.stringMatching(/exited with code \d+ before it answered \(stopped\)/),
    });
  }, 180_000);
});
