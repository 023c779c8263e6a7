// The Open Inference Protocol (KServe v2) as its clients meet it, over the dev host with the app's registrations:
// every route of the REST spec, the version ready probe among them, and a failed request answering the spec's
// {"error": "<message>"} (tritonclient reads that member) besides the suite's problem+json.
import { mkdtempSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { useTestHost } from '@suite/host/testing';
import { resetSharedConfig } from '@suite/shared/config';
import { resetDb } from '@suite/shared/db';
import { resetModelStore } from '@suite/shared/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetInference } from '../service/inference.ts';
import { readTestModel } from '../testing/http-test-kit.ts';

const ADMIN_KEY = 'v2-conformance-admin';
const dir = mkdtempSync(join(tmpdir(), 'inference-v2-'));
beforeAll(() => {
  Object.assign(process.env, { ADMIN_KEY, MODEL_STORE: 'fs', MODEL_DIR: dir });
  resetSharedConfig();
  resetModelStore();
  resetInference();
});
afterAll(async () => {
  for (const key of ['ADMIN_KEY', 'MODEL_STORE', 'MODEL_DIR']) delete process.env[key];
  resetSharedConfig();
  resetModelStore();
  resetInference();
  await resetDb();
  rmSync(dir, { recursive: true, force: true });
});
const host = useTestHost(resolve(import.meta.dirname, '../index.ts'));

const call = async (method: string, path: string, body?: string) => {
  const res = await fetch(`${host.url}${path}`, {
    method,
    body,
    headers: { 'content-type': 'application/json' },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const FEATURES = { name: 'features', shape: [1, 4], datatype: 'FP32', data: [5.1, 3.5, 1.4, 0.2] };

describe('the Open Inference Protocol over the dev host', () => {
  let version = '';
  beforeAll(async () => {
    const res = await fetch(`${host.url}/api/models/iris`, {
      method: 'PUT',
      body: readTestModel('iris-logreg').bytes,
      headers: { 'x-admin-key': ADMIN_KEY },
    });
    expect(res.status).toBe(201);
    version = ((await res.json()) as { version: string }).version;
  });

  it('answers the ready probe of a model and of a version of it, and 404 for a version never published', async () => {
    expect(await call('GET', '/api/v2/models/iris/ready')).toMatchObject({
      status: 200,
      body: { ready: true },
    });
    expect(await call('GET', `/api/v2/models/iris/versions/${version}/ready`)).toEqual({
      status: 200,
      body: { name: 'iris', ready: true, version },
    });
    const never = await call('GET', '/api/v2/models/iris/versions/20200101T000000000Z-abcdef/ready');
    expect(never.status).toBe(404);
    expect(never.body['error']).toMatch(/20200101T000000000Z-abcdef/);
  });

  it('puts the message of every failure in "error": refused tensors, malformed JSON, an unknown model', async () => {
    const infer = (body: string) => call('POST', '/api/v2/models/iris/infer', body);
    const wrongType = await infer(JSON.stringify({ inputs: [{ ...FEATURES, datatype: 'FP64' }] }));
    expect(wrongType.status).toBe(400);
    expect(wrongType.body['error']).toBe(wrongType.body['detail']);
    expect(wrongType.body['error']).toMatch(/expected datatype FP32, got FP64/);
    const malformed = await infer('{"inputs": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body['error']).toMatch(/not valid JSON/);
    const unknown = await call('GET', '/api/v2/models/nothing-here');
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: 'No model named "nothing-here" is published.' },
    });
    // Answers that succeed are the spec's objects, with no "error".
    const ok = await infer(JSON.stringify({ id: '42', inputs: [FEATURES], outputs: [{ name: 'label' }] }));
    expect(ok).toEqual({
      status: 200,
      body: {
        model_name: 'iris',
        model_version: version,
        id: '42',
        outputs: [{ name: 'label', shape: [1], datatype: 'INT64', data: [0] }],
      },
    });
  });

  it("refuses Triton's binary tensor data and Python's NaN with a 400 saying what to send instead", async () => {
    // What tritonclient sends by default: the JSON header, then the tensor's raw bytes.
    const header = JSON.stringify({
      inputs: [{ name: 'features', shape: [1, 4], datatype: 'FP32', parameters: { binary_data_size: 16 } }],
    });
    const res = await fetch(`${host.url}/api/v2/models/iris/infer`, {
      method: 'POST',
      body: Buffer.concat([Buffer.from(header), Buffer.from(new Float32Array([5.1, 3.5, 1.4, 0.2]).buffer)]),
      headers: {
        'content-type': 'application/octet-stream',
        'inference-header-content-length': String(header.length),
      },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body['error']).toMatch(/binary tensor data .* is not supported: send every tensor as JSON "data"/);
    expect(body['errors']).toEqual([
      {
        path: 'headers.inference-header-content-length',
        message: expect.stringContaining('binary_data=False'),
      },
    ]);
    const nan = await call(
      'POST',
      '/api/v2/models/iris/infer',
      '{"inputs": [{"name": "features", "shape": [1, 4], "datatype": "FP32", "data": [NaN, 3.5, 1.4, 0.2]}]}',
    );
    expect(nan.status).toBe(400);
    expect(nan.body['error']).toMatch(
      /NaN is not a JSON value: JSON has no NaN or Infinity .* line 1, column 80/,
    );
  });

  it('reads a body as clients send it (curl -d, UTF-16 from PowerShell, gzip) and answers 415 or 404 saying why', async () => {
    const send = (path: string, body: Uint8Array | string, headers: Record<string, string>) =>
      fetch(`${host.url}${path}`, { method: 'POST', body, headers }).then(async (res) => ({
        status: res.status,
        type: res.headers.get('content-type'),
        body: (await res.json()) as Record<string, unknown>,
      }));
    const text = JSON.stringify({ inputs: [FEATURES] });
    const infer = (body: Uint8Array | string, headers: Record<string, string>) =>
      send('/api/v2/models/iris/infer', body, headers);
    // curl -d sends application/x-www-form-urlencoded, as TF Serving's and this README's examples call it.
    expect((await infer(text, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(200);
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect((await infer(utf16, { 'content-type': 'application/json; charset=utf-16' })).status).toBe(200);
    expect((await infer(utf16, { 'content-type': 'application/json' })).status).toBe(200);
    const gzip = new Uint8Array(gzipSync(text));
    const gzipped = await infer(gzip, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
    const plain = await infer(text, { 'content-type': 'text/plain' });
    expect(plain).toMatchObject({ status: 415, type: 'application/problem+json' });
    expect(plain.body['error']).toMatch(/^Content-Type "text\/plain" is not read as JSON/);
    const latin1 = await infer(text, { 'content-type': 'application/json; charset=iso-8859-1' });
    expect([latin1.status, latin1.body['charset']]).toEqual([415, 'iso-8859-1']);
    // The console's GET {*path} route matches every path; a POST no route takes is a 404 naming the path.
    const unknown = await send('/api/v2/models/iris/predict', text, { 'content-type': 'application/json' });
    expect(unknown).toMatchObject({
      status: 404,
      type: 'application/problem+json',
      body: { code: 'not_found', detail: 'No function serves /api/v2/models/iris/predict' },
    });
  });
});
