// Worker side of knowledge-base training: trains and encodes the classifier on this thread, off the app's event
// loop, builds the knowledge base's retrieval index, and hands both back transferred (not copied). The thread then
// ends, and its tables with it. Asked for the index alone (`kind: 'index'`), it builds only that.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeClassifier } from '../nlp/classifier-artifact.ts';
import { trainOnExamples } from './knowledge-base-training.ts';
import { buildRetrievalIndex, encodeRetrievalIndex } from './retrieval-index.ts';
import type { IndexReply, TrainingReply, WorkerRequest } from './worker-training.ts';

const request = workerData as WorkerRequest;
if (request.kind === 'index') {
  const reply: IndexReply = { index: encodeRetrievalIndex(buildRetrievalIndex(request.kb)) };
  parentPort?.postMessage(reply, [reply.index.buffer as ArrayBuffer]);
} else {
  const { classifier, info } = trainOnExamples(request.kb, request.set, request.encoder, request.options);
  const bytes = encodeClassifier(classifier);
  const index = encodeRetrievalIndex(buildRetrievalIndex(request.kb));
  const reply: TrainingReply = { bytes, info, index };
  parentPort?.postMessage(reply, [bytes.buffer as ArrayBuffer, index.buffer as ArrayBuffer]);
}
