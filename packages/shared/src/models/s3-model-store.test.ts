import { describe, expect, it } from 'vitest';
import { loadSharedConfig } from '../config/shared-config.ts';
import { DependencyError } from '../errors/index.ts';
import { createS3ModelStore } from './s3-model-store.ts';

describe('S3 model store', () => {
  it('reports unreachable storage as DependencyError(s3), a 503, for reads and publishes', async () => {
    // Port 9 (discard) has no listener here: every request is refused.
    const store = createS3ModelStore({
      bucket: 'models',
      endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
    });
    for (const call of [
      () => store.latest('m'),
      () => store.publish('m', new Uint8Array([1])),
      () => store.list(),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DependencyError);
      expect((error as DependencyError).status).toBe(503);
      expect((error as DependencyError).details).toMatchObject({ dependency: 's3' });
    }
  });

  it('is chosen by MODEL_STORE=s3, which needs MODEL_BUCKET', () => {
    expect(() => loadSharedConfig({ MODEL_STORE: 's3' })).toThrow(/MODEL_BUCKET/);
    const config = loadSharedConfig({
      MODEL_STORE: 's3',
      MODEL_BUCKET: 'suite-models',
      S3_ENDPOINT: 'https://storage.googleapis.com',
      S3_REGION: 'auto',
      S3_CONDITIONAL_WRITES: 'gcs',
    });
    expect(config.s3).toEqual({
      bucket: 'suite-models',
      endpoint: 'https://storage.googleapis.com',
      region: 'auto',
      forcePathStyle: false,
      conditionalWrites: 'gcs',
    });
    expect(() =>
      loadSharedConfig({ MODEL_STORE: 's3', MODEL_BUCKET: 'x', S3_CONDITIONAL_WRITES: 'maybe' }),
    ).toThrow(/S3_CONDITIONAL_WRITES/);
  });
});
