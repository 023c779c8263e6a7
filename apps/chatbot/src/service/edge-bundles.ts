// The offline bundle (GET /api/edge/assistant) of the served assistant, encoded once per model version and
// knowledge base rather than on every download.
import { ConflictError } from '@suite/shared/errors';
import { toBase64, type EdgeBundle } from '../edge/edge-bundle.ts';
import { encodeClassifier } from '../nlp/classifier-artifact.ts';
import type { Assistant } from './assistant.ts';

/** A function giving the bundle of an assistant; 409 when it embeds messages with a sentence encoder. */
export function createEdgeBundles(handoffAfterLowTurns: number): (assistant: Assistant) => EdgeBundle {
  let edge: { version: string; kbHash: string; bundle: EdgeBundle } | undefined;
  return (assistant) => {
    if (assistant.encoder)
      throw new ConflictError(
        'offline answers need the classifier without a sentence encoder: this app embeds messages with one',
      );
    if (edge?.version !== assistant.modelVersion || edge.kbHash !== assistant.kbHash)
      edge = {
        version: assistant.modelVersion,
        kbHash: assistant.kbHash,
        bundle: {
          modelVersion: assistant.modelVersion,
          handoffAfterLowTurns,
          knowledgeBase: assistant.kb,
          classifier: toBase64(encodeClassifier(assistant.classifier)),
        },
      };
    return edge.bundle;
  };
}
