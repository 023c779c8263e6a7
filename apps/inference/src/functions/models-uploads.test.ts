// Upload URLs against a real Azurite: the URL writes one blob and nothing else, a finalize publishes what was
// uploaded through the same checks as a publish from the body, and an upload that is not a model is deleted.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetSharedConfig } from '@suite/shared/config';
import { getModelStore, resetModelStore } from '@suite/shared/models';
import { startAzurite, testEngines, type AzuriteHandle } from '@suite/shared/testing';
import { resetInferenceConfig } from '../config/inference-config.ts';
import { resetUploadStaging } from '../service/model-uploads.ts';
import { ADMIN, bodyOf, ctx, readTestModel, request, useTestInference } from '../testing/http-test-kit.ts';
import { createUploadStaging } from '../uploads/upload-staging.ts';
import { consolePage, resetInferenceConsoleSite } from './console.ts';
import { listModels } from './models-list.ts';
import { predict } from './models-predict.ts';
import { deleteModelUpload, postModelUpload, publishModelUpload } from './models-uploads.ts';

const NAME = 'iris';
const IRIS = readTestModel('iris-logreg');
const ENV_KEYS = [
  'MODEL_STORE',
  'AZURE_STORAGE_CONNECTION_STRING',
  'MODEL_CONTAINER',
  'INFERENCE_UPLOAD_CONTAINER',
];

let azurite: AzuriteHandle;

/** Points the shared store and the upload staging at a fresh pair of containers on Azurite. */
function useBlobStorage(): void {
  beforeAll(async () => {
    azurite ??= await startAzurite();
    const suffix = randomUUID().slice(0, 8);
    process.env['MODEL_STORE'] = 'blob';
    process.env['AZURE_STORAGE_CONNECTION_STRING'] = azurite.connectionString;
    process.env['MODEL_CONTAINER'] = `models-${suffix}`;
    process.env['INFERENCE_UPLOAD_CONTAINER'] = `uploads-${suffix}`;
    resetSharedConfig();
    resetInferenceConfig();
    resetModelStore();
    resetUploadStaging();
  });
  afterAll(() => {
    for (const key of ENV_KEYS) delete process.env[key];
    resetSharedConfig();
    resetInferenceConfig();
    resetModelStore();
    resetUploadStaging();
  });
}

afterAll(async () => azurite?.stop());

const offer = async (headers: Record<string, string> = ADMIN) =>
  postModelUpload(request('POST', `/models/${NAME}/uploads`, { params: { name: NAME }, headers }), ctx());
const finalize = (uploadId: string, body?: unknown) =>
  publishModelUpload(
    request('POST', `/models/${NAME}/uploads/${uploadId}/publish`, {
      params: { name: NAME, uploadId },
      body,
      headers: ADMIN,
    }),
    ctx(),
  );
const discard = (uploadId: string, headers: Record<string, string> = ADMIN) =>
  deleteModelUpload(
    request('DELETE', `/models/${NAME}/uploads/${uploadId}`, { params: { name: NAME, uploadId }, headers }),
    ctx(),
  );
const put = (url: string, bytes: Uint8Array) =>
  fetch(url, { method: 'PUT', body: bytes, headers: { 'x-ms-blob-type': 'BlockBlob' } });
type Offer = { uploadId: string; url: string; publishPath: string; expiresAt: string; maxBytes: number };
/** The console page's connect-src, served from a folder holding only an index.html. */
async function consoleConnectSrc(): Promise<string | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'inference-console-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  process.env['CONSOLE_DIR'] = dir;
  resetInferenceConsoleSite();
  try {
    const res = await consolePage(request('GET', '/', { params: {} }), ctx());
    expect(res.status).toBe(200);
    const csp = (res.headers as Record<string, string>)['content-security-policy'];
    return csp?.split('; ').find((d) => d.startsWith('connect-src'));
  } finally {
    delete process.env['CONSOLE_DIR'];
    resetInferenceConsoleSite();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The publish limits GET /api/models gives a client (the console picks PUT or an upload URL by them). */
const limits = async () => bodyOf(await listModels(request('GET', '/models'), ctx()))['limits'];

describe.each(testEngines())('upload URLs on Azurite, %s', (engine) => {
  useBlobStorage();
  useTestInference(engine, {}, { store: () => getModelStore() });

  it('tells clients in GET /api/models that upload URLs are issued, and up to what size', async () => {
    expect(await limits()).toEqual({ bodyBytes: 95 * 1024 * 1024, uploadBytes: 2 ** 31, uploadUrls: true });
  });

  it("lets the console page PUT to the upload URLs' Blob endpoint and no other origin (CSP connect-src)", async () => {
    const ticket = bodyOf(await offer()) as Offer;
    expect(await consoleConnectSrc()).toBe(`connect-src 'self' ${new URL(ticket.url).origin}`);
  });

  it('publishes a model uploaded to its URL, serves it, and deletes the upload', async () => {
    const res = await offer();
    expect(res.status).toBe(201);
    const ticket = bodyOf(res) as Offer;
    expect(ticket.publishPath).toBe(`/api/models/${NAME}/uploads/${ticket.uploadId}/publish`);
    expect(Date.parse(ticket.expiresAt) - Date.now()).toBeGreaterThan(10 * 60_000);
    expect((await put(ticket.url, IRIS.bytes)).status).toBe(201);

    const published = await finalize(ticket.uploadId, { metadata: IRIS.metadata });
    expect(published.status).toBe(201);
    expect(bodyOf(published)).toMatchObject({
      name: NAME,
      sizeBytes: IRIS.bytes.byteLength,
      metadata: IRIS.metadata,
      signature: { inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, 4] }] },
    });
    const answer = await predict(
      request('POST', `/models/${NAME}:predict`, {
        params: { name: NAME },
        body: { instances: IRIS.reference.inputs['features']!.slice(0, 2) },
      }),
      ctx(),
    );
    expect(bodyOf(answer)).toMatchObject({
      modelVersion: bodyOf(published)['version'],
      predictions: [
        { label: IRIS.reference.outputs['label']![0] },
        { label: IRIS.reference.outputs['label']![1] },
      ],
    });
    // The upload is gone: publishing it again finds nothing.
    expect((await finalize(ticket.uploadId)).status).toBe(404);
  });

  it('signs a URL that writes its one blob only: no read, no other blob', async () => {
    const ticket = bodyOf(await offer()) as Offer;
    expect((await put(ticket.url, IRIS.bytes)).status).toBe(201);
    expect((await fetch(ticket.url)).status).toBe(403);
    const other = new URL(ticket.url);
    other.pathname = other.pathname.replace(ticket.uploadId, randomUUID());
    expect((await put(other.toString(), IRIS.bytes)).status).toBe(403);
    const list = new URL(ticket.url);
    list.pathname = list.pathname.slice(0, list.pathname.indexOf(`/${NAME}/`));
    list.searchParams.set('restype', 'container');
    list.searchParams.set('comp', 'list');
    expect((await fetch(list)).status).toBe(403);
  });

  it('refuses bytes that are not a model (400 naming ONNX Runtime) and deletes them', async () => {
    const ticket = bodyOf(await offer()) as Offer;
    await put(ticket.url, new TextEncoder().encode('not an onnx model'));
    const refused = await finalize(ticket.uploadId);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(bodyOf(refused))).toContain('ONNX Runtime cannot load this model');
    expect((await finalize(ticket.uploadId)).status).toBe(404);
  });

  it('discards a cancelled upload: the bytes that reached storage are deleted and nothing is published', async () => {
    const before = (await getModelStore().versions(NAME)).length;
    const ticket = bodyOf(await offer()) as Offer;
    expect((await put(ticket.url, IRIS.bytes)).status).toBe(201);
    expect((await discard(ticket.uploadId, {})).status).toBe(401);
    expect((await discard(ticket.uploadId)).status).toBe(204);
    expect((await discard(ticket.uploadId)).status).toBe(204); // again, or for a PUT cut short: nothing to delete
    expect((await finalize(ticket.uploadId)).status).toBe(404);
    expect(await getModelStore().versions(NAME)).toHaveLength(before);
  });

  it('answers 404 for an upload never made, 400 for a malformed id, 401 without the admin key', async () => {
    expect((await finalize(randomUUID())).status).toBe(404);
    const malformed = await finalize('../../models/iris');
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(bodyOf(malformed))).toContain('params.uploadId');
    expect((await offer({})).status).toBe(401);
    expect((await finalize(randomUUID(), { metadata: 'labels' })).status).toBe(400);
  });
});

describe('upload size and lifetime on Azurite', () => {
  useBlobStorage();
  useTestInference('pglite', { INFERENCE_MAX_UPLOAD_MB: '0.01' }, { store: () => getModelStore() });

  it('refuses an upload over INFERENCE_MAX_UPLOAD_MB with 413 and deletes it', async () => {
    const ticket = bodyOf(await offer()) as Offer;
    expect(ticket.maxBytes).toBe(Math.round(0.01 * 1024 * 1024));
    expect((await put(ticket.url, readTestModel('iforest').bytes)).status).toBe(201); // 48 KB
    const refused = await finalize(ticket.uploadId);
    expect(refused.status).toBe(413);
    expect(JSON.stringify(bodyOf(refused))).toContain('INFERENCE_MAX_UPLOAD_MB');
    expect((await finalize(ticket.uploadId)).status).toBe(404);
  });

  it('issues URLs that stop working when they expire', async () => {
    const staging = createUploadStaging({
      connectionString: azurite.connectionString,
      container: process.env['INFERENCE_UPLOAD_CONTAINER']!,
      lifetimeMs: 1_000,
    });
    const ticket = await staging.createUpload(NAME);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await put(ticket.url, IRIS.bytes)).status).toBe(403);
  });
});

describe.each(testEngines())('upload URLs on the filesystem store, %s', (engine) => {
  useTestInference(engine);

  it('answers 409 problem+json naming MODEL_STORE=blob', async () => {
    const res = await offer();
    expect(res.status).toBe(409);
    expect(bodyOf(res)).toMatchObject({ code: 'upload_needs_blob_store' });
    expect(String(bodyOf(res)['detail'])).toContain('MODEL_STORE=blob');
    expect((await finalize(randomUUID())).status).toBe(409);
    expect(await limits()).toMatchObject({ uploadUrls: false });
    expect(await consoleConnectSrc()).toBe("connect-src 'self'");
  });
});
