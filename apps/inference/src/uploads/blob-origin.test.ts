// The console's CSP names the Blob endpoint upload URLs point at: worked out from the connection string without the
// SDK, it must be the origin the SDK itself derives (and signs URLs on) for every form a deployment may use.
import { BlobServiceClient } from '@azure/storage-blob';
import { describe, expect, it } from 'vitest';
import { blobOrigin } from './upload-staging.ts';

const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const FORMS = {
  'an Azure account': `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${KEY};EndpointSuffix=core.windows.net`,
  'a sovereign cloud': `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${KEY};EndpointSuffix=core.chinacloudapi.cn`,
  'Azurite on a port': `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:7241/devstoreaccount1;`,
  'a custom domain': `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${KEY};BlobEndpoint=https://models.example.com/`,
  'the development storage': 'UseDevelopmentStorage=true',
};

describe('blobOrigin', () => {
  it.each(Object.entries(FORMS))('gives the origin the SDK uses for %s', (_, connectionString) => {
    const sdk = new URL(BlobServiceClient.fromConnectionString(connectionString).url).origin;
    expect(blobOrigin(connectionString)).toBe(sdk);
  });
});
