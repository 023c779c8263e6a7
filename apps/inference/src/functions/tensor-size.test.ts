// A request's shapes are held to what its body can carry before any memory is set aside for its tensors: a model
// with two dynamic dimensions let a 100-byte request declare a 10^12-element tensor.
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { createSumModel, FLOAT } from '../testing/create-sum-model.ts';
import { ADMIN, bodyOf, ctx, request, useTestInference } from '../testing/http-test-kit.ts';
import { putModel } from './models-publish.ts';
import { predict } from './models-predict.ts';
import { v2ModelInfer } from './v2-model-infer.ts';

const NAME = 'sum-any-width';
const infer = (shape: number[], data: unknown[]) =>
  v2ModelInfer(
    request('POST', `/v2/models/${NAME}/infer`, {
      params: { name: NAME },
      body: {
        inputs: [
          { name: 'a', shape, datatype: 'FP32', data },
          { name: 'b', shape, datatype: 'FP32', data },
        ],
      },
    }),
    ctx(),
  );
const detailOf = (res: { jsonBody?: unknown }) => String(bodyOf(res)['detail']);

describe.each(testEngines())('tensor sizes on %s', (engine) => {
  useTestInference(engine);
  beforeAll(async () => {
    const res = await putModel(
      request('PUT', `/models/${NAME}`, {
        params: { name: NAME },
        bytes: createSumModel(FLOAT, 'W'),
        headers: ADMIN,
      }),
      ctx(),
    );
    expect(res.status).toBe(201);
  });

  it('v2: refuses a shape holding more elements than a request can carry, with a 400 naming the input', async () => {
    const res = await infer([1_000_000, 1_000_000], [1]);
    expect(res.status).toBe(400);
    expect(detailOf(res)).toMatch(
      /input "a": shape \[1000000, 1000000\] holds 1000000000000 elements, more than a request carries/,
    );
  });

  it('v2: a flat data array shorter than its shape is a 400 saying both sizes', async () => {
    const res = await infer([2000, 2000], [1, 2, 3]);
    expect(res.status).toBe(400);
    expect(detailOf(res)).toMatch(
      /input "a": the request's shape \[2000, 2000\] holds 4000000 elements, but the flat data has 3 elements/,
    );
    expect((await infer([1, 3], [1, 2, 3])).status).toBe(200);
  });

  it(':predict: refuses ragged rows whose first row and count would make a huge tensor', async () => {
    // One long first row and 99 999 empty ones: 6 MB of JSON whose first row makes it [100000, 1000000].
    const row = Array.from({ length: 1_000_000 }, () => 0);
    const rows: number[][] = [row, ...Array.from({ length: 99_999 }, () => [])];
    const res = await predict(
      request('POST', `/models/${NAME}:predict`, {
        params: { name: NAME },
        body: { instances: rows.map((r) => ({ a: r, b: r })) },
      }),
      ctx(),
    );
    expect(res.status).toBe(400);
    expect(detailOf(res)).toMatch(/more than a request carries/);
  });
});
