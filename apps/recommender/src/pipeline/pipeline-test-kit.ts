// Test kit of the pipeline: storage of its own (blob + queue), a container per test file, and rating files made
// from a small latent-factor model with a few bad rows mixed in.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { BlobServiceClient } from '@azure/storage-blob';
import { createRng } from '@suite/shared/ml';
import { startAzurite, type AzuriteHandle } from '@suite/shared/testing';
import { loadPipelineConfig, type PipelineConfig } from './pipeline-config.ts';

export interface PipelineTestStorage {
  azurite: AzuriteHandle;
  config: PipelineConfig;
  upload(name: string, data: Uint8Array | string): Promise<void>;
}

/**
 * Storage of its own (blob + queue, never CI's shared account: another test file's host would poll the same
 * `rec-pipeline-*` queues and take these messages) and a fresh container; chunks of `chunkRows`.
 */
export async function startPipelineStorage(chunkRows = 50): Promise<PipelineTestStorage> {
  const azurite = await startAzurite({ queue: true, private: true });
  const container = `pipe-${randomUUID().slice(0, 8)}`;
  const config = loadPipelineConfig({
    PIPELINE_CONTAINER: container,
    PIPELINE_CHUNK_ROWS: String(chunkRows),
  });
  const client = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(
    container,
  );
  await client.createIfNotExists();
  return {
    azurite,
    config,
    async upload(name, data) {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      await client.getBlockBlobClient(name).uploadData(bytes);
    },
  };
}

/**
 * `user,item,rating,timestamp` rows from r = 3.5 + b_u + b_i + p_u.q_i + noise (clipped, rounded to halves),
 * plus `bad` rows of each kind the clean stage rejects. Gzipped when `gzip`.
 */
export function latentFactorCsv(o: { users: number; items: number; perUser: number; seed?: number }): {
  csv: string;
  rows: number;
} {
  const rng = createRng(o.seed ?? 1);
  const k = 3;
  const p = Array.from({ length: o.users * k }, () => 0.5 * rng.normal());
  const q = Array.from({ length: o.items * k }, () => 0.5 * rng.normal());
  const bu = Array.from({ length: o.users }, () => 0.3 * rng.normal());
  const bi = Array.from({ length: o.items }, () => 0.3 * rng.normal());
  const lines = ['user_id,item_id,rating,timestamp'];
  for (let u = 0; u < o.users; u++) {
    const seen = new Set<number>();
    while (seen.size < Math.min(o.perUser, o.items)) seen.add(Math.floor(rng.next() * o.items));
    for (const i of seen) {
      let r = 3.5 + (bu[u] as number) + (bi[i] as number) + 0.3 * rng.normal();
      for (let f = 0; f < k; f++) r += (p[u * k + f] as number) * (q[i * k + f] as number);
      r = Math.min(5, Math.max(1, Math.round(r * 2) / 2));
      lines.push(`${u + 1},${i + 1},${r},${1_600_000_000 + u * 1000 + i}`);
    }
  }
  return { csv: lines.join('\n') + '\n', rows: lines.length - 1 };
}

/** Rows the clean stage must reject, one reason each. */
export const BAD_ROWS = ['7,3,9,1600000000', 'x,3,4,1600000000', '8,0,4,1600000000', '9,4,,1600000000'];

export const gzip = (text: string): Uint8Array => gzipSync(Buffer.from(text));
