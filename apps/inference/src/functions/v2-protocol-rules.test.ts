// Rules of the Open Inference Protocol the handlers follow beyond the request's shape: an output requested twice is
// refused (as Triton refuses it), model metadata lists every version the /versions/{version} routes serve, and a
// server or model that is not ready answers the spec's 4xx, not a 5xx.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInferenceConfig } from '../config/inference-config.ts';
import { createInference, resetInference } from '../service/inference.ts';
import { ADMIN, bodyOf, ctx, readTestModel, request, useTestInference } from '../testing/http-test-kit.ts';
import { putModel } from './models-publish.ts';
import { v2Ready } from './v2-health.ts';
import { v2ModelInfer } from './v2-model-infer.ts';
import { v2ModelMetadata } from './v2-model-metadata.ts';
import { v2ModelReady } from './v2-server-metadata.ts';

const NAME = 'iris';
const FEATURES = { name: 'features', shape: [1, 4], datatype: 'FP32', data: [5.1, 3.5, 1.4, 0.2] };

const publish = async (metadata: Record<string, unknown>) => {
  const res = await putModel(
    request('PUT', `/models/${NAME}`, {
      params: { name: NAME },
      bytes: readTestModel('iris-logreg').bytes,
      headers: { ...ADMIN, 'x-model-metadata': JSON.stringify(metadata) },
    }),
    ctx(),
  );
  expect(res.status).toBe(201);
  return (bodyOf(res) as { version: string }).version;
};

describe('the v2 routes on a model with two versions', () => {
  useTestInference('pglite');
  let first = '';
  let second = '';
  beforeAll(async () => {
    first = await publish({ note: 'first' });
    second = await publish({ note: 'second' }); // the same bytes with other metadata: a new version
  });

  it('refuses an output requested twice with a 400 naming it, answers each output once, all for an empty list', async () => {
    const infer = (outputs: { name: string }[]) =>
      v2ModelInfer(
        request('POST', `/v2/models/${NAME}/infer`, {
          params: { name: NAME },
          body: { inputs: [FEATURES], outputs },
        }),
        ctx(),
      );
    const twice = await infer([{ name: 'label' }, { name: 'probabilities' }, { name: 'label' }]);
    expect(twice.status).toBe(400);
    expect(bodyOf(twice)['detail']).toMatch(/output "label" is requested more than once/);
    expect(bodyOf(twice)['errors']).toEqual([
      { path: 'outputs[2].name', message: expect.stringMatching(/outputs\[0\] and outputs\[2\]/) },
    ]);
    // An empty list asks for every output, as Triton reads it, not for none.
    const empty = await infer([]);
    expect((bodyOf(empty)['outputs'] as { name: string }[]).map((o) => o.name)).toEqual([
      'label',
      'probabilities',
    ]);
    const once = await infer([{ name: 'probabilities' }, { name: 'label' }]);
    expect((bodyOf(once)['outputs'] as { name: string }[]).map((o) => o.name)).toEqual([
      'probabilities',
      'label',
    ]);
  });

  it("lists every stored version in the metadata's versions, of the model and of a version", async () => {
    const latest = await v2ModelMetadata(
      request('GET', `/v2/models/${NAME}`, { params: { name: NAME } }),
      ctx(),
    );
    expect(bodyOf(latest)).toMatchObject({
      name: NAME,
      versions: [first, second],
      metadata: { note: 'second' },
    });
    const older = await v2ModelMetadata(
      request('GET', `/v2/models/${NAME}/versions/${first}`, { params: { name: NAME, version: first } }),
      ctx(),
    );
    expect(bodyOf(older)).toMatchObject({ versions: [first, second], metadata: { note: 'first' } });
  });

  it('names the version a model ready probe found serving', async () => {
    const ready = await v2ModelReady(
      request('GET', `/v2/models/${NAME}/ready`, { params: { name: NAME } }),
      ctx(),
    );
    expect(bodyOf(ready)).toEqual({ name: NAME, ready: true, version: second });
  });
});

describe('ready probes that find the server or a model not ready', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inference-not-ready-'));
  });
  afterAll(async () => {
    resetInference();
    await rm(dir, { recursive: true, force: true });
  });

  it("answers 400 not_ready naming why, the spec's 4xx, for a database that does not answer", async () => {
    const db = await createTestDb('pglite');
    await db.dispose(); // a closed database: ping answers false
    resetInference(
      createInference({
        db,
        store: createFsModelStore(dir),
        config: loadInferenceConfig({}),
        refreshIntervalMs: 60_000,
      }),
    );
    const res = await v2Ready(request('GET', '/v2/health/ready'), ctx());
    expect(res.status).toBe(400);
    expect(bodyOf(res)).toMatchObject({
      code: 'not_ready',
      detail: 'The server is not ready: the database does not answer.',
    });
  });

  it('answers 400 not_ready for a model whose only version ONNX Runtime cannot load, 404 for one never published', async () => {
    const db = await createTestDb('pglite');
    const store = createFsModelStore(dir);
    const broken = await store.publish('broken', new TextEncoder().encode('not an onnx graph'));
    resetInference(
      createInference({ db, store, config: loadInferenceConfig({}), refreshIntervalMs: 60_000 }),
    );
    const ready = (name: string) =>
      v2ModelReady(request('GET', `/v2/models/${name}/ready`, { params: { name } }), ctx());
    const res = await ready('broken');
    expect(res.status).toBe(400);
    expect(bodyOf(res)['code']).toBe('not_ready');
    expect(bodyOf(res)['detail']).toMatch(
      new RegExp(`^Model "broken" is not ready: .*broken@${broken.version}`),
    );
    expect((await ready('never-published')).status).toBe(404);
    await db.dispose();
  });
});
