// SQL for answered turns (feedback: feedback-repository.ts, handoffs: handoff-repository.ts).
import type { Queryable } from '@suite/shared/db';
import type { AnswerSource } from '../conversation/conversation-state.ts';
import { iso, textOrNull } from './row-values.ts';

/** Who answered a turn: the assistant (how), or an agent's reply during a handoff. */
export type TurnSource = AnswerSource | 'agent';

export interface TurnRow {
  sessionId: string;
  turn: number;
  message: string;
  reply: string;
  intent: string | null;
  confidence: number;
  outOfScope: boolean;
  source: TurnSource;
  kbEntries: string[];
  handedOff: boolean;
  modelVersion: string | null;
  /** The reply's language (the message's, among the knowledge base's); null on agent replies and older turns. */
  language?: string | null;
  /** The message's own language, declared or not ("ja" to a base without Japanese); null when it names none. */
  messageLanguage?: string | null;
  createdAt?: string;
  /** An agent's reply (source 'agent'): who wrote it, for which handoff; null on the assistant's turns. */
  agent?: string | null;
  handoffId?: number | null;
}

export async function insertTurn(db: Queryable, t: TurnRow): Promise<void> {
  await db.query(
    `INSERT INTO chat_turns (session_id, turn, message, reply, intent, confidence, out_of_scope, source, kb_entries,
                             handed_off, model_version, language, message_language)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13)`,
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
      t.language ?? null,
      t.messageLanguage ?? null,
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
    `SELECT ${TURN_COLUMNS} FROM chat_turns WHERE session_id = $1 ORDER BY turn`,
    [sessionId],
  );
  return rows.map(toTurn);
}

const TURN_COLUMNS = `session_id, turn, message, reply, intent, confidence, out_of_scope, source, kb_entries,
  handed_off, model_version, language, message_language, created_at, agent, handoff_id`;

function toTurn(r: Record<string, unknown>): TurnRow {
  return {
    sessionId: String(r.session_id),
    turn: Number(r.turn),
    message: String(r.message),
    reply: String(r.reply),
    intent: r.intent === null ? null : String(r.intent),
    confidence: Number(r.confidence),
    outOfScope: Boolean(r.out_of_scope),
    source: r.source as TurnSource,
    kbEntries: (typeof r.kb_entries === 'string' ? JSON.parse(r.kb_entries) : r.kb_entries) as string[],
    handedOff: Boolean(r.handed_off),
    modelVersion: r.model_version === null ? null : String(r.model_version),
    language: textOrNull(r.language),
    messageLanguage: textOrNull(r.message_language),
    createdAt: iso(r.created_at),
    agent: r.agent === null ? null : String(r.agent),
    handoffId: r.handoff_id === null ? null : Number(r.handoff_id),
  };
}

/** What an agent's reply stores: its text as the turn's reply, under a turn number the caller reserved. */
export interface AgentTurnInput {
  sessionId: string;
  turn: number;
  handoffId: number;
  agent: string;
  message: string;
  replyId: string | null;
}

/**
 * Stores an agent's reply as a turn; undefined when a reply with the same `replyId` for the handoff is already
 * stored (read it with {@link findAgentReply}).
 */
export async function insertAgentTurn(db: Queryable, t: AgentTurnInput): Promise<TurnRow | undefined> {
  const { rows } = await db.query<Record<string, unknown>>(
    `INSERT INTO chat_turns (session_id, turn, message, reply, intent, confidence, out_of_scope, source, handed_off,
                             agent, handoff_id, reply_id)
     VALUES ($1, $2, '', $3, NULL, 1, false, 'agent', true, $4, $5, $6)
     ON CONFLICT (handoff_id, reply_id) WHERE reply_id IS NOT NULL DO NOTHING
     RETURNING ${TURN_COLUMNS}`,
    [t.sessionId, t.turn, t.message, t.agent, t.handoffId, t.replyId],
  );
  return rows[0] === undefined ? undefined : toTurn(rows[0]);
}

/** The reply stored under `replyId` for a handoff, if any. */
export async function findAgentReply(
  db: Queryable,
  handoffId: number,
  replyId: string,
): Promise<TurnRow | undefined> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${TURN_COLUMNS} FROM chat_turns WHERE handoff_id = $1 AND reply_id = $2`,
    [handoffId, replyId],
  );
  return rows[0] === undefined ? undefined : toTurn(rows[0]);
}
