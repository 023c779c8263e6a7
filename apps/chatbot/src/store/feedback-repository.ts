// SQL for feedback on turns: the right intent for a turn, one per turn, read back for training.
import { NotFoundError } from '@suite/shared/errors';
import type { Queryable } from '@suite/shared/db';
import { iso } from './row-values.ts';

export interface FeedbackRow {
  id: number;
  sessionId: string;
  turn: number;
  message: string;
  predicted: string | null;
  intent: string;
  createdAt: string;
}

/** The feedback already given for a turn, if any (a turn takes one). */
export async function findFeedback(
  db: Queryable,
  sessionId: string,
  turn: number,
): Promise<FeedbackRow | undefined> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT id, session_id, turn, message, predicted, intent, created_at FROM chat_feedback
      WHERE session_id = $1 AND turn = $2 ORDER BY id LIMIT 1`,
    [sessionId, turn],
  );
  return rows[0] === undefined ? undefined : toFeedback(rows[0]);
}

/**
 * Records the right intent for a turn; undefined when the turn has feedback already (the caller reads it),
 * NotFoundError when the session has no such turn.
 */
export async function insertFeedback(
  db: Queryable,
  sessionId: string,
  turn: number,
  intent: string,
): Promise<FeedbackRow | undefined> {
  const { rows } = await db.query<Record<string, unknown>>(
    `INSERT INTO chat_feedback (session_id, turn, message, predicted, intent)
     SELECT session_id, turn, message, intent, $3 FROM chat_turns t WHERE session_id = $1 AND turn = $2
        AND NOT EXISTS (SELECT 1 FROM chat_feedback f WHERE f.session_id = t.session_id AND f.turn = t.turn)
     RETURNING id, session_id, turn, message, predicted, intent, created_at`,
    [sessionId, turn, intent],
  );
  const r = rows[0];
  if (r !== undefined) return toFeedback(r);
  if ((await findFeedback(db, sessionId, turn)) === undefined)
    throw new NotFoundError(`conversation ${sessionId} has no turn ${turn}`);
  return undefined;
}

function toFeedback(r: Record<string, unknown>): FeedbackRow {
  return {
    id: Number(r.id),
    sessionId: String(r.session_id),
    turn: Number(r.turn),
    message: String(r.message),
    predicted: r.predicted === null ? null : String(r.predicted),
    intent: String(r.intent),
    createdAt: iso(r.created_at),
  };
}

/** Feedback with an id above `afterId`, oldest first: what a model trained up to `afterId` has not seen. */
export async function listFeedback(db: Queryable, afterId = 0, limit = 10_000): Promise<FeedbackRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT id, session_id, turn, message, predicted, intent, created_at FROM chat_feedback WHERE id > $1 ORDER BY id LIMIT $2`,
    [afterId, limit],
  );
  return rows.map(toFeedback);
}
