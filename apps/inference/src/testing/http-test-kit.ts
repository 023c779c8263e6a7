// Test kit of the HTTP function tests: the service on a test database and a temporary model store, requests and
// invocation contexts built directly as the host would build them, and the committed test models.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { afterAll, beforeAll } from 'vitest';
import { resetSharedConfig } from '@suite/shared/config';
import { createFsModelStore, type ModelStore } from '@suite/shared/models';
import { createTestDb } from '@suite/shared/testing';
import { loadInferenceConfig } from '../config/inference-config.ts';
import { createInference, resetInference, type Inference } from '../service/inference.ts';
import { getUploadStaging } from '../service/model-uploads.ts';
import type { UploadStaging } from '../uploads/upload-staging.ts';

type TestEngine = Parameters<typeof createTestDb>[0] & string;

const BASE = 'http://localhost:7074/api';
export const ADMIN = { 'x-admin-key': 'test-admin' };

/** The test models committed under apps/inference/models (made by models/make-models.py). */
export const TEST_MODELS = ['iris-logreg', 'wine-forest', 'iforest', 'wine-mlp'] as const;
export type TestModelName = (typeof TEST_MODELS)[number];

export interface TestModel {
  bytes: Uint8Array;
  metadata: Record<string, unknown>;
  /** The training framework's own outputs for `inputs`. */
  reference: { inputs: Record<string, number[][]>; outputs: Record<string, unknown[]> };
}

const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

export function readTestModel(name: TestModelName): TestModel {
  const bytes = new Uint8Array(readFileSync(join(MODELS_DIR, `${name}.onnx`)));
  const { metadata, reference } = JSON.parse(readFileSync(join(MODELS_DIR, `${name}.json`), 'utf8')) as Omit<
    TestModel,
    'bytes'
  >;
  return { bytes, metadata, reference };
}

export interface RequestInit {
  body?: unknown;
  bytes?: Uint8Array;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

/** A JSON (or, with `bytes`, binary) request to `path` on the app's local address. */
export function request(method: string, path: string, init: RequestInit = {}): HttpRequest {
  const url = new URL(BASE + path);
  const type = init.bytes ? 'application/octet-stream' : 'application/json';
  return new HttpRequest({
    method,
    url: url.toString(),
    query: Object.fromEntries(url.searchParams),
    params: init.params ?? {},
    headers: { 'content-type': type, ...init.headers },
    body: init.bytes
      ? { bytes: init.bytes }
      : init.body === undefined
        ? undefined
        : { string: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) },
  });
}

export const ctx = (): InvocationContext => new InvocationContext({ functionName: 'test' });

export const bodyOf = (res: HttpResponseInit): Record<string, unknown> =>
  res.jsonBody as Record<string, unknown>;

/**
 * Points the handlers' service singleton at a fresh test database on `engine` and a temporary filesystem model
 * store for the enclosing describe block, with the admin key `test-admin`; `env` holds INFERENCE_* values.
 * `options.keepVersions` is the store's retention (MODEL_KEEP_VERSIONS); `store` and `uploads` replace the
 * filesystem store and the upload staging the environment configures (409 on the filesystem store). Returns a getter of the service, for tests
 * that look at its batching.
 */
export function useTestInference(
  engine: TestEngine,
  env: Record<string, string> = {},
  options: { keepVersions?: number; store?: () => ModelStore; uploads?: () => UploadStaging } = {},
): () => Inference {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let modelDir: string;
  let service: Inference;
  beforeAll(async () => {
    process.env['ADMIN_KEY'] = 'test-admin';
    resetSharedConfig();
    db = await createTestDb(engine);
    modelDir = mkdtempSync(join(tmpdir(), 'inference-fn-models-'));
    service = createInference({
      db,
      store: options.store ?? createFsModelStore(modelDir, { keepVersions: options.keepVersions }),
      config: loadInferenceConfig(env),
      refreshIntervalMs: 60_000,
      keepVersions: options.keepVersions,
      uploads: options.uploads ?? getUploadStaging,
    });
    resetInference(service);
  });
  afterAll(async () => {
    resetInference();
    delete process.env['ADMIN_KEY'];
    resetSharedConfig();
    await db.dispose();
    rmSync(modelDir, { recursive: true, force: true });
  });
  return () => service;
}
