// The pipeline's Blob container (input files, chunks, model states) and its stage queues, on one storage account.
import type { ContainerClient } from '@azure/storage-blob';
import { createBlobServiceClient, type StorageAccount } from '@suite/shared/storage';
import { createQueueServiceClient } from '../config/storage-accounts.ts';

/** The stages, in order; each has its own queue `rec-pipeline-<stage>` and queue-triggered function. */
export const STAGES = ['split', 'clean', 'features', 'train', 'evaluate', 'publish'] as const;
export type Stage = (typeof STAGES)[number];

/** The queue a stage's function polls. */
export const stageQueue = (stage: Stage): string => `rec-pipeline-${stage}`;

/** One unit of work: a run's chunk at a stage (split and publish use chunk 0). */
export interface StageMessage {
  run: string;
  chunk: number;
}

/** Blob and queue access of the pipeline. */
export interface PipelineStorage {
  container: ContainerClient;
  /** Enqueues a stage message, base64-encoded as the Functions host reads queue messages by default. */
  send(stage: Stage, message: StageMessage): Promise<void>;
  putBlob(name: string, data: Uint8Array): Promise<void>;
  getBlob(name: string): Promise<Buffer>;
}

/** Blob names of a run's intermediate data (under `runs/<id>/`, what retention deletes once the run has ended). */
export const runPrefix = (run: string): string => `runs/${run}/`;
export const chunkBlob = (run: string, kind: 'raw' | 'clean' | 'features', chunk: number): string =>
  `runs/${run}/${kind}/${String(chunk).padStart(6, '0')}.bin`;
export const stateBlob = (run: string, chunk: number): string =>
  `runs/${run}/model/after-${String(chunk).padStart(6, '0')}.bin`;

/**
 * Builds the clients once (`account`: PIPELINE_STORAGE's forms, or a connection string in tests); the container
 * and queues are created on first use.
 */
export function createPipelineStorage(
  account: StorageAccount | string,
  containerName: string,
): PipelineStorage {
  const container = createBlobServiceClient(account).getContainerClient(containerName);
  const queues = createQueueServiceClient(account);
  let containerReady: Promise<unknown> | undefined;
  const queueReady = new Map<Stage, Promise<unknown>>();
  const ensureContainer = async () => {
    containerReady ??= container.createIfNotExists();
    try {
      await containerReady;
    } catch (error) {
      containerReady = undefined;
      throw error;
    }
  };
  return {
    container,
    async send(stage, message) {
      const queue = queues.getQueueClient(stageQueue(stage));
      let ready = queueReady.get(stage);
      if (!ready) {
        ready = queue.createIfNotExists();
        queueReady.set(stage, ready);
        ready.catch(() => queueReady.delete(stage));
      }
      await ready;
      await queue.sendMessage(Buffer.from(JSON.stringify(message)).toString('base64'));
    },
    async putBlob(name, data) {
      await ensureContainer();
      await container.getBlockBlobClient(name).uploadData(data);
    },
    async getBlob(name) {
      return container.getBlobClient(name).downloadToBuffer();
    },
  };
}
