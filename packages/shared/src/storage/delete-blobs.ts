// Deletes every blob under a prefix: what retention of a run's working data needs, idempotent and safe to run
// from two instances at once (a blob the other one deleted first is not an error).
import type { ContainerClient } from '@azure/storage-blob';

const PARALLEL = 16;

/**
 * Deletes the blobs whose names start with `prefix` (which must end with `/`, so `runs/a/` never reaches
 * `runs/ab/`); returns how many this call deleted. A missing container counts as nothing to delete.
 * @example
 * await deleteBlobsUnder(container, `runs/${runId}/`);
 */
export async function deleteBlobsUnder(container: ContainerClient, prefix: string): Promise<number> {
  if (!prefix.endsWith('/') || prefix === '/') throw new Error(`blob prefix must end with "/": ${prefix}`);
  let deleted = 0;
  let names: string[] = [];
  const flush = async () => {
    const results = await Promise.all(
      names.map((name) => container.getBlobClient(name).deleteIfExists({ deleteSnapshots: 'include' })),
    );
    deleted += results.filter((r) => r.succeeded).length;
    names = [];
  };
  try {
    for await (const blob of container.listBlobsFlat({ prefix })) {
      names.push(blob.name);
      if (names.length >= PARALLEL) await flush();
    }
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return deleted;
    throw error;
  }
  await flush();
  return deleted;
}
