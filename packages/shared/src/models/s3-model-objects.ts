// The storage calls of the S3 ModelStore on one bucket, with the provider's flavour of conditional write; every
// call guarded so unreachable storage is a DependencyError (503), not a crash.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { DependencyError } from '../errors/index.ts';
import { MODEL_NAME_PATTERN, MODEL_VERSION_PATTERN } from './model-naming.ts';
import type { ModelObjects, StoredObject } from './object-model-backend.ts';

/**
 * How the provider makes a write conditional. `etag`: `If-None-Match: *` / `If-Match: <etag>` (Amazon S3 since
 * 2024, MinIO, Ceph, R2). `gcs`: `x-goog-if-generation-match` (Cloud Storage's XML API takes no If-Match on writes).
 * `oss`: `x-oss-forbid-overwrite` makes versions create-only, but OSS has no compare-and-swap for the pointer, so
 * two trainers publishing the same model at the same moment can both "win" (last write stays): run one at a time.
 */
export type ConditionalWrites = 'etag' | 'gcs' | 'oss';

const GENERATION = 'x-goog-generation';

/** The {@link ModelObjects} of one bucket, writing conditions the way `mode` says. */
export function createS3ModelObjects(
  client: S3Client,
  bucket: string,
  mode: ConditionalWrites,
): ModelObjects {
  async function listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await guard('list objects', () =>
        client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })),
      );
      for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  return {
    kind: 's3',

    async read(key): Promise<StoredObject | undefined> {
      const command = new GetObjectCommand({ Bucket: bucket, Key: key });
      let generation: string | undefined;
      if (mode === 'gcs') {
        command.middlewareStack.add(
          (next) => async (args) => {
            const result = await next(args);
            const headers = (result.response as { headers?: Record<string, string> }).headers ?? {};
            generation = headers[GENERATION];
            return result;
          },
          { step: 'deserialize', name: 'suiteGcsGeneration' },
        );
      }
      try {
        return await guard(`read ${key}`, async () => {
          const out = await client.send(command);
          const body = Buffer.from((await out.Body?.transformToByteArray()) ?? new Uint8Array());
          return { body, token: (mode === 'gcs' ? generation : out.ETag) ?? '' };
        });
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async write(key, body, condition) {
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      const command = new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: bytes,
        ContentType: typeof body === 'string' ? 'application/json' : 'application/octet-stream',
        ...(mode === 'etag' && condition && 'create' in condition ? { IfNoneMatch: '*' } : {}),
        ...(mode === 'etag' && condition && 'match' in condition ? { IfMatch: condition.match } : {}),
      });
      const extra: Record<string, string> = {};
      if (mode === 'gcs' && condition)
        extra['x-goog-if-generation-match'] = 'create' in condition ? '0' : condition.match;
      if (mode === 'oss' && condition && 'create' in condition) extra['x-oss-forbid-overwrite'] = 'true';
      if (Object.keys(extra).length > 0) {
        command.middlewareStack.add(
          (next) => (args) => {
            const request = args.request as { headers: Record<string, string> };
            Object.assign(request.headers, extra);
            return next(args);
          },
          { step: 'build', name: 'suiteConditionalWrite' },
        );
      }
      await guard(`write ${key}`, () => client.send(command));
    },

    /** 412 (S3, GCS), 409 ConditionalRequestConflict (S3) and FileAlreadyExists (OSS forbid-overwrite). */
    isWriteConflict: (error) => statusOf(error) === 412 || statusOf(error) === 409,

    async remove(key) {
      await guard(`delete ${key}`, () => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })));
    },

    listKeys,

    async listNames() {
      const names = new Set<string>();
      for (const key of await listKeys('')) {
        const [name, version, file] = key.split('/');
        if (
          name &&
          MODEL_NAME_PATTERN.test(name) &&
          version &&
          MODEL_VERSION_PATTERN.test(version) &&
          file === 'manifest.json'
        )
          names.add(name);
      }
      return [...names].sort();
    },
  };
}

const statusOf = (error: unknown): number | undefined => {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
};

const isNotFound = (error: unknown): boolean =>
  statusOf(error) === 404 || (error as { name?: string } | null)?.name === 'NoSuchKey';

/** Runs one storage call; connection failures, timeouts, throttling and 5xx become DependencyError('s3'). */
async function guard<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const status = statusOf(error);
    if (status === undefined || status >= 500 || status === 408 || status === 429 || status === 503) {
      throw new DependencyError(`Object storage is unavailable (${operation})`, {
        dependency: 's3',
        cause: error,
      });
    }
    throw error;
  }
}
