// Publishing from the page: PUT /api/models/{name} with the file's bytes as the body, the admin key, and the
// metadata JSON in the x-model-metadata header.
import { apiKeyHeaders, toError } from '@suite/console/web/api.ts';
import type { PublishedVersion } from './types.ts';

/** The metadata as header-safe JSON: a header carries Latin-1 only, so other characters go as \u escapes. */
export function metadataHeader(metadata: Record<string, unknown>): string {
  return JSON.stringify(metadata).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The typed metadata text as an object, or why it is not one. Empty text is no metadata. */
export function parseMetadata(text: string): Record<string, unknown> | string {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Said below, as for any other value that is not an object.
  }
  return 'Metadata: a JSON object, e.g. {"labels": ["setosa", "versicolor", "virginica"]}, or nothing.';
}

/** Publishes `file` as a new version of `name`; throws ApiError with the API's problem when it is refused. */
export async function publishModel(
  name: string,
  file: Blob,
  metadata: Record<string, unknown>,
  adminKey: string,
): Promise<PublishedVersion & { name: string }> {
  const response = await fetch(`/api/models/${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: {
      accept: 'application/json',
      'content-type': 'application/octet-stream',
      'x-admin-key': adminKey,
      ...(Object.keys(metadata).length > 0 && { 'x-model-metadata': metadataHeader(metadata) }),
      ...apiKeyHeaders(),
    },
    body: file,
  });
  if (!response.ok) throw await toError(response);
  return (await response.json()) as PublishedVersion & { name: string };
}
