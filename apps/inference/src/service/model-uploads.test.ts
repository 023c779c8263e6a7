// Which model store the upload URLs work on: Blob with an account key; a clear answer on the others.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetSharedConfig } from '@suite/shared/config';
import { SuiteError } from '@suite/shared/errors';
import { getUploadStaging, resetUploadStaging } from './model-uploads.ts';

/** The SuiteError `getUploadStaging` throws under the stubbed environment. */
function refusal(): SuiteError {
  resetSharedConfig();
  resetUploadStaging();
  try {
    getUploadStaging();
  } catch (error) {
    if (error instanceof SuiteError) return error;
    throw error;
  }
  throw new Error('expected getUploadStaging to refuse');
}

describe('getUploadStaging', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetSharedConfig();
    resetUploadStaging();
  });

  it('answers 409 on the filesystem store', () => {
    vi.stubEnv('MODEL_STORE', 'fs');
    expect(refusal()).toMatchObject({ status: 409, code: 'upload_needs_blob_store' });
  });

  it("answers 501 naming the setting when the Blob store reaches its account with the app's identity", () => {
    // Upload URLs are signed with the account key, which an identity connection does not have.
    vi.stubEnv('MODEL_STORE', 'blob');
    vi.stubEnv('AZURE_STORAGE_CONNECTION_STRING', undefined);
    vi.stubEnv('AZURE_STORAGE_CONNECTION_STRING__accountName', 'acct1');
    const error = refusal();
    expect(error).toMatchObject({ status: 501, code: 'upload_url_unavailable' });
    expect(error.message).toMatch(/identity.*AZURE_STORAGE_CONNECTION_STRING/);
  });
});
