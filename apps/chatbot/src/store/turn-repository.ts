// SQL for answered turns (feedback: feedback-repository.ts, handoffs: handoff-repository.ts).
import type { Queryable } from '@suite/shared/db';
import type { AnswerSource } from '../conversation/conversation-state.ts';
import { iso } from './row-values.ts';

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
