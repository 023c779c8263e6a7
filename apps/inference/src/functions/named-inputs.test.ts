// A model with two named INT64 inputs: instances as objects, typed tensors in v2, integer checks, a missing input,
// and 64-bit integers that JSON numbers cannot carry exactly coming back as strings.
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { createSumModel, INT64 } from '../testing/create-sum-model.ts';
import { ADMIN, bodyOf, ctx, request, useTestInference } from '../testing/http-test-kit.ts';
import { putModel } from './models-publish.ts';
import { predict } from './models-predict.ts';
import { v2ModelInfer } from './v2-model-infer.ts';

const NAME = 'sum';
const predictWith = (instances: unknown[]) =>
  predict(request('POST', `/models/${NAME}:predict`, { params: { name: NAME }, body: { instances } }), ctx());
const inferWith = (body: unknown) =>
  v2ModelInfer(request('POST', `/v2/models/${NAME}/infer`, { params: { name: NAME }, body }), ctx());

describe.each(testEngines())('a two-input INT64 model on %s', (engine) => {
  useTestInference(engine);
  beforeAll(async () => {
    const res = await putModel(
      request('PUT', `/models/${NAME}`, {
        params: { name: NAME },
        bytes: createSumModel(INT64, 2),
        headers: ADMIN,
      }),
      ctx(),
    );
    expect(res.status).toBe(201);
    expect((bodyOf(res)['signature'] as { inputs: unknown[] }).inputs).toEqual([
      expect.objectContaining({ name: 'a', datatype: 'INT64', shape: [-1, 2] }),
      expect.objectContaining({ name: 'b', datatype: 'INT64', shape: [-1, 2] }),
    ]);
  });

  it('takes instances naming every input and answers one row per instance', async () => {
    const res = await predictWith([
      { a: [1, 2], b: [10, 20] },
      { a: [-5, 0], b: [5, 7] },
    ]);
    expect(res.status).toBe(200);
    expect(bodyOf(res)['predictions']).toEqual([
      [11, 22],
      [0, 7],
    ]);
  });

  it('asks for objects when rows are plain, and names a missing input', async () => {
    const plain = await predictWith([[1, 2]]);
    expect(plain.status).toBe(400);
    expect(JSON.stringify(plain.jsonBody)).toMatch(/2 inputs \(\\"a\\", \\"b\\"\)/);
    const missing = await predictWith([{ a: [1, 2] }]);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.jsonBody)).toMatch(/input \\"b\\" is missing/);
  });

  it('refuses a fraction or a value outside the exact JSON range for INT64', async () => {
    for (const bad of [1.5, 2 ** 60]) {
      const res = await predictWith([{ a: [bad, 2], b: [1, 1] }]);
      expect(res.status, String(bad)).toBe(400);
      expect(JSON.stringify(res.jsonBody)).toMatch(/instances\[0\]\.a.*an integer from/);
    }
  });

  it('v2: both tensors typed INT64, a missing one named, a chosen output only', async () => {
    const a = { name: 'a', shape: [1, 2], datatype: 'INT64', data: [[9007199254740991, 1]] };
    const b = { name: 'b', shape: [1, 2], datatype: 'INT64', data: [1, 1] };
    const res = await inferWith({ inputs: [a, b], outputs: [{ name: 'sum' }] });
    expect(res.status).toBe(200);
    // 2^53 - 1 + 1 is exact in int64 but not as a JSON number: it comes back as a string.
    expect(bodyOf(res)['outputs']).toEqual([
      { name: 'sum', shape: [1, 2], datatype: 'INT64', data: ['9007199254740992', 2] },
    ]);
    const missing = await inferWith({ inputs: [a] });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.jsonBody)).toMatch(/input \\"b\\" is missing/);
    const unknownOutput = await inferWith({ inputs: [a, b], outputs: [{ name: 'total' }] });
    expect(unknownOutput.status).toBe(400);
    expect(JSON.stringify(unknownOutput.jsonBody)).toMatch(/no output \\"total\\"/);
  });
});
