// A fresh instance on a store whose `latest` is garbage (not an ONNX graph: another tool's file under the name, a
// broken upload that bypassed publish's check) still predicts with the model it replaced, and /api/health says so.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetDb } from '@suite/shared/db';
import { createFsModelStore, describeModel } from '@suite/shared/models';
import { createTestDb, testEngines, healthModels, overwriteFsLatestPointer } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadInferenceConfig } from '../config/inference-config.ts';
import { health } from '../functions/health.ts';
import { readTestModel } from '../testing/http-test-kit.ts';
import { createInference } from './inference.ts';

describe.each(testEngines())('inference on a latest model that does not decode, on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb(engine);
    dir = await mkdtemp(join(tmpdir(), 'inference-fallback-'));
  });
  afterAll(async () => {
    await db.dispose();
    await rm(dir, { recursive: true, force: true });
    await resetDb(); // the one health's probe opened
  });

  it("with no version that loads, a predict is a 500 naming the stored model, not the caller's 400", async () => {
    const rows = [readTestModel('wine-mlp').reference.inputs['features']![0]!];
    const store = createFsModelStore(dir);
    const broken = await store.publish('only-broken', new TextEncoder().encode('not an onnx graph'));
    const service = createInference({
      db,
      store,
      config: loadInferenceConfig({}),
      refreshIntervalMs: 60_000,
    });
    const error = await service.predict('only-broken', rows).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, code: 'model_unloadable' });
    expect(String((error as Error).message)).toContain(`only-broken@${broken.version}`);
  });

  it('a fresh instance still predicts with the previous model, and health reports the fallback', async () => {
    const model = readTestModel('wine-mlp');
    const rows = [model.reference.inputs['features']![0]!];
    const instance = () =>
      createInference({
        db,
        store: createFsModelStore(dir),
        config: loadInferenceConfig({}),
        refreshIntervalMs: 60_000,
      });
    const good = await createFsModelStore(dir).publish('wine', model.bytes);
    const before = await instance().predict('wine', rows);
    expect(before.modelVersion).toBe(good.version);
    const foreign = await createFsModelStore(dir).publish(
      'wine',
      new TextEncoder().encode('not an onnx graph'),
    );

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const after = await instance().predict('wine', rows);
      expect(after).toEqual(before);
      expect(errors.mock.calls.some(([line]) => String(line).includes(foreign.version))).toBe(true);

      expect(await healthModels(health)).toContainEqual(
        expect.objectContaining({
          cache: 'inference',
          name: 'wine',
          version: good.version,
          fallback: expect.objectContaining({ latest: foreign.version }),
        }),
      );
    } finally {
      errors.mockRestore();
    }
  });

  it('a fresh instance predicts with the newest version that loads when latest names a version not stored', async () => {
    const model = readTestModel('wine-mlp');
    const rows = [model.reference.inputs['features']![0]!];
    const store = createFsModelStore(dir);
    const good = await store.publish('wine-pointer', model.bytes);
    const missing = '20991231T235959999Z-abcdef';
    await overwriteFsLatestPointer(dir, 'wine-pointer', JSON.stringify({ ...good, version: missing }));

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const service = createInference({
        db,
        store,
        config: loadInferenceConfig({}),
        refreshIntervalMs: 60_000,
      });
      expect((await service.predict('wine-pointer', rows)).modelVersion).toBe(good.version);
      expect(await healthModels(health)).toContainEqual(
        expect.objectContaining({
          cache: 'inference',
          name: 'wine-pointer',
          version: good.version,
          fallback: expect.objectContaining({ latest: missing }),
        }),
      );
    } finally {
      errors.mockRestore();
    }
  });

  it('lists the versions (latest null) when the latest pointer is not JSON, instead of a 500', async () => {
    const model = readTestModel('wine-mlp');
    const store = createFsModelStore(dir);
    const good = await store.publish('wine-garbled', model.bytes);
    await overwriteFsLatestPointer(dir, 'wine-garbled', 'not json {');

    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const service = createInference({
        db,
        store,
        config: loadInferenceConfig({}),
        refreshIntervalMs: 60_000,
      });
      const listing = await service.versions('wine-garbled');
      expect(listing.latest).toBeNull();
      expect(listing.versions.map((v) => v.version)).toEqual([good.version]);
      const described = await describeModel(store, 'wine-garbled');
      expect(described.served).toBeNull();
      expect(described.versions.map((v) => v.version)).toEqual([good.version]);
    } finally {
      warnings.mockRestore();
    }
  });
});
