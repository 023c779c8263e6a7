// PUT /api/models/{name}/onnx on real database engines: scikit-learn's exported IsolationForest published through
// the app, scored by POST /api/detect as scikit-learn scores it, listed with its versions; refusals are 400s.
import { readFileSync } from 'node:fs';
import { HttpRequest } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { bodyOf, ctx, request, useTestAnomaly } from '../testing/http-test-kit.ts';
import { postDetect } from './detect.ts';
import { listModels } from './models.ts';
import { putModelOnnx } from './models-onnx.ts';

const MODELS = new URL('../../../inference/models/', import.meta.url);
const onnxFile = (name: string) => new Uint8Array(readFileSync(new URL(name, MODELS)));
const { inputs, outputs } = (
  JSON.parse(readFileSync(new URL('iforest.json', MODELS), 'utf8')) as {
    reference: { inputs: { features: number[][] }; outputs: { scores: number[][]; label: number[] } };
  }
).reference;

const put = (name: string, bytes: Uint8Array, query = '', admin = true) =>
  putModelOnnx(
    new HttpRequest({
      method: 'PUT',
      url: `http://localhost:7073/api/models/${name}/onnx${query}`,
      query: Object.fromEntries(new URLSearchParams(query)),
      params: { name },
      headers: {
        'content-type': 'application/octet-stream',
        ...(admin ? { 'x-admin-key': 'test-admin' } : {}),
      },
      body: { bytes },
    }),
    ctx(),
  );

describe.each(testEngines())('scikit-learn IsolationForest from ONNX over HTTP on %s', (engine) => {
  useTestAnomaly(engine);

  it('publishes the export as a named model that detects as decision_function and predict do', async () => {
    const res = await put('notebook-iforest', onnxFile('iforest.onnx'));
    expect(res.status).toBe(201);
    expect(bodyOf(res)).toMatchObject({
      name: 'notebook-iforest',
      source: 'onnx',
      features: 4,
      trees: 25,
      sampleSize: 128,
      threshold: 0.5,
      onnx: { output: 'scores', a: -1, b: 0.5 },
    });
    const detect = await postDetect(
      request('POST', '/detect', { body: { model: 'notebook-iforest', rows: inputs.features } }),
      ctx(),
    );
    expect(detect.status).toBe(200);
    const results = bodyOf(detect)['results'] as Array<{ decision: number; anomaly: boolean }>;
    results.forEach((r, i) => {
      expect(Math.abs(r.decision - outputs.scores[i]![0]!)).toBeLessThan(1e-5);
      expect(r.anomaly ? -1 : 1).toBe(outputs.label[i]);
    });
    const listed = bodyOf(await listModels(request('GET', '/models'), ctx()))['models'] as Array<{
      name: string;
      versions: Array<{ metadata: Record<string, unknown> }>;
    }>;
    const entry = listed.find((m) => m.name === 'notebook-iforest')!;
    expect(entry.versions[0]!.metadata).toMatchObject({ source: 'onnx', sampleSize: 128 });
  });

  it('answers 400 problem+json naming the input, the graph or the body, 401 without the admin key', async () => {
    const wide = await put('wide', onnxFile('iforest.onnx'), '?features=6');
    expect(wide.status).toBe(400);
    expect(new Headers(wide.headers).get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(wide.jsonBody)).toContain('the model takes 4 features per row, expected 6');
    const classifier = await put('wine', onnxFile('wine-forest.onnx'));
    expect(classifier.status).toBe(400);
    expect(JSON.stringify(classifier.jsonBody)).toContain('not an IsolationForest');
    expect((await put('empty', new Uint8Array(0))).status).toBe(400);
    expect((await put('series-x', onnxFile('iforest.onnx'))).status).toBe(400);
    expect((await put('anon', onnxFile('iforest.onnx'), '', false)).status).toBe(401);
    const width = await postDetect(
      request('POST', '/detect', { body: { model: 'notebook-iforest', rows: [[1, 2, 3]] } }),
      ctx(),
    );
    expect(width.status).toBe(400);
  });
});
