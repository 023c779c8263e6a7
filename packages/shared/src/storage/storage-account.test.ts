import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import { startAzurite, type AzuriteHandle } from '../testing/index.ts';
import { createBlobServiceClient, getAccountCredential } from './storage-account.ts';
import {
  isStorageSettingSet,
  tryReadBlobAccount,
  tryReadStorageAccount,
  type IdentityAccount,
} from './storage-settings.ts';

const KEYED =
  'DefaultEndpointsProtocol=https;AccountName=acct1;AccountKey=a2V5;EndpointSuffix=core.windows.net';

/** The ConfigError `fn` throws (the test fails when it throws nothing or something else). */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('tryReadStorageAccount', () => {
  it('takes the setting as a connection string: account key, SAS with endpoints, development storage', () => {
    const sas =
      'BlobEndpoint=https://a.blob.core.windows.net;QueueEndpoint=https://a.queue.core.windows.net;SharedAccessSignature=sv=1&sig=x';
    for (const value of [KEYED, sas, 'UseDevelopmentStorage=true'])
      expect(tryReadStorageAccount('S', { S: value })).toEqual({
        kind: 'connection-string',
        setting: 'S',
        connectionString: value,
      });
  });

  it('is undefined when neither the setting nor its identity settings are set (empty counts as unset)', () => {
    expect(tryReadStorageAccount('S', { S: '  ', OTHER__accountName: 'x' })).toBeUndefined();
    expect(isStorageSettingSet('S', { S: '' })).toBe(false);
    expect(isStorageSettingSet('S', { S__accountName: 'acct1' })).toBe(true);
  });

  it('reads the Functions host identity settings: an account name gives the public endpoints', () => {
    expect(
      tryReadStorageAccount('S', {
        S__accountName: 'acct1',
        S__credential: 'managedidentity',
        S__clientId: 'c1',
      }),
    ).toEqual({
      kind: 'identity',
      setting: 'S',
      blobServiceUri: 'https://acct1.blob.core.windows.net',
      queueServiceUri: 'https://acct1.queue.core.windows.net',
      clientId: 'c1',
    });
  });

  it('takes explicit service URIs (sovereign clouds, custom domains), __serviceUri as the Blob alias', () => {
    const account = tryReadStorageAccount('S', {
      S__serviceUri: 'https://acct1.blob.core.chinacloudapi.cn/',
      S__queueServiceUri: 'https://acct1.queue.core.chinacloudapi.cn',
    });
    expect(account).toMatchObject({
      blobServiceUri: 'https://acct1.blob.core.chinacloudapi.cn',
      queueServiceUri: 'https://acct1.queue.core.chinacloudapi.cn',
    });
  });

  it('names the variable and what it expects when a value is malformed or incomplete', () => {
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ S: 'https://acct1.blob.core.windows.net' }, 'S', /not a URL: for an identity set S__accountName/],
      [{ S: 'hello' }, 'S', /Key=Value/],
      [{ S: 'AccountName=acct1' }, 'S', /AccountKey/],
      [{ S: 'BlobEndpoint=https://a;SharedAccessSignature=x' }, 'S', /QueueEndpoint/],
      [{ S__blobServiceUri: 'https://a.blob.core.windows.net' }, 'S__queueServiceUri', /__accountName/],
      [{ S__queueServiceUri: 'https://a.queue.core.windows.net' }, 'S__blobServiceUri', /both/],
      [{ S__accountName: 'Bad_Name' }, 'S__accountName', /account name/],
      [{ S__accountName: 'acct1', S__credential: 'secret' }, 'S__credential', /managedidentity/],
      [{ S__blobServiceUri: 'http://a', S__queueServiceUri: 'https://b' }, 'S__blobServiceUri', /https/],
    ];
    for (const [env, variable, message] of cases) {
      const error = configError(() => tryReadStorageAccount('S', env));
      expect(error.variable, JSON.stringify(env)).toBe(variable);
      expect(error.message, JSON.stringify(env)).toMatch(message);
    }
  });
});

describe('tryReadBlobAccount (Blob alone: the model store)', () => {
  it('takes __blobServiceUri without __queueServiceUri, and a SAS with only BlobEndpoint', () => {
    expect(tryReadBlobAccount('S', { S__blobServiceUri: 'https://acct1.blob.core.windows.net/' })).toEqual({
      kind: 'identity',
      setting: 'S',
      blobServiceUri: 'https://acct1.blob.core.windows.net',
    });
    const sas = 'BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=sv=1&sig=x';
    expect(tryReadBlobAccount('S', { S: sas })).toEqual({
      kind: 'connection-string',
      setting: 'S',
      connectionString: sas,
    });
    // Queue triggers still need both endpoints.
    expect(configError(() => tryReadStorageAccount('S', { S: sas })).message).toMatch(/QueueEndpoint/);
    expect(configError(() => tryReadStorageAccount('S', { S__blobServiceUri: 'https://a.b' })).variable).toBe(
      'S__queueServiceUri',
    );
  });

  it('names the variable and what it expects when a value is malformed or incomplete', () => {
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [
        { S: 'https://acct1.blob.core.windows.net' },
        'S',
        /not a URL: for an identity set S__accountName \(or S__blobServiceUri\)/,
      ],
      [{ S: 'AccountName=acct1' }, 'S', /AccountKey/],
      [{ S: 'SharedAccessSignature=x' }, 'S', /BlobEndpoint/],
      [
        { S__queueServiceUri: 'https://a.queue.core.windows.net' },
        'S__blobServiceUri',
        /S__accountName or S__blobServiceUri/,
      ],
      [{ S__serviceUri: 'ftp://a' }, 'S__serviceUri', /https/],
      [{ S__accountName: 'acct1', S__credential: 'key' }, 'S__credential', /managedidentity/],
    ];
    for (const [env, variable, message] of cases) {
      const error = configError(() => tryReadBlobAccount('S', env));
      expect(error.variable, JSON.stringify(env)).toBe(variable);
      expect(error.message, JSON.stringify(env)).toMatch(message);
    }
  });
});

describe('storage clients', () => {
  let azurite: AzuriteHandle;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 240_000);
  afterAll(() => azurite?.stop());

  it('a connection-string account reaches Azurite: a blob written is read back', async () => {
    const account = tryReadStorageAccount('S', { S: azurite.connectionString })!;
    const container = createBlobServiceClient(account).getContainerClient('storage-account-test');
    await container.createIfNotExists();
    await container.getBlockBlobClient('a.txt').uploadData(Buffer.from('hello'));
    expect((await container.getBlobClient('a.txt').downloadToBuffer()).toString()).toBe('hello');
  });

  it('an identity account gets a client on its service URI with one credential per account', () => {
    // No Azure identity here: the token request itself cannot be tested, only what the client is built with.
    const account = tryReadStorageAccount('S', { S__accountName: 'acct1' }) as IdentityAccount;
    const client = createBlobServiceClient(account);
    expect(client.url).toBe('https://acct1.blob.core.windows.net/');
    expect(client.credential).toBe(getAccountCredential(account));
    expect(typeof getAccountCredential(account).getToken).toBe('function');
  });

  it("a Blob-only identity account (the model store's) gets its client on __blobServiceUri", () => {
    const account = tryReadBlobAccount('S', { S__blobServiceUri: 'https://models.example.net' })!;
    expect(createBlobServiceClient(account).url).toBe('https://models.example.net/');
  });
});
