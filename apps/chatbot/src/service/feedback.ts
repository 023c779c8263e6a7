// The feedback rules: a client suggests the right intent for a turn; only an admin's approval lets it reach a model.
import { recordFeedbackReceived } from '@suite/shared/telemetry';
import type { Db } from '@suite/shared/db';
import { ConflictError, SuiteError, ValidationError } from '@suite/shared/errors';
import {
  getFeedback,
  insertFeedback,
  reviewFeedback as updateReview,
  type FeedbackRow,
} from '../store/feedback-repository.ts';
import type { Assistant } from './assistant.ts';

export interface FeedbackInput {
  sessionId: string;
  turn: number;
  intent: string;
}

export type FeedbackResult = FeedbackRow & { created: boolean };

export interface FeedbackReviewResult {
  feedback: FeedbackRow;
  /** False when the same decision had been taken already (a repeat changes nothing). */
  changed: boolean;
}

/**
 * Stores the right intent for a turn as a pending suggestion; nothing changes in the served classifier (an
 * anonymous caller must not be able to retrain it for everyone). A turn takes one feedback: the same intent again
 * returns the stored row (`created: false`), another intent is a ConflictError; a conversation takes at most
 * `perConversation` (then 429); an intent the knowledge base does not have is a ValidationError, an unknown turn a
 * NotFoundError.
 */
export async function recordFeedback(
  db: Db,
  assistant: Assistant,
  { sessionId, turn, intent }: FeedbackInput,
  perConversation: number,
): Promise<FeedbackResult> {
  if (!assistant.classifier.labels.includes(intent)) {
    throw new ValidationError(`unknown intent "${intent}"`, [
      {
        path: 'intent',
        message: `not an intent of the knowledge base (${assistant.classifier.labels.length} known)`,
      },
    ]);
  }
  const outcome = await insertFeedback(db, { sessionId, turn, intent, limit: perConversation });
  if (outcome.kind === 'created') {
    recordFeedbackReceived({ app: 'chatbot', kind: 'intent' });
    return { ...outcome.row, created: true };
  }
  if (outcome.kind === 'limit')
    throw new SuiteError(
      `conversation ${sessionId} has given ${outcome.count} feedbacks, the most one conversation may give`,
      { code: 'feedback_limit', status: 429, details: { limit: perConversation } },
    );
  // Two labels for one turn would train the classifier both ways; a repeat (client retry) is harmless.
  if (outcome.row.intent === intent) return { ...outcome.row, created: false };
  throw new ConflictError(
    `turn ${turn} of conversation ${sessionId} already has feedback (${outcome.row.intent})`,
    { path: 'turn', intent: outcome.row.intent },
  );
}

/**
 * An admin approves (the next training run learns it) or rejects a pending feedback. Repeating the same decision
 * answers `changed: false`; the other decision on a reviewed feedback is a ConflictError; an unknown id NotFound.
 */
export async function reviewFeedback(
  db: Db,
  id: number,
  decision: 'approved' | 'rejected',
  reviewer: string,
): Promise<FeedbackReviewResult> {
  const updated = await updateReview(db, id, decision, reviewer);
  if (updated !== undefined) return { feedback: updated, changed: true };
  const current = await getFeedback(db, id);
  if (current.status === decision) return { feedback: current, changed: false };
  throw new ConflictError(`feedback ${id} is already ${current.status}`, { status: current.status });
}
