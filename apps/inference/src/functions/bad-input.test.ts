// Every request is checked against the signature before the runtime: 400 problem+json naming the input and what
// was expected; a model that does not load is refused on publish and never served.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, beforeAll } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { ADMIN, bodyOf, ctx, readTestModel, request, useTestInference } from '../testing/http-test-kit.ts';
import { putModel } from './models-publish.ts';
import { predict } from './models-predict.ts';
import { v2ModelInfer } from './v2-model-infer.ts';
import { v2ModelReady } from './v2-server-metadata.ts';

const NAME = 'iris';
const ROW = [5.1, 3.5, 1.4, 0.2];

const predictWith = (body: unknown, name = NAME) =>
  predict(request('POST', `/models/${name}:predict`, { params: { name }, body }), ctx());
const inferWith = (inputs: unknown) =>
  v2ModelInfer(
    request('POST', `/v2/models/${NAME}/infer`, { params: { name: NAME }, body: { inputs } }),
    ctx(),
  );
const detailOf = (res: { jsonBody?: unknown }) => JSON.stringify(res.jsonBody);

describe.each(testEngines())('bad input on %s', (engine) => {
  useTestInference(engine);
  beforeAll(async () => {
    const res = await putModel(
      request('PUT', `/models/${NAME}`, {
        params: { name: NAME },
        bytes: readTestModel('iris-logreg').bytes,
        headers: ADMIN,
      }),
      ctx(),
    );
    expect(res.status).toBe(201);
  });

  it('refuses bytes ONNX Runtime cannot load, and serves nothing under that name', async () => {
    const res = await putModel(
      request('PUT', '/models/broken', {
        params: { name: 'broken' },
        bytes: new TextEncoder().encode('not onnx'),
        headers: ADMIN,
      }),
      ctx(),
    );
    expect(res.status).toBe(400);
    expect(detailOf(res)).toMatch(/cannot load this model/);
    expect((await predictWith({ instances: [ROW] }, 'broken')).status).toBe(404);
  });

  it('needs the admin key to publish, and a JSON object as metadata', async () => {
    const bytes = readTestModel('iris-logreg').bytes;
    expect(
      (await putModel(request('PUT', '/models/x', { params: { name: 'x' }, bytes }), ctx())).status,
    ).toBe(401);
    const bad = await putModel(
      request('PUT', '/models/x', {
        params: { name: 'x' },
        bytes,
        headers: { ...ADMIN, 'x-model-metadata': '[1,2' },
      }),
      ctx(),
    );
    expect(bad.status).toBe(400);
    expect(detailOf(bad)).toMatch(/x-model-metadata/);
  });

  it('refuses a form upload or JSON as the model with a 415 saying how to send the bytes', async () => {
    const bytes = readTestModel('iris-logreg').bytes;
    const boundary = '----suite';
    const form = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="iris.onnx"\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const put = (body: Uint8Array, type: string) =>
      putModel(
        request('PUT', '/models/x', {
          params: { name: 'x' },
          bytes: body,
          headers: { ...ADMIN, 'content-type': type },
        }),
        ctx(),
      );
    const multipart = await put(new Uint8Array(form), `multipart/form-data; boundary=${boundary}`);
    expect(multipart.status).toBe(415);
    expect(multipart.jsonBody).toMatchObject({ code: 'unsupported_media_type' });
    expect(detailOf(multipart)).toMatch(/--data-binary @model.onnx.*a form upload \(curl -F\)/);
    expect((await put(new TextEncoder().encode('{"model":"..."}'), 'application/json')).status).toBe(415);
    // The bytes as they are, under curl --data-binary's default type too.
    expect((await put(bytes, 'application/x-www-form-urlencoded')).status).toBe(201);
  });

  it('publishes a model sent gzip-compressed as the model itself, and refuses a coding it cannot undo', async () => {
    const { bytes } = readTestModel('iris-logreg');
    const put = (body: Uint8Array, encoding: string) =>
      putModel(
        request('PUT', '/models/zipped', {
          params: { name: 'zipped' },
          bytes: body,
          headers: { ...ADMIN, 'content-type': 'application/octet-stream', 'content-encoding': encoding },
        }),
        ctx(),
      );
    const zipped = await put(new Uint8Array(gzipSync(bytes)), 'gzip');
    expect(zipped.status).toBe(201);
    expect(bodyOf(zipped)['sha256']).toBe(createHash('sha256').update(bytes).digest('hex'));
    const zstd = await put(bytes, 'zstd');
    expect([zstd.status, bodyOf(zstd)['code']]).toEqual([415, 'unsupported_media_type']);
  });

  it('names the input and the expected shape for a row of the wrong width', async () => {
    const res = await predictWith({ instances: [[1, 2, 3]] });
    expect(res.status).toBe(400);
    expect(res.headers).toMatchObject({ 'content-type': 'application/problem+json' });
    expect(detailOf(res)).toContain('input \\"features\\": expected shape [N, 4], got [1, 3]');
  });

  it('refuses non-finite numbers (1e999 parses to Infinity), nulls, strings and FP32 overflow', async () => {
    for (const bad of ['1e999', 'null', '"5.1"', '1e39']) {
      const res = await predict(
        request('POST', `/models/${NAME}:predict`, {
          params: { name: NAME },
          body: `{"instances": [[${bad}, 3.5, 1.4, 0.2]]}`,
        }),
        ctx(),
      );
      expect(res.status, bad).toBe(400);
      expect(detailOf(res)).toMatch(/instances\[0\]\[0\].*a finite number \(FP32\)/);
      // The value as sent: 1e999 is Infinity (JSON.stringify wrote it "null"), 1e39 as a number.
      const got = { '1e999': 'Infinity', null: 'null', '"5.1"': '\\"5.1\\"', '1e39': '1e+39' }[bad];
      expect(detailOf(res)).toContain(`, got ${got}`);
    }
  });

  it('quotes a wrong value briefly, however large it is', async () => {
    const res = await predictWith({
      instances: [[3.5, Array.from({ length: 3000 }, (_, i) => i), 1.4, 0.2]],
    });
    expect(res.status).toBe(400);
    expect(detailOf(res)).toMatch(/got \[0,1,2,.*…/);
    expect(detailOf(res).length).toBeLessThan(1000);
  });

  it('says what body it takes when instances is missing, as for a TF Serving columnar request', async () => {
    const res = await predictWith({ inputs: { features: [ROW] } });
    expect(res.status).toBe(400);
    expect(res.jsonBody).toMatchObject({
      errors: [
        { path: 'instances', message: expect.stringMatching(/^required: \{"instances": \[\.\.\.\]\}/) },
      ],
    });
    expect(detailOf(res)).toMatch(/columnar \\"inputs\\" is not served/);
  });

  it('refuses ragged rows and unknown named inputs', async () => {
    expect((await predictWith({ instances: [ROW, [1, 2]] })).status).toBe(400);
    const res = await predictWith({ instances: [{ feature: ROW }] });
    expect(res.status).toBe(400);
    expect(detailOf(res)).toMatch(/no input \\"feature\\"/);
    const named = await predictWith({ instances: [{ features: ROW }] });
    expect(named.status).toBe(200);
  });

  it('v2: wrong datatype, wrong shape, wrong data length, missing and unknown inputs', async () => {
    const ok = { name: 'features', shape: [1, 4], datatype: 'FP32', data: ROW };
    expect((await inferWith([ok])).status).toBe(200);
    const cases: [unknown, RegExp][] = [
      [[{ ...ok, datatype: 'FP64' }], /expected datatype FP32, got FP64/],
      [[{ ...ok, shape: [4] }], /expected shape \[N, 4\], got \[4\]/],
      [
        [{ ...ok, data: [1, 2, 3] }],
        /the request's shape \[1, 4\] holds 4 elements, but the flat data has 3 elements/,
      ],
      [[{ ...ok, name: 'x' }], /no input \\"x\\"/],
      [[ok, ok], /given more than once/],
    ];
    for (const [inputs, message] of cases) {
      const res = await inferWith(inputs);
      expect(res.status).toBe(400);
      expect(detailOf(res)).toMatch(message);
    }
  });

  it("v2: names a datatype given by numpy's, Triton's or TensorFlow's name as the protocol calls it", async () => {
    const ok = { name: 'features', shape: [1, 4], datatype: 'FP32', data: ROW };
    const cases: [string, string][] = [
      ['fp32', 'got fp32, which the protocol calls FP32'],
      ['float32', 'got float32, which the protocol calls FP32'],
      ['TYPE_FP32', 'got TYPE_FP32, which the protocol calls FP32'],
      ['DT_FLOAT', 'got DT_FLOAT, which the protocol calls FP32'],
      ['tensor(float)', 'got tensor(float), which the protocol calls FP32'],
      ['float64', 'got float64, which the protocol calls FP64; this input takes FP32'],
      ['FP33', 'got FP33, which is not a protocol datatype (BOOL, UINT8, UINT16, UINT32, UINT64, INT8'],
    ];
    for (const [datatype, hint] of cases) {
      const res = await inferWith([{ ...ok, datatype }]);
      expect(res.status).toBe(400);
      expect(detailOf(res)).toContain(`input \\"features\\": expected datatype FP32, ${hint}`);
    }
    // A protocol datatype that is merely the wrong one keeps the plain message.
    expect(detailOf(await inferWith([{ ...ok, datatype: 'INT64' }]))).toMatch(/got INT64"/);
  });

  it("v2: nested data with fewer rows than its shape names the shape sent, not the model's", async () => {
    const res = await inferWith([{ name: 'features', shape: [2, 4], datatype: 'FP32', data: [ROW] }]);
    expect(res.status).toBe(400);
    expect(detailOf(res)).toContain(
      "expected an array of 2 elements (the request's shape [2, 4]), got 1 element",
    );
  });

  it("v2: a shape with the metadata's -1, and inputs sent as an object, are 400s saying what to send", async () => {
    const dynamic = await inferWith([{ name: 'features', shape: [-1, 4], datatype: 'FP32', data: ROW }]);
    expect(dynamic.status).toBe(400);
    expect(dynamic.jsonBody).toMatchObject({
      errors: [
        {
          path: 'inputs.0.shape.0',
          message:
            '-1 marks a dynamic dimension in the model metadata; a request gives the size it sends (e.g. [1, 4])',
        },
      ],
    });
    const columnar = await inferWith({ features: [ROW] });
    expect(columnar.status).toBe(400);
    expect(detailOf(columnar)).toContain('inputs: an array of tensors, [{\\"name\\", \\"shape\\"');
  });

  it('answers 404 for a model never published, and says a published one is ready', async () => {
    const res = await predictWith({ instances: [ROW] }, 'nothing-here');
    expect(res.status).toBe(404);
    const ready = (name: string) =>
      v2ModelReady(request('GET', `/v2/models/${name}/ready`, { params: { name } }), ctx());
    expect((await ready('nothing-here')).status).toBe(404);
    expect((await ready(NAME)).jsonBody).toMatchObject({ name: NAME, ready: true });
  });
});
