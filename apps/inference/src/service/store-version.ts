// Stores a published model as a new version of its name. A publish through the API asks for a new version, not for
// a particular `latest` to replace: publishes racing for one name each land, and the last to commit is latest.
import { ConflictError } from '@suite/shared/errors';
import type { ModelManifest, ModelStore } from '@suite/shared/models';

/** Tries per publish: each lost race means another publish of the name committed meanwhile. */
export const PUBLISH_ATTEMPTS = 8;

/**
 * `store.publish` sent again when it lost the compare-and-swap of `latest` to another publish of `name` (the store
 * deleted the version it wrote, and throws ConflictError): it then goes on top of the winner. A publisher whose bytes
 * and metadata the winner already holds gets the winner's version, as a repeated publish does.
 * @example const manifest = await storeVersion(store, 'iris', bytes, { format: 'onnx', signature, metadata });
 */
export async function storeVersion(
  store: ModelStore,
  name: string,
  bytes: Uint8Array,
  metadata: Record<string, unknown>,
): Promise<ModelManifest> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      // The metadata is part of the version: the same bytes with corrected labels are a new version.
      return await store.publish(name, bytes, { metadata, identical: 'same-bytes-and-metadata' });
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= PUBLISH_ATTEMPTS) throw error;
    }
  }
}
