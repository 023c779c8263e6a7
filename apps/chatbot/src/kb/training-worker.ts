// Worker side of knowledge-base training: trains and encodes the classifier on this thread, off the app's event
// loop, and hands the artifact back transferred (not copied). The thread then ends, and its tables with it.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeClassifier } from '../nlp/classifier-artifact.ts';
import { trainOnExamples } from './knowledge-base-training.ts';
import type { TrainingReply, TrainingRequest } from './worker-training.ts';

const request = workerData as TrainingRequest;
const { classifier, info } = trainOnExamples(request.kb, request.set, request.encoder, request.options);
const bytes = encodeClassifier(classifier);
const reply: TrainingReply = { bytes, info };
parentPort?.postMessage(reply, [bytes.buffer as ArrayBuffer]);
