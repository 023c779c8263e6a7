// SQL for answered turns and feedback on turns (handoffs: handoff-repository.ts).
import { NotFoundError } from '@suite/shared/errors';
import type { Queryable } from '@suite/shared/db';
import type { AnswerSource } from './conversation-state.ts';

export interface TurnRow {
  sessionId: string;
  turn: number;
  message: string;
  reply: string;
  intent: string | null;
  confidence: number;
  outOfScope: boolean;
  source: AnswerSource;
  kbEntries: string[];
  handedOff: boolean;
  modelVersion: string | null;
  createdAt?: string;
}

export interface FeedbackRow {
  id: number;
  sessionId: string;
  turn: number;
  message: string;
  predicted: string | null;
  intent: string;
  createdAt: string;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

export async function insertTurn(db: Queryable, t: TurnRow): Promise<void> {
  await db.query(
    `INSERT INTO chat_turns (session_id, turn, message, reply, intent, confidence, out_of_scope, source, kb_entries, handed_off, model_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
    [
      t.sessionId,
      t.turn,
      t.message,
      t.reply,
      t.intent,
      t.confidence,
      t.outOfScope,
      t.source,
      JSON.stringify(t.kbEntries),
      t.handedOff,
      t.modelVersion,
    ],
  );
}

/** Highest recorded turn of a session (0 when none): a session whose state expired continues its numbering. */
export async function lastTurnNumber(db: Queryable, sessionId: string): Promise<number> {
  const { rows } = await db.query<{ last: number | null }>(
    'SELECT max(turn) AS last FROM chat_turns WHERE session_id = $1',
    [sessionId],
  );
  return Number(rows[0]?.last ?? 0);
}

export async function listTurns(db: Queryable, sessionId: string): Promise<TurnRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT session_id, turn, message, reply, intent, confidence, out_of_scope, source, kb_entries, handed_off, model_version, created_at
       FROM chat_turns WHERE session_id = $1 ORDER BY turn`,
    [sessionId],
  );
  return rows.map((r) => ({
    sessionId: String(r.session_id),
    turn: Number(r.turn),
    message: String(r.message),
    reply: String(r.reply),
    intent: r.intent === null ? null : String(r.intent),
    confidence: Number(r.confidence),
    outOfScope: Boolean(r.out_of_scope),
    source: r.source as AnswerSource,
    kbEntries: (typeof r.kb_entries === 'string' ? JSON.parse(r.kb_entries) : r.kb_entries) as string[],
    handedOff: Boolean(r.handed_off),
    modelVersion: r.model_version === null ? null : String(r.model_version),
    createdAt: iso(r.created_at),
  }));
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
