// Test kit of the HTTP function tests: the service on a test database, and requests and invocation contexts built
// directly, as the host would build them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { afterAll, beforeAll } from 'vitest';
import { getSharedConfig, resetSharedConfig } from '@suite/shared/config';
import { createFsModelStore, type ModelStore } from '@suite/shared/models';
import { createTestDb } from '@suite/shared/testing';
import { loadAnomalyConfig } from '../config/anomaly-config.ts';
import { createAnomaly, resetAnomaly } from '../service/anomaly.ts';
import { createSeriesModelSource } from '../service/model-registry.ts';

type TestEngine = Parameters<typeof createTestDb>[0] & string;

const BASE = 'http://localhost:7073/api';

export interface RequestInit {
  body?: unknown;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

/** A JSON request to `path` (with its query string) on the app's local address. */
export function request(method: string, path: string, init: RequestInit = {}): HttpRequest {
  const url = new URL(BASE + path);
  return new HttpRequest({
    method,
    url: url.toString(),
    query: Object.fromEntries(url.searchParams),
    params: init.params ?? {},
    headers: { 'content-type': 'application/json', ...init.headers },
    body:
      init.body === undefined
        ? undefined
        : { string: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) },
  });
}

export const ctx = (): InvocationContext => new InvocationContext({ functionName: 'test' });

export const bodyOf = (res: HttpResponseInit): Record<string, unknown> =>
  res.jsonBody as Record<string, unknown>;

/**
 * Points the handlers' service singleton at a fresh test database on `engine` and a temporary filesystem model
 * store for the enclosing describe block, with the admin key `test-admin`; `env` holds ANOMALY_* / ALERT_* values,
 * `sharedEnv` shared settings set for the block (MODEL_KEEP_VERSIONS).
 */
export function useTestAnomaly(
  engine: TestEngine,
  env: Record<string, string> = {},
  sharedEnv: Record<string, string> = {},
): { readonly modelStore: ModelStore } {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let modelDir: string;
  let modelStore: ModelStore;
  beforeAll(async () => {
    process.env['ADMIN_KEY'] = 'test-admin';
    Object.assign(process.env, sharedEnv);
    resetSharedConfig();
    db = await createTestDb(engine);
    modelDir = mkdtempSync(join(tmpdir(), 'anomaly-fn-models-'));
    modelStore = createFsModelStore(modelDir, { keepVersions: getSharedConfig().modelKeepVersions });
    const models = createSeriesModelSource(modelStore);
    resetAnomaly(createAnomaly({ db, models, config: loadAnomalyConfig(env) }));
  });
  afterAll(async () => {
    resetAnomaly();
    delete process.env['ADMIN_KEY'];
    for (const key of Object.keys(sharedEnv)) delete process.env[key];
    resetSharedConfig();
    await db.dispose();
    rmSync(modelDir, { recursive: true, force: true });
  });
  return {
    /** The model store the service publishes to (valid inside the describe block's tests). */
    get modelStore() {
      return modelStore;
    },
  };
}
