// The environment settings every app shares (database and its bounds, model store, admin key), read once per process.
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.ts';
import { tryReadBlobAccount, type BlobStorageAccount } from '../storage/storage-settings.ts';
import { loadConfig, type Env } from './load-config.ts';

/** The setting of the Blob model store's account, in the Functions host's connection forms. */
export const MODEL_STORAGE_SETTING = 'AZURE_STORAGE_CONNECTION_STRING';

/** Settings shared by all apps; see each field for its variable. */
export interface SharedConfig {
  /** DATABASE_URL: a Postgres server; unset = embedded PGlite. */
  databaseUrl?: string;
  /** PGLITE_DATA_DIR: where PGlite keeps its files; unset = in-memory. */
  pgliteDataDir?: string;
  /** MODEL_STORE: `fs` (default), `blob` (Azure Blob Storage) or `s3` (S3, Cloud Storage, OSS). */
  modelStore: 'fs' | 'blob' | 's3';
  /** MODEL_DIR: root of the filesystem model store, absolute; default `./.data/models` under the working directory. */
  modelDir: string;
  /** AZURE_STORAGE_CONNECTION_STRING as given, when it holds a connection string (upload URLs sign with its key). */
  azureStorageConnectionString?: string;
  /**
   * The Blob model store's account, set when MODEL_STORE=blob: AZURE_STORAGE_CONNECTION_STRING's connection string,
   * or the app's identity on `AZURE_STORAGE_CONNECTION_STRING__accountName` (or `__blobServiceUri`).
   */
  modelStorage?: BlobStorageAccount;
  /** MODEL_CONTAINER: blob container of the model store; default `models`. */
  modelContainer: string;
  /** The S3-compatible store's settings; set when MODEL_STORE=s3. */
  s3?: {
    /** MODEL_BUCKET: the bucket holding every model (required). */
    bucket: string;
    /** S3_ENDPOINT: a non-AWS provider's endpoint (Cloud Storage, OSS, a local server). */
    endpoint?: string;
    /** S3_REGION: default AWS_REGION, else us-east-1. */
    region?: string;
    /** S3_FORCE_PATH_STYLE: `true` for path-style URLs (local servers, MinIO). */
    forcePathStyle: boolean;
    /** S3_CONDITIONAL_WRITES: `etag` (S3, default), `gcs` or `oss`: how the `latest` pointer is swapped. */
    conditionalWrites: 'etag' | 'gcs' | 'oss';
  };
  /** MODEL_REFRESH_SECONDS: how often a warm cache checks for a newly published model; default 60. */
  modelRefreshSeconds: number;
  /** MODEL_KEEP_VERSIONS: versions kept per model after each publish, besides pinned ones and `latest`; default 10. */
  modelKeepVersions: number;
  /** ADMIN_KEY: the `x-admin-key` admin endpoints expect; unset = admin endpoints disabled. */
  adminKey?: string;
  /** PG_POOL_MAX: most server connections one instance holds; default 4 (see the root README's arithmetic). */
  pgPoolMax: number;
  /** PG_CONNECT_TIMEOUT_MS: wait for a connection this long, then 503; default 5000. */
  pgConnectTimeoutMs: number;
  /** PG_QUERY_TIMEOUT_MS: a statement's bound (server statement_timeout, client timer 500 ms later); default 10000. */
  pgQueryTimeoutMs: number;
  /** PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: the server ends a transaction left idle this long; default 30000. */
  pgIdleInTransactionTimeoutMs: number;
  /** API_KEYS: `on` makes every public endpoint (not health, not admin) require an `x-api-key`; default `off`. */
  apiKeys: 'on' | 'off';
  /** API_KEY_RATE_PER_MINUTE: the rate limit of a new key unless its creator says otherwise; default 60. */
  apiKeyRatePerMinute: number;
  /** API_KEY_QUOTA_PER_DAY: the daily quota of a new key unless its creator says otherwise; default 10000. */
  apiKeyQuotaPerDay: number;
  /**
   * ALLOWED_ORIGINS: origins (`https://app.example.com`, comma-separated) whose browser pages may send POST, PUT,
   * PATCH and DELETE requests besides the app's own origin; default none (see `ensureSameOrigin`).
   */
  allowedOrigins: readonly string[];
}

/**
 * The origins of ALLOWED_ORIGINS, each as a browser writes it in `Origin` (lower case, no default port), or a
 * message naming the first entry that is not a bare http(s) origin. `*` is refused: it would let every web site
 * change the app's state.
 */
export function parseAllowedOrigins(value: string): string[] | string {
  const origins: string[] = [];
  for (const entry of value.split(/[\s,]+/).filter((e) => e !== '')) {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    const bare =
      url !== undefined &&
      /^https?:$/.test(url.protocol) &&
      url.origin === entry.replace(/\/$/, '').toLowerCase();
    if (!bare || url === undefined)
      return `"${entry}" is not an origin: expected scheme://host[:port] with no path, e.g. https://app.example.com${entry === '*' ? " (a wildcard would let every web site change the app's state)" : ''}`;
    origins.push(url.origin);
  }
  return origins;
}

const milliseconds = (fallback: number, min = 1) =>
  z.coerce
    .number('expected a number of milliseconds')
    .int('expected a whole number of milliseconds')
    .min(min, `expected at least ${min} ms`)
    .default(fallback);

const SHARED_SCHEMA = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// connection URL')
      .optional(),
    PGLITE_DATA_DIR: z.string().optional(),
    MODEL_STORE: z.enum(['fs', 'blob', 's3'], 'expected "fs", "blob" or "s3"').default('fs'),
    MODEL_DIR: z.string().default('./.data/models'),
    AZURE_STORAGE_CONNECTION_STRING: z.string().optional(),
    MODEL_CONTAINER: z
      .string()
      .regex(
        /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/,
        'expected a blob container name (3-63 of a-z, 0-9, -)',
      )
      .default('models'),
    MODEL_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected a bucket name (3-63 of a-z, 0-9, ., -)')
      .optional(),
    S3_ENDPOINT: z.url('expected an https:// or http:// endpoint URL').optional(),
    S3_REGION: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false'], 'expected "true" or "false"').default('false'),
    S3_CONDITIONAL_WRITES: z.enum(['etag', 'gcs', 'oss'], 'expected "etag", "gcs" or "oss"').default('etag'),
    MODEL_REFRESH_SECONDS: z.coerce
      .number('expected a number of seconds')
      .int('expected a whole number of seconds')
      .min(0, 'expected 0 or more seconds')
      .default(60),
    MODEL_KEEP_VERSIONS: z.coerce
      .number('expected a number of versions')
      .int('expected a whole number of versions')
      .min(1, 'expected at least 1 version')
      .default(10),
    ADMIN_KEY: z.string().optional(),
    PG_POOL_MAX: z.coerce
      .number('expected a number of connections')
      .int('expected a whole number of connections')
      .min(1, 'expected at least 1 connection')
      .default(4),
    PG_CONNECT_TIMEOUT_MS: milliseconds(5_000, 100),
    PG_QUERY_TIMEOUT_MS: milliseconds(10_000, 100),
    PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds(30_000, 100),
    API_KEYS: z.enum(['on', 'off'], 'expected "on" or "off"').default('off'),
    API_KEY_RATE_PER_MINUTE: z.coerce
      .number('expected a number')
      .int('expected a whole number')
      .min(1)
      .default(60),
    API_KEY_QUOTA_PER_DAY: z.coerce
      .number('expected a number')
      .int('expected a whole number')
      .min(1)
      .default(10_000),
    ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const parsed = parseAllowedOrigins(value);
        if (typeof parsed !== 'string') return parsed;
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }),
  })
  .superRefine((env, ctx) => {
    if (env.MODEL_STORE === 's3' && env.MODEL_BUCKET === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['MODEL_BUCKET'],
        message: 'expected a bucket name when MODEL_STORE=s3',
      });
    }
  });

/**
 * Parse the shared settings from `env` without caching (tests, tools). Apps use {@link getSharedConfig}.
 */
export function loadSharedConfig(env: Env = process.env): Readonly<SharedConfig> {
  const raw = loadConfig(SHARED_SCHEMA, env);
  const config: SharedConfig = {
    modelStore: raw.MODEL_STORE,
    // Resolved now so a later chdir cannot move the store.
    modelDir: path.resolve(process.cwd(), raw.MODEL_DIR),
    modelContainer: raw.MODEL_CONTAINER,
    modelRefreshSeconds: raw.MODEL_REFRESH_SECONDS,
    modelKeepVersions: raw.MODEL_KEEP_VERSIONS,
    pgPoolMax: raw.PG_POOL_MAX,
    pgConnectTimeoutMs: raw.PG_CONNECT_TIMEOUT_MS,
    pgQueryTimeoutMs: raw.PG_QUERY_TIMEOUT_MS,
    pgIdleInTransactionTimeoutMs: raw.PG_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    apiKeys: raw.API_KEYS,
    apiKeyRatePerMinute: raw.API_KEY_RATE_PER_MINUTE,
    apiKeyQuotaPerDay: raw.API_KEY_QUOTA_PER_DAY,
    allowedOrigins: Object.freeze(raw.ALLOWED_ORIGINS),
  };
  if (raw.DATABASE_URL !== undefined) config.databaseUrl = raw.DATABASE_URL;
  if (raw.PGLITE_DATA_DIR !== undefined)
    config.pgliteDataDir = path.resolve(process.cwd(), raw.PGLITE_DATA_DIR);
  if (raw.AZURE_STORAGE_CONNECTION_STRING !== undefined) {
    config.azureStorageConnectionString = raw.AZURE_STORAGE_CONNECTION_STRING;
  }
  if (raw.ADMIN_KEY !== undefined) config.adminKey = raw.ADMIN_KEY;
  if (raw.MODEL_STORE === 'blob') config.modelStorage = readModelStorage(env);
  if (raw.MODEL_STORE === 's3' && raw.MODEL_BUCKET !== undefined) {
    config.s3 = {
      bucket: raw.MODEL_BUCKET,
      forcePathStyle: raw.S3_FORCE_PATH_STYLE === 'true',
      conditionalWrites: raw.S3_CONDITIONAL_WRITES,
      ...(raw.S3_ENDPOINT !== undefined ? { endpoint: raw.S3_ENDPOINT } : {}),
      ...(raw.S3_REGION !== undefined ? { region: raw.S3_REGION } : {}),
    };
  }
  return Object.freeze(config);
}

/** The model store's account; a malformed value, or none, is a ConfigError naming the variable. */
function readModelStorage(env: Env): BlobStorageAccount {
  const account = tryReadBlobAccount(MODEL_STORAGE_SETTING, env);
  if (account) return account;
  throw new ConfigError(
    MODEL_STORAGE_SETTING,
    `it is not set (expected a storage connection string, or ${MODEL_STORAGE_SETTING}__accountName or __blobServiceUri for the app's identity, when MODEL_STORE=blob)`,
  );
}

let cached: Readonly<SharedConfig> | undefined;

/**
 * The shared settings from `process.env`, read and validated on first use, then cached for the process.
 * Throws ConfigError naming the variable when one is invalid.
 */
export function getSharedConfig(): Readonly<SharedConfig> {
  cached ??= loadSharedConfig(process.env);
  return cached;
}

/** Forget the cached settings so the next {@link getSharedConfig} re-reads `process.env` (tests). */
export function resetSharedConfig(): void {
  cached = undefined;
}
