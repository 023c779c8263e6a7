// The storage calls of the Blob ModelStore on one container: reads, conditional uploads, deletes and listings,
// every call guarded so an unreachable account is a DependencyError (503), not a crash.
import type { ContainerClient } from '@azure/storage-blob';
import { blobStatusOf, guardBlobCall } from '../errors/blob-calls.ts';
import { MODEL_NAME_PATTERN } from './model-naming.ts';
import type { ModelObjects, WriteCondition } from './object-model-backend.ts';

/** The {@link ModelObjects} of one container (created on the first publish if missing). */
export function createBlobModelFiles(container: ContainerClient): ModelObjects {
  let ready: Promise<unknown> | undefined;

  /** Runs a container listing; a container that does not exist yet simply holds nothing. */
  async function listing(fn: () => Promise<void>): Promise<void> {
    try {
      await guardBlobCall('list blobs', fn);
    } catch (error) {
      if (blobStatusOf(error) !== 404) throw error;
    }
  }

  return {
    kind: 'blob',

    prepare() {
      ready ??= guardBlobCall('create container', () => container.createIfNotExists()).catch(
        (error: unknown) => {
          ready = undefined; // forget the failure: the next publish tries again
          throw error;
        },
      );
      return ready;
    },

    async read(key) {
      const blob = container.getBlobClient(key);
      try {
        if (!key.endsWith('/latest.json')) {
          // Artifacts come through downloadToBuffer's parallel ranged reads.
          return { body: await guardBlobCall(readLabel(key), () => blob.downloadToBuffer()), token: '' };
        }
        // The pointer is one small read whose ETag the swap needs. The body is read inside the guard too: a
        // connection lost mid-stream is an outage, not a bug.
        return await guardBlobCall('read latest', async () => {
          const response = await blob.download();
          return { body: await readBody(response.readableStreamBody), token: response.etag ?? '' };
        });
      } catch (error) {
        if (blobStatusOf(error) === 404) return undefined;
        throw error;
      }
    },

    async write(key, body, condition) {
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      const contentType = typeof body === 'string' ? 'application/json' : 'application/octet-stream';
      await guardBlobCall(`write ${key}`, () =>
        container.getBlockBlobClient(key).upload(bytes, bytes.byteLength, {
          conditions: blobConditions(condition),
          blobHTTPHeaders: { blobContentType: contentType },
        }),
      );
    },

    isWriteConflict: (error) => blobStatusOf(error) === 412 || blobStatusOf(error) === 409,

    async remove(key) {
      const label = key.split('/')[1] === 'pins' ? 'unpin' : 'delete version';
      await guardBlobCall(label, () => container.getBlockBlobClient(key).deleteIfExists());
    },

    async listKeys(prefix) {
      const keys: string[] = [];
      await listing(async () => {
        for await (const blob of container.listBlobsFlat({ prefix })) keys.push(blob.name);
      });
      return keys;
    },

    async listNames() {
      const names: string[] = [];
      await listing(async () => {
        for await (const item of container.listBlobsByHierarchy('/')) {
          const name = item.kind === 'prefix' ? item.name.replace(/\/$/, '') : '';
          if (MODEL_NAME_PATTERN.test(name)) names.push(name);
        }
      });
      return names.sort();
    },
  };
}

const blobConditions = (condition: WriteCondition): { ifMatch?: string; ifNoneMatch?: string } =>
  !condition ? {} : 'create' in condition ? { ifNoneMatch: '*' } : { ifMatch: condition.match };

const readLabel = (key: string) => (key.endsWith('/model.bin') ? 'read model' : 'read manifest');

async function readBody(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
