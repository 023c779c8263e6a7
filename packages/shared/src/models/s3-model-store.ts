// S3-compatible ModelStore (Amazon S3, Google Cloud Storage's XML API, Alibaba OSS): the Blob store's layout
// (object-model-backend.ts), with the `latest.json` pointer swapped under the provider's conditional-write
// precondition (s3-model-objects.ts).
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { createBackedModelStore } from './backed-model-store.ts';
import { createObjectModelBackend } from './object-model-backend.ts';
import { createS3ModelObjects, type ConditionalWrites } from './s3-model-objects.ts';
import type { ModelStore, ModelStoreOptions } from './types.ts';

export type { ConditionalWrites } from './s3-model-objects.ts';

/** Options of {@link createS3ModelStore}. */
export interface S3ModelStoreOptions extends ModelStoreOptions {
  /** Bucket holding every model (`MODEL_BUCKET`); it must exist. */
  bucket: string;
  /** Endpoint of a non-AWS provider (`S3_ENDPOINT`): `https://storage.googleapis.com`, `https://oss-<region>.aliyuncs.com`. */
  endpoint?: string;
  /** `S3_REGION` (GCS: `auto`; OSS: `oss-cn-hangzhou`); default AWS_REGION, else us-east-1. */
  region?: string;
  /** Path-style URLs (`S3_FORCE_PATH_STYLE`), for local servers and MinIO. */
  forcePathStyle?: boolean;
  /** `S3_CONDITIONAL_WRITES`; default `etag`. */
  conditionalWrites?: ConditionalWrites;
  /** Credentials; default the SDK's chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, the Lambda role, ...). */
  credentials?: S3ClientConfig['credentials'];
  /** Attempts per call; default 2 so an outage answers 503 within seconds. */
  maxAttempts?: number;
}

/**
 * A ModelStore in an S3-compatible bucket. Keys: `<name>/<version>/model.bin`, `<name>/<version>/manifest.json`,
 * the pointer `<name>/latest.json` and the empty markers `<name>/pins/<version>`, exactly as in the Blob store.
 * Unreachable storage surfaces as DependencyError (`dependency: 's3'`, HTTP 503).
 * @example
 * const store = createS3ModelStore({ bucket: 'suite-models' });
 * const { manifest, data } = await store.load('anomaly-forest');
 */
export function createS3ModelStore(options: S3ModelStoreOptions): ModelStore {
  const client = new S3Client({
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? false,
    maxAttempts: options.maxAttempts ?? 2,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 30_000 },
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const objects = createS3ModelObjects(client, options.bucket, options.conditionalWrites ?? 'etag');
  return createBackedModelStore(createObjectModelBackend(objects), options);
}
