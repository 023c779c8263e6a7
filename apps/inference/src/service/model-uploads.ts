// The upload flow for models over the HTTP body limit: issue a short-lived upload URL, then publish what was
// uploaded through the same checks as a publish from the body (it loads, its signature is readable).
import { getSharedConfig } from '@suite/shared/config';
import { SuiteError, ValidationError } from '@suite/shared/errors';
import { getInferenceConfig } from '../config/inference-config.ts';
import { createUploadStaging, type UploadStaging, type UploadTicket } from '../uploads/upload-staging.ts';

export interface UploadOffer extends UploadTicket {
  name: string;
  /** Largest model a finalize accepts (INFERENCE_MAX_UPLOAD_MB), in bytes. */
  maxBytes: number;
  /** POST here (admin) once the bytes are uploaded, with optional `{"metadata": {...}}`. */
  publishPath: string;
}

export interface ModelUploads {
  offer(name: string): Promise<UploadOffer>;
  /** Reads the upload, publishes it with `publish`, deletes it; a model that does not load deletes it too (400). */
  finalize<T>(name: string, uploadId: string, publish: (bytes: Uint8Array) => Promise<T>): Promise<T>;
  /**
   * Deletes an upload never to be published (a client cancelled it): whatever reached storage, nothing when the PUT
   * was cut short (storage commits a Put Blob whole or not at all). Idempotent.
   */
  discard(name: string, uploadId: string): Promise<void>;
}

/** The staging is a getter: it throws (409) on an instance whose model store is not Blob storage. */
export function createModelUploads(staging: () => UploadStaging, maxBytes: number): ModelUploads {
  return {
    async offer(name) {
      const ticket = await staging().createUpload(name);
      return {
        name,
        ...ticket,
        maxBytes,
        publishPath: `/api/models/${name}/uploads/${ticket.uploadId}/publish`,
      };
    },
    async finalize(name, uploadId, publish) {
      const store = staging();
      const bytes = await store.read(name, uploadId, maxBytes);
      let published;
      try {
        published = await publish(bytes);
      } catch (error) {
        // Bytes that are not a servable model never will be: drop them. An outage (503) or a lost publish race
        // (409) keeps the upload, so the same finalize can be sent again.
        if (error instanceof ValidationError) await store.remove(name, uploadId);
        throw error;
      }
      // Published: the bytes now live in the model store. A failed delete leaves a blob the next offer's sweep
      // removes after a day; the publish itself succeeded, so it is not reported as failed.
      await store.remove(name, uploadId).catch(() => undefined);
      return published;
    },
    discard: (name, uploadId) => staging().remove(name, uploadId),
  };
}

/**
 * 409 on the filesystem model store: upload URLs are Blob SAS URLs, and the published model belongs in Blob too.
 * A deployment choice (local development), not a server fault, so the answer says what to do: a 5xx would hide it.
 */
export function uploadsNeedBlobStore(): SuiteError {
  return new SuiteError(
    'Upload URLs need the Blob model store: set MODEL_STORE=blob and AZURE_STORAGE_CONNECTION_STRING. On MODEL_STORE=fs, publish with PUT /api/models/{name} and the bytes as the body (up to INFERENCE_MAX_MODEL_MB).',
    { code: 'upload_needs_blob_store', status: 409, details: { variable: 'MODEL_STORE', expected: 'blob' } },
  );
}

/**
 * 501 when the Blob model store is reached with the app's identity: a service SAS needs the account key, and
 * user-delegation SAS is not implemented. Publishing from the body still works.
 */
function uploadsNeedAccountKey(): SuiteError {
  return new SuiteError(
    "Upload URLs are signed with the storage account key, and the model store reaches its account with the app's identity (AZURE_STORAGE_CONNECTION_STRING__accountName or __blobServiceUri). Set AZURE_STORAGE_CONNECTION_STRING to a connection string with an AccountKey, or publish with PUT /api/models/{name} and the bytes as the body (up to INFERENCE_MAX_MODEL_MB).",
    {
      code: 'upload_url_unavailable',
      status: 501,
      details: { variable: 'AZURE_STORAGE_CONNECTION_STRING' },
    },
  );
}

let staging: UploadStaging | undefined;

/**
 * The app's upload staging (lazy singleton) on the model store's storage account; 409 on MODEL_STORE=fs, 501 when
 * the store reaches its account with the app's identity (the URLs are signed with the account key).
 */
export function getUploadStaging(): UploadStaging {
  const shared = getSharedConfig();
  if (shared.modelStore !== 'blob') throw uploadsNeedBlobStore();
  if (shared.modelStorage?.kind !== 'connection-string') throw uploadsNeedAccountKey();
  const config = getInferenceConfig();
  staging ??= createUploadStaging({
    connectionString: shared.modelStorage.connectionString,
    container: config.uploadContainer,
    lifetimeMs: config.uploadUrlMs,
  });
  return staging;
}

/**
 * The origin the console's browser uploads to (the CSP's connect-src), or undefined where no upload URL is issued
 * (MODEL_STORE=fs, or the store on the app's identity).
 */
export function tryUploadOrigin(): string | undefined {
  try {
    return getUploadStaging().origin;
  } catch {
    return undefined; // the upload endpoint says why, with its 409 or 501
  }
}

/** Forget the singleton (tests that change the environment). */
export function resetUploadStaging(): void {
  staging = undefined;
}
