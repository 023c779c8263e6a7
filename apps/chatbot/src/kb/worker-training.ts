// Runs knowledge-base training in a worker thread, so the app's event loop keeps answering (health, chats) while the
// classifier trains: seconds of CPU on a small machine, tens of seconds when it is loaded.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { SuiteError } from '@suite/shared/errors';
import { decodeClassifier, encodeClassifier } from '../nlp/classifier-artifact.ts';
import type { IntentClassifier } from '../nlp/intent-classifier.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import type { SentenceEncoder } from '../embeddings/sentence-encoder.ts';
import {
  embedExamples,
  knowledgeBaseExamples,
  trainOnExamples,
  type EncoderStamp,
  type FeedbackExample,
  type KnowledgeBaseExamples,
  type KnowledgeBaseTrainingOptions,
} from './knowledge-base-training.ts';

/** What the worker trains on: everything `trainOnExamples` takes (the examples already embedded). */
export interface TrainingRequest {
  kind?: 'train';
  kb: KnowledgeBase;
  set: KnowledgeBaseExamples;
  encoder: EncoderStamp | undefined;
  options: KnowledgeBaseTrainingOptions;
}

/** The worker's answer: the classifier artifact (as `encodeClassifier` writes it) and the manifest metadata. */
export interface TrainingReply {
  bytes: Uint8Array;
  info: Record<string, unknown>;
}

/** The worker asked for a knowledge base's retrieval index (built while the classifier trains in another). */
export interface IndexRequest {
  kind: 'index';
  kb: KnowledgeBase;
  kbHash: string;
}

export interface IndexReply {
  index: Uint8Array;
}

export type WorkerRequest = TrainingRequest | IndexRequest;

/** A training that threw in its worker, or a worker that ended without an answer (500; the cause is logged). */
export class TrainingWorkerError extends SuiteError {
  constructor(message: string, code: 'training_failed' | 'training_worker_exited', cause?: unknown) {
    super(message, { code, status: 500, cause });
  }
}

export interface WorkerTrainingOptions {
  /** Terminates the worker: the promise rejects with a TrainingWorkerError (`training_worker_exited`). */
  signal?: AbortSignal;
  /** The worker's heap limits; past them it is stopped and reported (`training_failed`), the app lives on. */
  resourceLimits?: ResourceLimits;
}

// Beside this module in the sources and, once bundled, beside the chunk holding it (suite-bundle writes it there).
const WORKER_URL = new URL('./training-worker-entry.mjs', import.meta.url);

/**
 * Trains in a fresh worker thread and resolves with the artifact bytes (transferred, not copied). The thread ends as
 * soon as it answered, so its copies of the tables training loads (character table, language models) go with it.
 * A throw in the worker, a worker out of memory or one that exits early rejects with a {@link TrainingWorkerError};
 * none of them reaches the app's own thread.
 *
 * @example const { bytes, info } = await trainInWorker({ kb, set, encoder: undefined, options: { minConfidence: 0.55 } });
 */
export function trainInWorker(
  request: TrainingRequest,
  options: WorkerTrainingOptions = {},
): Promise<TrainingReply> {
  return runWorker<TrainingReply>(request, options);
}

/**
 * Builds `kb`'s retrieval index (`encodeRetrievalIndex` bytes) in a fresh worker thread: the analysis of every text
 * of the knowledge base, which would stall the app's event loop for as long.
 *
 * @example const index = decodeRetrievalIndex(await indexInWorker(kb, knowledgeBaseHash(kb)));
 */
export async function indexInWorker(
  kb: KnowledgeBase,
  kbHash: string,
  options: WorkerTrainingOptions = {},
): Promise<Uint8Array> {
  return (await runWorker<IndexReply>({ kind: 'index', kb, kbHash }, options)).index;
}

function runWorker<R>(request: WorkerRequest, options: WorkerTrainingOptions): Promise<R> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: request,
      ...(options.resourceLimits && { resourceLimits: options.resourceLimits }),
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => void worker.terminate();
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: R) => {
      settle(() => resolve(reply));
      void worker.terminate(); // it is done: end it now rather than when its loop drains
    });
    worker.once('messageerror', (error) =>
      settle(() =>
        reject(
          new TrainingWorkerError('the training worker sent an unreadable answer', 'training_failed', error),
        ),
      ),
    );
    worker.once('error', (error) => {
      const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      settle(() =>
        reject(
          new TrainingWorkerError(
            `${request.kind ?? 'training'} failed in its worker thread: ${what}`,
            'training_failed',
            error,
          ),
        ),
      );
    });
    worker.once('exit', (code) =>
      settle(() =>
        reject(
          new TrainingWorkerError(
            `the training worker exited with code ${code} before it answered${options.signal?.aborted ? ' (stopped)' : ''}`,
            'training_worker_exited',
          ),
        ),
      ),
    );
  });
}

/**
 * Trains the classifier of a knowledge base where `options.thread` says: in a worker thread (`worker`, the app's
 * default), or on this thread (`main`: its event loop answers nothing meanwhile). An encoder embeds the examples here
 * first (its ONNX session runs off the event loop already). Returns the classifier, its artifact (the copy to
 * publish; the caller drops it then) and the manifest metadata.
 */
export async function trainKnowledgeBaseClassifier(
  kb: KnowledgeBase,
  feedback: readonly FeedbackExample[],
  encoder: SentenceEncoder | undefined,
  options: KnowledgeBaseTrainingOptions & WorkerTrainingOptions & { thread?: 'worker' | 'main' },
): Promise<TrainingReply & { classifier: IntentClassifier }> {
  const { thread = 'worker', signal, resourceLimits, ...trainOptions } = options;
  const set = knowledgeBaseExamples(kb, feedback);
  const stamp = await embedExamples(set.examples, encoder);
  if (thread === 'worker') {
    const request = { kb, set, encoder: stamp, options: trainOptions };
    const { bytes, info } = await trainInWorker(request, { signal, resourceLimits });
    return { bytes, info, classifier: decodeClassifier(bytes) };
  }
  const { classifier, info } = trainOnExamples(kb, set, stamp, trainOptions);
  return { bytes: encodeClassifier(classifier), info, classifier };
}
