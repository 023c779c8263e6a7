// Versions and roll back: a pin serves an older version at once on this instance, unpinning serves the latest,
// and every answer names the version that served it.
import { describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { ADMIN, bodyOf, ctx, readTestModel, request, useTestInference } from '../testing/http-test-kit.ts';
import { putModel } from './models-publish.ts';
import { deleteModelPin, putModelPin } from './models-pin.ts';
import { predict } from './models-predict.ts';
import { getModelVersions } from './models-versions.ts';
import { v2ModelInfer } from './v2-model-infer.ts';
import { v2ModelMetadata } from './v2-model-metadata.ts';

const NAME = 'wine';
const ROW = readTestModel('wine-mlp').reference.inputs['features']![0]!;

const publish = async (file: 'wine-mlp' | 'wine-forest') => {
  const res = await putModel(
    request('PUT', `/models/${NAME}`, {
      params: { name: NAME },
      bytes: readTestModel(file).bytes,
      headers: ADMIN,
    }),
    ctx(),
  );
  expect(res.status).toBe(201);
  return (bodyOf(res) as { version: string }).version;
};
const served = async () => {
  const res = await predict(
    request('POST', `/models/${NAME}:predict`, { params: { name: NAME }, body: { instances: [ROW] } }),
    ctx(),
  );
  expect(res.status).toBe(200);
  return bodyOf(res) as { modelVersion: string; predictions: unknown[] };
};

describe.each(testEngines())('versions and pins on %s', (engine) => {
  useTestInference(engine);

  it('serves the latest, rolls back to a pinned version, and returns to the latest when unpinned', async () => {
    const first = await publish('wine-mlp');
    expect((await served()).modelVersion).toBe(first);
    const second = await publish('wine-forest');
    const latest = await served();
    expect(latest.modelVersion).toBe(second);
    // The forest answers {label, probabilities}; the MLP a bare probability row: the versions really differ.
    expect(latest.predictions[0]).toHaveProperty('label');

    const pin = await putModelPin(
      request('PUT', `/models/${NAME}/pin`, {
        params: { name: NAME },
        body: { version: first },
        headers: ADMIN,
      }),
      ctx(),
    );
    expect(pin.status).toBe(200);
    expect(bodyOf(pin)).toMatchObject({ latest: second, pinned: first, serving: first });
    const rolledBack = await served();
    expect(rolledBack.modelVersion).toBe(first);
    expect(Array.isArray(rolledBack.predictions[0])).toBe(true);

    const listing = bodyOf(
      await getModelVersions(request('GET', `/models/${NAME}/versions`, { params: { name: NAME } }), ctx()),
    );
    expect(listing).toMatchObject({ latest: second, pinned: first, serving: first });
    expect((listing['versions'] as { version: string }[]).map((v) => v.version)).toEqual([first, second]);

    // The Open Inference Protocol's /versions/{version} routes reach any published version, pinned or not.
    const versioned = await v2ModelInfer(
      request('POST', `/v2/models/${NAME}/versions/${second}/infer`, {
        params: { name: NAME, version: second },
        body: { inputs: [{ name: 'features', shape: [1, 13], datatype: 'FP32', data: ROW }] },
      }),
      ctx(),
    );
    expect(bodyOf(versioned)).toMatchObject({ model_version: second });
    expect((bodyOf(versioned)['outputs'] as { name: string }[]).map((o) => o.name)).toEqual([
      'label',
      'probabilities',
    ]);
    const meta = await v2ModelMetadata(
      request('GET', `/v2/models/${NAME}/versions/${first}`, { params: { name: NAME, version: first } }),
      ctx(),
    );
    expect(bodyOf(meta)).toMatchObject({ versions: [first, second], outputs: [{ name: 'probabilities' }] });
    const never = await v2ModelMetadata(
      request('GET', `/v2/models/${NAME}/versions/20200101T000000000Z-abcdef`, {
        params: { name: NAME, version: '20200101T000000000Z-abcdef' },
      }),
      ctx(),
    );
    expect(never.status).toBe(404);

    const unpin = await deleteModelPin(
      request('DELETE', `/models/${NAME}/pin`, { params: { name: NAME }, headers: ADMIN }),
      ctx(),
    );
    expect(bodyOf(unpin)).toMatchObject({ pinned: null, serving: second });
    expect((await served()).modelVersion).toBe(second);
  });

  it('refuses a pin to a version never published (404) and pins without the admin key (401)', async () => {
    const version = '20200101T000000000Z-abcdef';
    const missing = await putModelPin(
      request('PUT', `/models/${NAME}/pin`, { params: { name: NAME }, body: { version }, headers: ADMIN }),
      ctx(),
    );
    expect(missing.status).toBe(404);
    const anonymous = await putModelPin(
      request('PUT', `/models/${NAME}/pin`, { params: { name: NAME }, body: { version } }),
      ctx(),
    );
    expect(anonymous.status).toBe(401);
  });
});
