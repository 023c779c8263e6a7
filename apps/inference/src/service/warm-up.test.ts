// Cold start: warmUp at app start connects the database and loads the named models, so the first request finds
// them loaded (here: served after the store's files are gone); a name never published fails the warm-up only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { loadInferenceConfig } from '../config/inference-config.ts';
import { readTestModel } from '../testing/http-test-kit.ts';
import { createInference } from './inference.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe.each(testEngines())('warm-up on %s', (engine) => {
  it('loads INFERENCE_PRELOAD models before their first request', async () => {
    const db = await createTestDb(engine);
    const dir = mkdtempSync(join(tmpdir(), 'inference-warm-'));
    cleanups.push(
      () => db.dispose(),
      () => rmSync(dir, { recursive: true, force: true }),
    );
    const model = readTestModel('wine-mlp');
    // Published by another instance: this one has never loaded it.
    const { version } = await createFsModelStore(dir).publish('wine', model.bytes);
    const service = createInference({
      db,
      store: createFsModelStore(dir),
      config: loadInferenceConfig({ INFERENCE_PRELOAD: 'wine' }),
      refreshIntervalMs: 60_000,
    });
    await service.warmUp(service.config.preload);
    rmSync(dir, { recursive: true, force: true }); // nothing left to load from: the answer comes from memory
    const answer = await service.predict('wine', [model.reference.inputs['features']![0]!]);
    expect(answer.modelVersion).toBe(version);
    await expect(service.warmUp(['never-published'])).rejects.toThrow(/never-published/);
  });
});

describe('INFERENCE_PRELOAD', () => {
  it('reads names separated by commas and refuses anything else, naming the variable', () => {
    expect(loadInferenceConfig({ INFERENCE_PRELOAD: ' iris, wine-mlp ' }).preload).toEqual([
      'iris',
      'wine-mlp',
    ]);
    expect(loadInferenceConfig({}).preload).toEqual([]);
    expect(() => loadInferenceConfig({ INFERENCE_PRELOAD: 'Iris;DROP' })).toThrow(/INFERENCE_PRELOAD/);
  });
});
