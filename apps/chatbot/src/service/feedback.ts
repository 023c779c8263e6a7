// The feedback rule: one right intent per turn, stored, then folded into the served classifier at once.
import type { Db } from '@suite/shared/db';
import { ConflictError, ValidationError } from '@suite/shared/errors';
import { findFeedback, insertFeedback, type FeedbackRow } from '../store/feedback-repository.ts';
import type { Assistant } from './assistant.ts';

export interface FeedbackInput {
  sessionId: string;
  turn: number;
  intent: string;
}

export type FeedbackResult = FeedbackRow & { applied: boolean; created: boolean };

/**
 * Stores the right intent for a turn and folds it into `assistant`'s classifier. A turn takes one feedback: the
 * same intent again returns the stored row (`created: false`), another intent is a ConflictError; an intent the
 * knowledge base does not have is a ValidationError, an unknown turn a NotFoundError.
 */
export async function recordFeedback(
  db: Db,
  assistant: Assistant,
  { sessionId, turn, intent }: FeedbackInput,
): Promise<FeedbackResult> {
  if (!assistant.classifier.labels.includes(intent)) {
    throw new ValidationError(`unknown intent "${intent}"`, [
      {
        path: 'intent',
        message: `not an intent of the knowledge base (${assistant.classifier.labels.length} known)`,
      },
    ]);
  }
  // Two labels for one turn would train the classifier both ways; a repeat (client retry) is harmless.
  const row = await insertFeedback(db, sessionId, turn, intent);
  if (row === undefined) {
    const existing = await findFeedback(db, sessionId, turn);
    if (existing !== undefined && existing.intent === intent)
      return { ...existing, applied: false, created: false };
    throw new ConflictError(
      `turn ${turn} of conversation ${sessionId} already has feedback (${existing?.intent ?? 'unknown'})`,
      { path: 'turn', intent: existing?.intent },
    );
  }
  const embedding = assistant.encoder ? (await assistant.encoder.embed([row.message]))[0] : undefined;
  return { ...row, applied: assistant.classifier.learn(row.message, intent, embedding), created: true };
}
