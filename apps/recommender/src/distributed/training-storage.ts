// Where distributed training keeps its data and talks to its workers: one Blob container (training data,
// parameters, blocks) and two Storage queues (work units, reduces), through the Azure SDKs. Every call is
// timed, so benches read measured Blob and queue latencies off the same code the functions run.
import { createBlobServiceClient, deleteBlobsUnder, type StorageAccount } from '@suite/shared/storage';
import { createQueueServiceClient } from '../config/storage-accounts.ts';
import { decodeArrays, encodeArrays, type ArrayBundle } from './array-codec.ts';
import type { ReduceMessage, TaskMessage } from './training-messages.ts';

/** Queue names the queue-triggered functions listen on. */
export const TASK_QUEUE = 'rec-train-tasks';
export const REDUCE_QUEUE = 'rec-train-reduce';

/** Latency samples (ms) per operation kind, for benches and the run view. */
export interface StorageTimings {
  /** Milliseconds per call, with the bytes of each Blob call at the same index. */
  blobRead: number[];
  blobReadBytes: number[];
  blobWrite: number[];
  blobWriteBytes: number[];
  queueSend: number[];
  bytesRead: number;
  bytesWritten: number;
}

export interface TrainingStorage {
  putBundle(name: string, bundle: ArrayBundle): Promise<number>;
  getBundle(name: string): Promise<ArrayBundle>;
  sendTask(message: TaskMessage): Promise<void>;
  sendReduce(message: ReduceMessage): Promise<void>;
  /** Delete every blob under `prefix` (ending in `/`); returns how many this call deleted. */
  deleteUnder(prefix: string): Promise<number>;
  /** Create the container and queues when missing (idempotent). */
  ensure(): Promise<void>;
  timings: StorageTimings;
}

export interface TrainingStorageOptions {
  /** The account (TRAINING_STORAGE's forms), or a connection string (tests, benches). */
  account: StorageAccount | string;
  container: string;
}

/**
 * Queue messages are base64 JSON: the Functions host's default `messageEncoding` for Storage queue triggers,
 * so the functions receive the parsed object on Azure and on the local host alike.
 */
export function encodeQueueMessage(message: object): string {
  return Buffer.from(JSON.stringify(message), 'utf8').toString('base64');
}

const MAX_SAMPLES = 10_000;

/** Keep the most recent samples only (a long-lived instance must not grow without bound). */
function trim(t: StorageTimings): void {
  for (const a of [t.blobRead, t.blobReadBytes, t.blobWrite, t.blobWriteBytes, t.queueSend])
    if (a.length > MAX_SAMPLES) a.splice(0, a.length - MAX_SAMPLES);
}

export function createTrainingStorage(options: TrainingStorageOptions): TrainingStorage {
  const container = createBlobServiceClient(options.account).getContainerClient(options.container);
  const queues = createQueueServiceClient(options.account);
  const tasks = queues.getQueueClient(TASK_QUEUE);
  const reduces = queues.getQueueClient(REDUCE_QUEUE);
  const timings: StorageTimings = {
    blobRead: [],
    blobReadBytes: [],
    blobWrite: [],
    blobWriteBytes: [],
    queueSend: [],
    bytesRead: 0,
    bytesWritten: 0,
  };
  let ensured: Promise<void> | undefined;
  const timed = async <T>(into: number[], fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await fn();
    into.push(performance.now() - t0);
    return out;
  };
  return {
    timings,
    ensure() {
      ensured ??= Promise.all([
        container.createIfNotExists(),
        tasks.createIfNotExists(),
        reduces.createIfNotExists(),
      ]).then(
        () => undefined,
        (error: unknown) => {
          ensured = undefined;
          throw error;
        },
      );
      return ensured;
    },
    async putBundle(name, bundle) {
      const data = encodeArrays(bundle);
      await timed(timings.blobWrite, () => container.getBlockBlobClient(name).uploadData(data));
      timings.blobWriteBytes.push(data.length);
      timings.bytesWritten += data.length;
      trim(timings);
      return data.length;
    },
    async getBundle(name) {
      const buffer = await timed(timings.blobRead, () =>
        container.getBlockBlobClient(name).downloadToBuffer(),
      );
      timings.blobReadBytes.push(buffer.length);
      timings.bytesRead += buffer.length;
      trim(timings);
      return decodeArrays(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
    },
    async sendTask(message) {
      await timed(timings.queueSend, () => tasks.sendMessage(encodeQueueMessage(message)));
      trim(timings);
    },
    deleteUnder: (prefix) => deleteBlobsUnder(container, prefix),
    async sendReduce(message) {
      await timed(timings.queueSend, () => reduces.sendMessage(encodeQueueMessage(message)));
    },
  };
}
