// Models too large for an HTTP body go straight to Blob storage: a short-lived URL that may only create and write
// one blob in an uploads container, then a finalize that reads the blob back to publish it and deletes it.
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { blobStatusOf, guardBlobCall, NotFoundError, SuiteError } from '@suite/shared/errors';

/** What a caller needs to upload: PUT the bytes to `url` with `headers` before `expiresAt`. */
export interface UploadTicket {
  uploadId: string;
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

export interface UploadStaging {
  /** A URL valid for `lifetimeMs` that may create and write `<name>/<uploadId>.onnx` and nothing else. */
  createUpload(name: string): Promise<UploadTicket>;
  /** The uploaded bytes; 404 when nothing was uploaded under that id, 413 (and the blob deleted) over `maxBytes`. */
  read(name: string, uploadId: string, maxBytes: number): Promise<Uint8Array>;
  /** Removes the upload (after a publish, or a finalize that failed for good). */
  remove(name: string, uploadId: string): Promise<void>;
  /** The origin upload URLs point at (`https://<account>.blob.core.windows.net`). */
  readonly origin: string;
}

export interface UploadStagingOptions {
  connectionString: string;
  container: string;
  /** How long an upload URL may be used. */
  lifetimeMs: number;
  /** Uploads never finalized are deleted once this old, when a later upload URL is issued. Default 24 h. */
  staleAfterMs?: number;
  now?: () => number;
}

/**
 * The origin of the Blob endpoint a connection string names, as the SDK derives it (`BlobEndpoint`, the development
 * account, or the account's default endpoint), without loading the SDK: the console's CSP needs it on its first
 * request.
 * @example blobOrigin('DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=...') // 'https://acct.blob.core.windows.net'
 */
export function blobOrigin(connectionString: string): string {
  const pairs = new Map<string, string>();
  for (const part of connectionString.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) pairs.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const endpoint = pairs.get('blobendpoint');
  if (endpoint) return new URL(endpoint).origin;
  if (pairs.get('usedevelopmentstorage')?.toLowerCase() === 'true') return 'http://127.0.0.1:10000';
  const protocol = pairs.get('defaultendpointsprotocol') ?? 'https';
  return `${protocol}://${pairs.get('accountname')}.blob.${pairs.get('endpointsuffix') ?? 'core.windows.net'}`;
}

/** Upload ids are UUIDs: nothing else may reach a blob name. */
export const UPLOAD_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Upload staging on the storage account of `connectionString`. The URL carries a service SAS signed with the
 * account key (permissions create + write, one blob, no read, no list); the SDK is imported on first use so the
 * predict path never pays for it.
 *
 * @example
 * const staging = createUploadStaging({ connectionString, container: 'model-uploads', lifetimeMs: 15 * 60_000 });
 * const { url, uploadId } = await staging.createUpload('iris'); // curl -X PUT -H 'x-ms-blob-type: BlockBlob' ...
 * const bytes = await staging.read('iris', uploadId, 2 ** 31);
 */
export function createUploadStaging(options: UploadStagingOptions): UploadStaging {
  const now = options.now ?? Date.now;
  let connecting: Promise<ContainerClient> | undefined;
  const container = (): Promise<ContainerClient> =>
    (connecting ??= (async () => {
      const { BlobServiceClient } = await import('@azure/storage-blob');
      const client = BlobServiceClient.fromConnectionString(options.connectionString, {
        retryOptions: { maxTries: 3, retryDelayInMs: 300, maxRetryDelayInMs: 2_000 },
      }).getContainerClient(options.container);
      await guardBlobCall('create uploads container', () => client.createIfNotExists());
      return client;
    })().catch((error: unknown) => {
      connecting = undefined; // the next call tries again
      throw error;
    }));
  const blobName = (name: string, uploadId: string) => `${name}/${uploadId}.onnx`;

  /** Uploads under `name` never finalized: deleted once stale (housekeeping, best effort). */
  async function sweep(client: ContainerClient, name: string): Promise<void> {
    const cutoff = now() - (options.staleAfterMs ?? DAY_MS);
    for await (const blob of client.listBlobsFlat({ prefix: `${name}/` })) {
      if (blob.properties.lastModified.getTime() < cutoff) await client.deleteBlob(blob.name).catch(() => {});
    }
  }

  return {
    origin: blobOrigin(options.connectionString),

    async createUpload(name) {
      const client = await container();
      const uploadId = randomUUID();
      const blob = client.getBlockBlobClient(blobName(name, uploadId));
      const expiresOn = new Date(now() + options.lifetimeMs);
      let url: string;
      try {
        const { BlobSASPermissions, SASProtocol } = await import('@azure/storage-blob');
        url = await blob.generateSasUrl({
          permissions: BlobSASPermissions.parse('cw'),
          // A few minutes of clock skew between this instance and storage must not refuse a fresh URL.
          startsOn: new Date(now() - 5 * 60_000),
          expiresOn,
          // Azurite serves plain HTTP; Azure's endpoints are HTTPS and the URL is then refused over HTTP.
          protocol: blob.url.startsWith('https:') ? SASProtocol.Https : SASProtocol.HttpsAndHttp,
        });
      } catch (cause) {
        throw new SuiteError(
          'Upload URLs are signed with the storage account key: AZURE_STORAGE_CONNECTION_STRING must hold an AccountKey.',
          {
            code: 'upload_url_unavailable',
            status: 501,
            cause,
            details: { variable: 'AZURE_STORAGE_CONNECTION_STRING' },
          },
        );
      }
      void sweep(client, name).catch(() => undefined);
      return {
        uploadId,
        url,
        method: 'PUT',
        headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/octet-stream' },
        expiresAt: expiresOn.toISOString(),
      };
    },

    async read(name, uploadId, maxBytes) {
      const blob = (await container()).getBlockBlobClient(blobName(name, uploadId));
      let size: number;
      try {
        size = (await guardBlobCall('read upload', () => blob.getProperties())).contentLength ?? 0;
      } catch (error) {
        if (blobStatusOf(error) === 404) {
          throw new NotFoundError(
            `No upload "${uploadId}" for model "${name}": PUT the bytes to its uploadUrl first (an upload is deleted once published or refused).`,
          );
        }
        throw error;
      }
      if (size > maxBytes) {
        await blob.deleteIfExists();
        throw new SuiteError(
          `The upload is ${size} bytes, over INFERENCE_MAX_UPLOAD_MB (${maxBytes} bytes).`,
          {
            code: 'payload_too_large',
            status: 413,
            details: { limitBytes: maxBytes, sizeBytes: size },
          },
        );
      }
      const body = await guardBlobCall('read upload', () => blob.downloadToBuffer());
      return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    },

    async remove(name, uploadId) {
      const blob = (await container()).getBlockBlobClient(blobName(name, uploadId));
      await guardBlobCall('delete upload', () => blob.deleteIfExists());
    },
  };
}
