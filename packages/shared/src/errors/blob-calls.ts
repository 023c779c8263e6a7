// Azure Blob Storage calls as the suite reports them: an unreachable account, a timeout, throttling or a 5xx is an
// outage (DependencyError 'blob', HTTP 503), never the caller's mistake; any other failure is thrown as it came.
import { DependencyError } from './suite-errors.ts';

/**
 * Runs one storage call, turning an outage into DependencyError('blob') named by `operation`.
 * @example const body = await guardBlobCall('read upload', () => blob.downloadToBuffer());
 */
export async function guardBlobCall<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const status = blobStatusOf(error);
    if (status === undefined || status >= 500 || status === 408 || status === 429) {
      throw new DependencyError(`Blob storage is unavailable (${operation})`, {
        dependency: 'blob',
        cause: error,
      });
    }
    throw error;
  }
}

/** The HTTP status of a storage SDK error (`statusCode`), undefined for anything else. */
export function blobStatusOf(error: unknown): number | undefined {
  const status =
    typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  return typeof status === 'number' ? status : undefined;
}
