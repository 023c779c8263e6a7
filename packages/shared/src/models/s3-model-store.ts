// S3-compatible ModelStore (Amazon S3, Google Cloud Storage's XML API, Alibaba OSS): the Blob store's layout, with
// the `latest.json` pointer swapped under the provider's conditional-write precondition.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { DependencyError, NotFoundError } from '../errors/index.ts';
import {
  assertModelName,
  assertModelVersion,
  createManifest,
  createPublishConflict,
  MODEL_NAME_PATTERN,
  MODEL_VERSION_PATTERN,
  parseManifest,
  sha256Hex,
  verifyArtifact,
} from './model-naming.ts';
import { DEFAULT_KEEP_VERSIONS, selectRemovable } from './model-retention.ts';
import { checkExpectedLatest, createStoreReads } from './store-reads.ts';
import type {
  LoadedArtifact,
  ModelManifest,
  ModelStore,
  ModelStoreOptions,
  PublishOptions,
} from './types.ts';

/**
 * How the provider makes a write conditional. `etag`: `If-None-Match: *` / `If-Match: <etag>` (Amazon S3 since
 * 2024, MinIO, Ceph, R2). `gcs`: `x-goog-if-generation-match` (Cloud Storage's XML API takes no If-Match on writes).
 * `oss`: `x-oss-forbid-overwrite` makes versions create-only, but OSS has no compare-and-swap for the pointer, so
 * two trainers publishing the same model at the same moment can both "win" (last write stays): run one at a time.
 */
export type ConditionalWrites = 'etag' | 'gcs' | 'oss';

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

/** A read object's body and the token a conditional write on it needs (etag, or GCS generation). */
interface Read {
  body: Buffer;
  token: string;
}

type Condition = { create: true } | { match: string } | undefined;

const GENERATION = 'x-goog-generation';

/**
 * A ModelStore in an S3-compatible bucket. Keys: `<name>/<version>/model.bin`, `<name>/<version>/manifest.json`,
 * the pointer `<name>/latest.json` and the empty markers `<name>/pins/<version>`, exactly as in the Blob store.
 * Unreachable storage surfaces as DependencyError (`dependency: 's3'`, HTTP 503).
 * @example
 * const store = createS3ModelStore({ bucket: 'suite-models' });
 * const { manifest, data } = await store.load('anomaly-forest');
 */
export function createS3ModelStore(options: S3ModelStoreOptions): ModelStore {
  const mode = options.conditionalWrites ?? 'etag';
  const client = new S3Client({
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? false,
    maxAttempts: options.maxAttempts ?? 2,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 30_000 },
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const bucket = options.bucket;
  const keep = options.keepVersions ?? DEFAULT_KEEP_VERSIONS;

  async function get(key: string): Promise<Read> {
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
    return guard(`read ${key}`, async () => {
      const out = await client.send(command);
      const body = Buffer.from((await out.Body?.transformToByteArray()) ?? new Uint8Array());
      return { body, token: (mode === 'gcs' ? generation : out.ETag) ?? '' };
    });
  }

  async function put(key: string, body: Uint8Array | string, condition: Condition): Promise<void> {
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
  }

  const remove = (key: string) =>
    guard(`delete ${key}`, () => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })));

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

  async function readPointer(name: string): Promise<{ manifest: ModelManifest; token: string } | undefined> {
    try {
      const { body, token } = await get(`${name}/latest.json`);
      return { manifest: parseManifest(body.toString('utf8'), `${name}/latest.json`), token };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async function readManifest(name: string, version: string): Promise<ModelManifest> {
    assertModelName(name);
    assertModelVersion(version);
    const key = `${name}/${version}/manifest.json`;
    try {
      return parseManifest((await get(key)).body.toString('utf8'), key);
    } catch (error) {
      if (isNotFound(error)) throw new NotFoundError(`Model ${name} has no version ${version}`);
      throw error;
    }
  }

  async function readVersion(name: string, version: string): Promise<LoadedArtifact> {
    const manifest = await readManifest(name, version);
    let body: Buffer;
    try {
      body = (await get(`${name}/${version}/model.bin`)).body;
    } catch (error) {
      if (isNotFound(error)) throw new NotFoundError(`Model ${name} has no version ${version}`);
      throw error;
    }
    const data = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    verifyArtifact(manifest, data);
    return { manifest, data };
  }

  /** Moves the pointer by compare-and-swap; a lost race is a ConflictError naming the winner. */
  async function swapPointer(
    name: string,
    json: string,
    current: { token: string } | undefined,
    expected: string | null,
    discarded?: string,
  ) {
    try {
      await put(`${name}/latest.json`, json, current ? { match: current.token } : { create: true });
    } catch (error) {
      if (!isPreconditionFailure(error)) throw error;
      if (discarded) {
        // Nobody can load a version latest never pointed at: delete it, manifest first (housekeeping only).
        for (const file of ['manifest.json', 'model.bin'])
          await remove(`${name}/${discarded}/${file}`).catch(() => undefined);
      }
      const winner = await readPointer(name);
      throw createPublishConflict(name, expected, winner?.manifest.version ?? null, discarded);
    }
  }

  async function listVersionIds(name: string): Promise<{ ids: string[]; pinned: string[] }> {
    const ids: string[] = [];
    const pinned: string[] = [];
    for (const key of await listKeys(`${name}/`)) {
      const [, first, second] = key.split('/');
      if (first === 'pins' && second && MODEL_VERSION_PATTERN.test(second)) pinned.push(second);
      else if (second === 'manifest.json' && first && MODEL_VERSION_PATTERN.test(first)) ids.push(first);
    }
    return { ids: ids.sort(), pinned: pinned.sort() };
  }

  async function pruneVersions(name: string): Promise<string[]> {
    const { ids, pinned } = await listVersionIds(name);
    const latest = (await readPointer(name))?.manifest.version ?? null;
    const removable = selectRemovable(ids, latest, new Set(pinned), keep);
    for (const id of removable) {
      for (const file of ['manifest.json', 'model.bin']) await remove(`${name}/${id}/${file}`);
    }
    return removable;
  }

  return {
    kind: 's3',

    async publish(
      name: string,
      data: Uint8Array,
      publishOptions: PublishOptions = {},
    ): Promise<ModelManifest> {
      assertModelName(name);
      const current = await readPointer(name);
      const expected = checkExpectedLatest(
        name,
        publishOptions.expectedLatest,
        current?.manifest.version ?? null,
      );
      if (current && current.manifest.sha256 === sha256Hex(data)) return current.manifest;
      const manifest = createManifest(name, data, publishOptions.metadata);
      const json = JSON.stringify(manifest, null, 2);
      // Versions are immutable: never overwrite one. The manifest goes last, so a listed version is complete.
      await put(`${name}/${manifest.version}/model.bin`, data, { create: true });
      await put(`${name}/${manifest.version}/manifest.json`, json, { create: true });
      await swapPointer(name, json, current, expected, manifest.version);
      await pruneVersions(name).catch(() => undefined); // housekeeping: the publish itself succeeded
      return manifest;
    },

    async promote(name, version, promoteOptions = {}) {
      const manifest = await readManifest(name, version);
      const current = await readPointer(name);
      const expected = checkExpectedLatest(
        name,
        promoteOptions.expectedLatest,
        current?.manifest.version ?? null,
      );
      if (current?.manifest.version === version) return manifest;
      await swapPointer(name, JSON.stringify(manifest, null, 2), current, expected);
      return manifest;
    },

    async setPinned(name, version, pinned) {
      await readManifest(name, version);
      if (pinned) await put(`${name}/pins/${version}`, '', undefined);
      else await remove(`${name}/pins/${version}`);
    },

    pinned: async (name) => {
      assertModelName(name);
      return (await listVersionIds(name)).pinned;
    },

    prune: async (name) => {
      assertModelName(name);
      return pruneVersions(name);
    },

    ...createStoreReads({ readPointer, readVersion }),

    async versions(name: string): Promise<ModelManifest[]> {
      assertModelName(name);
      const { ids } = await listVersionIds(name);
      return Promise.all(ids.map((id) => readManifest(name, id)));
    },

    async list(): Promise<string[]> {
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

/** 412 (S3, GCS), 409 ConditionalRequestConflict (S3) and FileAlreadyExists (OSS forbid-overwrite). */
const isPreconditionFailure = (error: unknown): boolean => statusOf(error) === 412 || statusOf(error) === 409;

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
