// Worker side of knowledge-base training: trains and encodes the classifier on this thread, off the app's event
// loop, and hands the artifact back transferred (not copied). The thread then ends, and its tables with it. Asked for
// a knowledge base's retrieval index instead (`kind: 'index'`), it builds that.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeClassifier } from '../nlp/classifier-artifact.ts';
import { trainOnExamples } from './knowledge-base-training.ts';
import { buildRetrievalIndex, encodeRetrievalIndex } from './retrieval-index.ts';
import type { IndexReply, TrainingReply, WorkerRequest } from './worker-training.ts';

const request = workerData as WorkerRequest;
if (request.kind === 'index') {
  const reply: IndexReply = { index: encodeRetrievalIndex(buildRetrievalIndex(request.kb, request.kbHash)) };
  parentPort?.postMessage(reply, [reply.index.buffer as ArrayBuffer]);
} else {
  const { classifier, info } = trainOnExamples(request.kb, request.set, request.encoder, request.options);
  const bytes = encodeClassifier(classifier);
  const reply: TrainingReply = { bytes, info };
  parentPort?.postMessage(reply, [bytes.buffer as ArrayBuffer]);
}
