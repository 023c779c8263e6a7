// The committed scikit-learn and PyTorch exports, published and served through the handlers, answer what the
// training framework answered (within 1e-5, the same labels), in both wire formats.
import { describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import {
  ADMIN,
  TEST_MODELS,
  bodyOf,
  ctx,
  readTestModel,
  request,
  useTestInference,
} from '../testing/http-test-kit.ts';
import { putModel } from './models-publish.ts';
import { predict } from './models-predict.ts';
import { v2ModelInfer } from './v2-model-infer.ts';
import { v2ModelMetadata } from './v2-model-metadata.ts';

/** Largest absolute difference between two nested numeric arrays of the same shape. */
function maxDiff(got: unknown, want: unknown): number {
  const a = [got].flat(Infinity) as number[];
  const b = [want].flat(Infinity) as number[];
  expect(a).toHaveLength(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

describe.each(testEngines())('reference models on %s', (engine) => {
  useTestInference(engine);

  describe.each(TEST_MODELS)('%s', (name) => {
    const model = readTestModel(name);
    const rows = model.reference.inputs['features']!;

    it('publishes with the signature read from the model', async () => {
      const res = await putModel(
        request('PUT', `/models/${name}`, {
          params: { name },
          bytes: model.bytes,
          headers: { ...ADMIN, 'x-model-metadata': JSON.stringify(model.metadata) },
        }),
        ctx(),
      );
      expect(res.status).toBe(201);
      const body = bodyOf(res) as { version: string; signature: { inputs: unknown[]; batchable: boolean } };
      expect(body.version).toMatch(/^\d{8}T/);
      expect(body.signature.inputs).toEqual([
        expect.objectContaining({ name: 'features', datatype: 'FP32', shape: [-1, rows[0]!.length] }),
      ]);
      expect(body.signature.batchable).toBe(true);
    });

    it('predicts the framework outputs from instances', async () => {
      const res = await predict(
        request('POST', `/models/${name}:predict`, { params: { name }, body: { instances: rows } }),
        ctx(),
      );
      expect(res.status).toBe(200);
      const body = bodyOf(res) as { predictions: unknown[]; modelVersion: string };
      expect(body.modelVersion).toMatch(/^\d{8}T/);
      expect(body.predictions).toHaveLength(rows.length);
      const outputs = Object.entries(model.reference.outputs);
      for (const [output, want] of outputs) {
        const got =
          outputs.length === 1
            ? body.predictions
            : body.predictions.map((p) => (p as Record<string, unknown>)[output]);
        if (output === 'label') expect(got).toEqual(want);
        else expect(maxDiff(got, want)).toBeLessThan(1e-5);
      }
    });

    it('infers the framework outputs from typed tensors (Open Inference Protocol)', async () => {
      const res = await v2ModelInfer(
        request('POST', `/v2/models/${name}/infer`, {
          params: { name },
          body: {
            id: 'r1',
            inputs: [
              {
                name: 'features',
                shape: [rows.length, rows[0]!.length],
                datatype: 'FP32',
                data: rows.flat(),
              },
            ],
          },
        }),
        ctx(),
      );
      expect(res.status).toBe(200);
      const body = bodyOf(res) as {
        id: string;
        model_name: string;
        outputs: { name: string; shape: number[]; datatype: string; data: number[] }[];
      };
      expect(body).toMatchObject({ id: 'r1', model_name: name });
      for (const [output, want] of Object.entries(model.reference.outputs)) {
        const got = body.outputs.find((o) => o.name === output)!;
        expect(got.shape[0]).toBe(rows.length);
        if (output === 'label') {
          expect(got.datatype).toBe('INT64');
          expect(got.data).toEqual(want);
        } else expect(maxDiff(got.data, want)).toBeLessThan(1e-5);
      }
    });

    it('describes the model (v2 metadata) with the publisher metadata', async () => {
      const res = await v2ModelMetadata(request('GET', `/v2/models/${name}`, { params: { name } }), ctx());
      expect(res.status).toBe(200);
      expect(bodyOf(res)).toMatchObject({
        name,
        platform: 'onnxruntime_onnx',
        inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, rows[0]!.length] }],
        metadata: model.metadata,
      });
    });
  });

  it('the isolation forest reference holds both inliers and outliers, so the label check can fail', () => {
    const labels = readTestModel('iforest').reference.outputs['label'];
    expect(new Set(labels)).toEqual(new Set([1, -1]));
  });
});
