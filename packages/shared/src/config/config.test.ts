import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors/index.ts';
import { getSharedConfig, loadConfig, resetSharedConfig } from './index.ts';
import { loadSharedConfig } from './shared-config.ts';

describe('loadConfig', () => {
  const schema = z.object({
    PORT: z.coerce.number().int().default(7071),
    API_KEY: z.string(),
    MODE: z.enum(['a', 'b']).default('a'),
  });

  it('returns a typed, frozen object with defaults applied', () => {
    const config = loadConfig(schema, { API_KEY: 'k', PORT: '8080', UNRELATED: 'x' });
    expect(config).toEqual({ PORT: 8080, API_KEY: 'k', MODE: 'a' });
    expect(Object.isFrozen(config)).toBe(true);
    expect('UNRELATED' in config).toBe(false);
  });

  it('names a missing variable and says it is not set', () => {
    const error = (() => {
      try {
        loadConfig(schema, {});
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('API_KEY');
    expect((error as ConfigError).message).toMatch(/API_KEY.*not set/);
  });

  it('treats an empty string as unset, so the default applies', () => {
    expect(loadConfig(schema, { API_KEY: 'k', PORT: '', MODE: '  ' }).PORT).toBe(7071);
    expect(() => loadConfig(schema, { API_KEY: '' })).toThrow(/API_KEY/);
  });

  it('names an invalid variable with what it expects', () => {
    expect(() => loadConfig(schema, { API_KEY: 'k', PORT: 'abc' })).toThrow(
      expect.objectContaining({ variable: 'PORT', message: expect.stringMatching(/PORT.*number/) }),
    );
    expect(() => loadConfig(schema, { API_KEY: 'k', MODE: 'c' })).toThrow(/MODE.*"a"/);
  });
});

describe('getSharedConfig', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetSharedConfig();
  });

  it('defaults to the filesystem store under the working directory and a 60 s refresh', () => {
    const config = loadSharedConfig({});
    expect(config).toEqual({
      modelStore: 'fs',
      modelDir: path.resolve(process.cwd(), '.data/models'),
      modelContainer: 'models',
      modelRefreshSeconds: 60,
      modelKeepVersions: 10,
      pgPoolMax: 4,
      pgConnectTimeoutMs: 5_000,
      pgQueryTimeoutMs: 10_000,
      pgIdleInTransactionTimeoutMs: 30_000,
      apiKeys: 'off',
      apiKeyRatePerMinute: 60,
      apiKeyQuotaPerDay: 10_000,
      allowedOrigins: [],
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.adminKey).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('maps every variable', () => {
    const config = loadSharedConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      PGLITE_DATA_DIR: '/tmp/pglite',
      MODEL_STORE: 'blob',
      MODEL_DIR: '/srv/models',
      AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      MODEL_CONTAINER: 'suite-models',
      MODEL_REFRESH_SECONDS: '15',
      ADMIN_KEY: 'secret',
      PG_POOL_MAX: '2',
      PG_CONNECT_TIMEOUT_MS: '3000',
      PG_QUERY_TIMEOUT_MS: '8000',
      PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: '20000',
      API_KEYS: 'on',
      API_KEY_RATE_PER_MINUTE: '5',
      API_KEY_QUOTA_PER_DAY: '100',
      ALLOWED_ORIGINS: 'https://shop.example.com',
    });
    expect(config).toEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
      pgliteDataDir: '/tmp/pglite',
      modelStore: 'blob',
      modelDir: '/srv/models',
      azureStorageConnectionString: 'UseDevelopmentStorage=true',
      modelStorage: {
        kind: 'connection-string',
        setting: 'AZURE_STORAGE_CONNECTION_STRING',
        connectionString: 'UseDevelopmentStorage=true',
      },
      modelContainer: 'suite-models',
      modelRefreshSeconds: 15,
      modelKeepVersions: 10,
      adminKey: 'secret',
      pgPoolMax: 2,
      pgConnectTimeoutMs: 3_000,
      pgQueryTimeoutMs: 8_000,
      pgIdleInTransactionTimeoutMs: 20_000,
      apiKeys: 'on',
      apiKeyRatePerMinute: 5,
      apiKeyQuotaPerDay: 100,
      allowedOrigins: ['https://shop.example.com'],
    });
  });

  it('refuses a bad value, naming the variable', () => {
    expect(() => loadSharedConfig({ MODEL_STORE: 'gcs' })).toThrow(/MODEL_STORE.*"fs", "blob" or "s3"/);
    expect(() => loadSharedConfig({ MODEL_REFRESH_SECONDS: '-1' })).toThrow(/MODEL_REFRESH_SECONDS/);
    expect(() => loadSharedConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL.*postgres/);
    expect(() => loadSharedConfig({ MODEL_STORE: 'blob' })).toThrow(/AZURE_STORAGE_CONNECTION_STRING/);
    expect(() => loadSharedConfig({ PG_POOL_MAX: '0' })).toThrow(/PG_POOL_MAX/);
    expect(() => loadSharedConfig({ PG_QUERY_TIMEOUT_MS: 'soon' })).toThrow(/PG_QUERY_TIMEOUT_MS/);
  });

  it("reads the Blob model store's account in the Functions host's connection forms", () => {
    const blob = (env: Record<string, string>) =>
      loadSharedConfig({ MODEL_STORE: 'blob', ...env }).modelStorage;
    expect(blob({ AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' })).toEqual({
      kind: 'connection-string',
      setting: 'AZURE_STORAGE_CONNECTION_STRING',
      connectionString: 'UseDevelopmentStorage=true',
    });
    // The identity forms are parsed only: no token is requested here (no Azure identity on this machine).
    expect(blob({ AZURE_STORAGE_CONNECTION_STRING__accountName: 'acct1' })).toMatchObject({
      kind: 'identity',
      blobServiceUri: 'https://acct1.blob.core.windows.net',
    });
    // Blob alone: no __queueServiceUri needed beside __blobServiceUri, unlike a queue trigger's connection.
    expect(
      blob({
        AZURE_STORAGE_CONNECTION_STRING__blobServiceUri: 'https://models.example.net/',
        AZURE_STORAGE_CONNECTION_STRING__clientId: 'c1',
      }),
    ).toEqual({
      kind: 'identity',
      setting: 'AZURE_STORAGE_CONNECTION_STRING',
      blobServiceUri: 'https://models.example.net',
      clientId: 'c1',
    });
    expect(loadSharedConfig({ MODEL_STORE: 'fs' }).modelStorage).toBeUndefined();
  });

  it('refuses a missing or malformed model store account when MODEL_STORE=blob, naming the variable', () => {
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{}, 'AZURE_STORAGE_CONNECTION_STRING', /not set.*__accountName/],
      [{ AZURE_STORAGE_CONNECTION_STRING: 'hello' }, 'AZURE_STORAGE_CONNECTION_STRING', /Key=Value/],
      [
        { AZURE_STORAGE_CONNECTION_STRING: 'https://acct1.blob.core.windows.net' },
        'AZURE_STORAGE_CONNECTION_STRING',
        /not a URL/,
      ],
      [
        { AZURE_STORAGE_CONNECTION_STRING__blobServiceUri: 'http://acct1.blob.core.windows.net' },
        'AZURE_STORAGE_CONNECTION_STRING__blobServiceUri',
        /https/,
      ],
      [
        { AZURE_STORAGE_CONNECTION_STRING__accountName: 'Not_An_Account' },
        'AZURE_STORAGE_CONNECTION_STRING__accountName',
        /account name/,
      ],
    ];
    for (const [env, variable, message] of cases) {
      let error: unknown;
      try {
        loadSharedConfig({ MODEL_STORE: 'blob', ...env });
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(env)).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable, JSON.stringify(env)).toBe(variable);
      expect((error as ConfigError).message, JSON.stringify(env)).toMatch(message);
    }
  });

  it('reads process.env once until reset', () => {
    process.env.ADMIN_KEY = 'first';
    resetSharedConfig();
    expect(getSharedConfig().adminKey).toBe('first');
    process.env.ADMIN_KEY = 'second';
    expect(getSharedConfig().adminKey).toBe('first');
    resetSharedConfig();
    expect(getSharedConfig().adminKey).toBe('second');
  });
});
