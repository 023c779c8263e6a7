// SQL for feedback on turns: one suggested intent per turn, pending until an admin approves or rejects it.
import { NotFoundError } from '@suite/shared/errors';
import type { Db, Queryable } from '@suite/shared/db';
import { iso, isoOrNull, textOrNull } from './row-values.ts';

export type FeedbackStatus = 'pending' | 'approved' | 'rejected';

export interface FeedbackRow {
  id: number;
  sessionId: string;
  turn: number;
  message: string;
  predicted: string | null;
  intent: string;
  status: FeedbackStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

const COLUMNS =
  'id, session_id, turn, message, predicted, intent, status, reviewed_by, reviewed_at, created_at';
// Advisory-lock class of the per-conversation feedback count (second key: the session id's hash).
const FEEDBACK_LOCK = 0x63686662; // "chfb"

/** The feedback already given for a turn, if any (a turn takes one). */
export async function findFeedback(
  db: Queryable,
  sessionId: string,
  turn: number,
): Promise<FeedbackRow | undefined> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM chat_feedback WHERE session_id = $1 AND turn = $2`,
    [sessionId, turn],
  );
  return rows[0] === undefined ? undefined : toFeedback(rows[0]);
}

/** What inserting a feedback came to: the new row, the turn's existing one, or the conversation's limit. */
export type InsertFeedbackOutcome =
  | { kind: 'created'; row: FeedbackRow }
  | { kind: 'exists'; row: FeedbackRow }
  | { kind: 'limit'; count: number };

/**
 * Records a pending suggestion for a turn, unless the turn has one already or the conversation has `limit`
 * suggestions. The count is taken under a per-conversation advisory lock, so simultaneous requests cannot
 * overshoot it; the unique index on (session_id, turn) keeps a second row for a turn out whatever happens.
 * NotFoundError when the session has no such turn.
 */
export async function insertFeedback(
  db: Db,
  input: { sessionId: string; turn: number; intent: string; limit: number },
): Promise<InsertFeedbackOutcome> {
  const { sessionId, turn, intent, limit } = input;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2::text))', [FEEDBACK_LOCK, sessionId]);
    const existing = await findFeedback(tx, sessionId, turn);
    if (existing !== undefined) return { kind: 'exists', row: existing };
    const { rows: counted } = await tx.query<{ n: number | string }>(
      'SELECT count(*) AS n FROM chat_feedback WHERE session_id = $1',
      [sessionId],
    );
    const count = Number(counted[0]?.n ?? 0);
    if (count >= limit) return { kind: 'limit', count };
    const { rows } = await tx.query<Record<string, unknown>>(
      `INSERT INTO chat_feedback (session_id, turn, message, predicted, intent)
       SELECT session_id, turn, message, intent, $3 FROM chat_turns WHERE session_id = $1 AND turn = $2 AND source <> 'agent'
       ON CONFLICT (session_id, turn) DO NOTHING
       RETURNING ${COLUMNS}`,
      [sessionId, turn, intent],
    );
    if (rows[0] !== undefined) return { kind: 'created', row: toFeedback(rows[0]) };
    const raced = await findFeedback(tx, sessionId, turn);
    if (raced !== undefined) return { kind: 'exists', row: raced };
    throw new NotFoundError(`conversation ${sessionId} has no turn ${turn} of the assistant`);
  });
}

/**
 * Moves a pending feedback to `status`, recording who decided; undefined when it is not pending (the caller reads
 * it to tell a repeat from a conflict).
 */
export async function reviewFeedback(
  db: Queryable,
  id: number,
  status: Exclude<FeedbackStatus, 'pending'>,
  reviewer: string,
): Promise<FeedbackRow | undefined> {
  const { rows } = await db.query<Record<string, unknown>>(
    `UPDATE chat_feedback SET status = $2, reviewed_by = $3, reviewed_at = now()
      WHERE id = $1 AND status = 'pending' RETURNING ${COLUMNS}`,
    [id, status, reviewer],
  );
  return rows[0] === undefined ? undefined : toFeedback(rows[0]);
}

/** One feedback by id, or NotFoundError. */
export async function getFeedback(db: Queryable, id: number): Promise<FeedbackRow> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM chat_feedback WHERE id = $1`,
    [id],
  );
  if (rows[0] === undefined) throw new NotFoundError(`feedback ${id} not found`);
  return toFeedback(rows[0]);
}

/** Feedback in `status` (or every status), oldest first: approved feedback is what training reads. */
export async function listFeedback(
  db: Queryable,
  status: FeedbackStatus | 'all',
  limit = 10_000,
): Promise<FeedbackRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM chat_feedback WHERE $1 = 'all' OR status = $1 ORDER BY id LIMIT $2`,
    [status, limit],
  );
  return rows.map(toFeedback);
}

function toFeedback(r: Record<string, unknown>): FeedbackRow {
  return {
    id: Number(r.id),
    sessionId: String(r.session_id),
    turn: Number(r.turn),
    message: String(r.message),
    predicted: textOrNull(r.predicted),
    intent: String(r.intent),
    status: String(r.status) as FeedbackStatus,
    reviewedBy: textOrNull(r.reviewed_by),
    reviewedAt: isoOrNull(r.reviewed_at),
    createdAt: iso(r.created_at),
  };
}
