// SQL for handoffs to a person: opened by the dialogue, listed, claimed and resolved by an agent.
import { ConflictError, NotFoundError } from '@suite/shared/errors';
import type { Db, Queryable } from '@suite/shared/db';
import type { HandoffReason } from '../conversation/conversation-state.ts';
import {
  decideHandoffAction,
  type HandoffAction,
  type HandoffFilter,
  type HandoffRow,
  type HandoffStatus,
} from '../conversation/handoff-rules.ts';
import { iso, isoOrNull, textOrNull } from './row-values.ts';

const COLUMNS = `id, session_id, reason, status, turn, last_message, created_at,
  claimed_by, claimed_at, resolved_by, resolved_at, resolution_note`;

function toHandoff(r: Record<string, unknown>): HandoffRow {
  return {
    id: Number(r.id),
    sessionId: String(r.session_id),
    reason: r.reason as HandoffReason,
    status: r.status as HandoffStatus,
    turn: Number(r.turn),
    lastMessage: String(r.last_message),
    createdAt: iso(r.created_at),
    claimedBy: textOrNull(r.claimed_by),
    claimedAt: isoOrNull(r.claimed_at),
    resolvedBy: textOrNull(r.resolved_by),
    resolvedAt: isoOrNull(r.resolved_at),
    resolutionNote: textOrNull(r.resolution_note),
  };
}

/**
 * Opens a handoff for the session unless one is already open or claimed (that one keeps its first record).
 * A turn numbered at or below the last resolution's `resolved_turn` was in flight while an agent resolved the
 * session, so it does not reopen it.
 */
export async function openHandoff(
  db: Queryable,
  sessionId: string,
  reason: HandoffReason,
  turn: number,
  lastMessage: string,
): Promise<void> {
  await db.query(
    `INSERT INTO chat_handoffs (session_id, reason, turn, last_message)
     SELECT $1, $2, $3, $4 WHERE NOT EXISTS (
       SELECT 1 FROM chat_handoffs WHERE session_id = $1 AND status = 'resolved' AND resolved_turn >= $3)
     ON CONFLICT (session_id) WHERE status <> 'resolved' DO NOTHING`,
    [sessionId, reason, turn, lastMessage],
  );
}

export async function listHandoffs(
  db: Queryable,
  filter: HandoffFilter,
  limit: number,
): Promise<HandoffRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM chat_handoffs
      WHERE ($1 = 'all' OR status = $1 OR ($1 = 'unresolved' AND status <> 'resolved'))
      ORDER BY created_at DESC, id DESC LIMIT $2`,
    [filter, limit],
  );
  return rows.map(toHandoff);
}

/** Handoff `id`; NotFoundError when there is none. */
export async function getHandoff(db: Queryable, id: number): Promise<HandoffRow> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM chat_handoffs WHERE id = $1`,
    [id],
  );
  if (rows[0] === undefined) throw new NotFoundError(`handoff ${id} not found`);
  return toHandoff(rows[0]);
}

/**
 * Claims or resolves handoff `id` for an agent under a row lock, so two agents racing get one success and one
 * ConflictError. NotFoundError for an unknown id. `changed` is false when the call repeated an earlier one.
 */
export async function actOnHandoff(
  db: Db,
  id: number,
  action: HandoffAction,
): Promise<{ handoff: HandoffRow; changed: boolean }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<Record<string, unknown>>(
      `SELECT ${COLUMNS} FROM chat_handoffs WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const found = rows[0];
    if (found === undefined) throw new NotFoundError(`handoff ${id} not found`);
    const row = toHandoff(found);
    const decision = decideHandoffAction(row, action);
    if (decision === 'same') return { handoff: row, changed: false };
    if (decision !== 'apply')
      throw new ConflictError(decision, {
        id,
        status: row.status,
        claimedBy: row.claimedBy,
        resolvedBy: row.resolvedBy,
      });
    const updated =
      action.kind === 'claim'
        ? await tx.query<Record<string, unknown>>(
            `UPDATE chat_handoffs SET status = 'claimed', claimed_by = $2, claimed_at = now()
              WHERE id = $1 RETURNING ${COLUMNS}`,
            [id, action.agent],
          )
        : await tx.query<Record<string, unknown>>(
            `UPDATE chat_handoffs SET status = 'resolved', resolved_by = $2, resolved_at = now(),
                    resolution_note = $3, resolved_turn = turn,
                    claimed_by = coalesce(claimed_by, $2), claimed_at = coalesce(claimed_at, now())
              WHERE id = $1 RETURNING ${COLUMNS}`,
            [id, action.agent, action.note ?? null],
          );
    return { handoff: toHandoff(updated.rows[0] as Record<string, unknown>), changed: true };
  });
}

/** Records the session's last turn at resolution (see {@link openHandoff}). */
export async function markResolvedTurn(db: Queryable, id: number, turn: number): Promise<void> {
  await db.query(
    'UPDATE chat_handoffs SET resolved_turn = GREATEST(coalesce(resolved_turn, 0), $2) WHERE id = $1',
    [id, turn],
  );
}
