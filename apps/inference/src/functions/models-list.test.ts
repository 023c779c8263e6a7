// GET /api/models: every published model once, with the version that serves it (a pin wins over the latest) and
// that version's own signature; an empty store is an empty list, not an error.
import { describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { createSumModel, INT64 } from '../testing/create-sum-model.ts';
import { ADMIN, bodyOf, ctx, readTestModel, request, useTestInference } from '../testing/http-test-kit.ts';
import { listModels } from './models-list.ts';
import { putModelPin } from './models-pin.ts';
import { putModel } from './models-publish.ts';

const publish = async (name: string, bytes: Uint8Array) => {
  const res = await putModel(
    request('PUT', `/models/${name}`, { params: { name }, bytes, headers: ADMIN }),
    ctx(),
  );
  expect(res.status).toBe(201);
  return (bodyOf(res) as { version: string }).version;
};

interface Listed {
  models: Array<{
    name: string;
    serving: string;
    latest: string;
    pinned: string | null;
    versionCount: number;
    signature: { inputs: Array<{ name: string; shape: number[] }> };
    metadata: Record<string, unknown>;
  }>;
}
const list = async () => {
  const res = await listModels(request('GET', '/models'), ctx());
  expect(res.status).toBe(200);
  return bodyOf(res) as unknown as Listed;
};

describe.each(testEngines())('GET /api/models on %s', (engine) => {
  useTestInference(engine);

  it('lists each model once with the serving version and its signature, following a pin', async () => {
    expect(await list()).toEqual({
      models: [],
      // The filesystem store issues no upload URLs: a model over the body limit cannot be published here.
      limits: { bodyBytes: 95 * 1024 * 1024, uploadBytes: 2048 * 1024 * 1024, uploadUrls: false },
    });
    await publish('iris', readTestModel('iris-logreg').bytes);
    const narrow = await publish('sum', createSumModel(INT64, 2));
    const wide = await publish('sum', createSumModel(INT64, 5));
    const before = await list();
    expect(before.models.map((m) => m.name)).toEqual(['iris', 'sum']);
    const sum = before.models[1]!;
    expect(sum).toMatchObject({ serving: wide, latest: wide, pinned: null, versionCount: 2 });
    expect(sum.signature.inputs.map((i) => i.shape)).toEqual([
      [-1, 5],
      [-1, 5],
    ]);

    const pin = await putModelPin(
      request('PUT', '/models/sum/pin', {
        params: { name: 'sum' },
        body: { version: narrow },
        headers: ADMIN,
      }),
      ctx(),
    );
    expect(pin.status).toBe(200);
    const after = (await list()).models[1]!;
    expect(after).toMatchObject({ serving: narrow, latest: wide, pinned: narrow });
    // The pinned version's own signature, not the latest's.
    expect(after.signature.inputs[0]!.shape).toEqual([-1, 2]);
  });
});
